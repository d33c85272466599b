import type { HistoryRow, InstructionKind } from '@shared/dto/images';

const KINDS = new Set<string>([
  'FROM', 'RUN', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER',
  'WORKDIR', 'VOLUME', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER',
]);

export interface ParsedInstruction {
  kind: InstructionKind;
  instruction: string;
  buildkit: boolean;
}

/**
 * Makes a history row's `created_by` read like the Dockerfile line it came from:
 * `/bin/sh -c #(nop)  CMD ["sh"]` → `CMD ["sh"]`, `/bin/sh -c echo hi` → `RUN echo hi`,
 * `RUN |1 V=2 /bin/sh -c make # buildkit` → `RUN make`.
 */
export function parseCreatedBy(createdBy: string, comment = ''): ParsedInstruction {
  let text = createdBy.trim();
  let buildkit = comment.startsWith('buildkit') || / # buildkit$/.test(text);
  text = text.replace(/\s*# buildkit$/, '');
  if (text === '') return { kind: 'UNKNOWN', instruction: '', buildkit };
  const nop = /^\/bin\/sh -c #\(nop\)\s+([\s\S]*)$/.exec(text);
  if (nop?.[1] !== undefined) {
    text = nop[1].trim();
  } else {
    // BuildKit writes `RUN |2 A=1 B=2 /bin/sh -c cmd`: the build args in front are not part of the line.
    const bk = /^RUN (?:\|\d+ (?:\S+=\S*\s+)*)?\/bin\/sh -c ([\s\S]*)$/.exec(text);
    if (bk?.[1] !== undefined) {
      buildkit = true;
      text = `RUN ${bk[1]}`;
    } else {
      const shell = /^\/bin\/sh -c ([\s\S]*)$/.exec(text);
      if (shell?.[1] !== undefined) text = `RUN ${shell[1]}`;
      else if (!KINDS.has(firstWord(text))) text = `RUN ${text}`;
    }
  }
  const word = firstWord(text);
  const kind = (KINDS.has(word) ? word : 'UNKNOWN') as InstructionKind;
  if (kind === 'COPY' || kind === 'ADD') {
    // The classic builder names sources by content hash: `COPY file:4f2a… in /app/x`.
    text = text.replace(/^(COPY|ADD) (file|dir|multi):([0-9a-f]{12})[0-9a-f]* in /, '$1 $2:$3 ');
  }
  if (kind === 'EXPOSE') {
    // BuildKit prints the Go map: `EXPOSE map[80/tcp:{}]`.
    const ports = /^EXPOSE map\[(.*)\]$/.exec(text);
    if (ports?.[1] !== undefined) text = `EXPOSE ${ports[1].replaceAll(':{}', '')}`;
  }
  return { kind, instruction: text.trim(), buildkit };
}

function firstWord(text: string): string {
  return /^([A-Z]+)\b/.exec(text)?.[1] ?? '';
}

/** What GET /images/{name}/history answers, newest first. */
export interface EngineHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

const MAYBE_LAYER = new Set<InstructionKind>(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Rows in build order, each filesystem row mapped to its diff ID. The history API does not say
 * which zero-byte rows made a layer: rows with bytes always did; RUN/COPY/ADD/WORKDIR rows of
 * zero bytes are taken in order until the count matches RootFS.Layers (`layerCounts` — the
 * layer count of each row's intermediate image, where known — settles the doubtful ones).
 */
export function buildHistoryRows(
  entries: EngineHistoryEntry[],
  diffIds: string[],
  layerCounts: Map<string, number> = new Map(),
): HistoryRow[] {
  const ordered = [...entries].reverse();
  const parsed = ordered.map((e) => parseCreatedBy(e.CreatedBy, e.Comment));
  const filesystem = ordered.map((e, i) => e.Size > 0 || (MAYBE_LAYER.has(parsed[i]!.kind) && e.Size === 0 ? null : false));
  // null = doubtful; decide those.
  let sure = filesystem.filter((f) => f === true).length;
  const doubtful = filesystem.map((f, i) => (f === null ? i : -1)).filter((i) => i >= 0);
  const fromIntermediate = (i: number): boolean | undefined => {
    const id = ordered[i]!.Id;
    const count = layerCounts.get(id);
    if (count === undefined) return undefined;
    const previous = i === 0 ? 0 : layerCounts.get(ordered[i - 1]!.Id);
    return previous === undefined ? undefined : count > previous;
  };
  for (const i of doubtful) {
    const known = fromIntermediate(i);
    if (known !== undefined) {
      filesystem[i] = known;
      if (known) sure++;
    }
  }
  let needed = diffIds.length - sure;
  for (const i of doubtful) {
    if (filesystem[i] !== null) continue;
    // Non-WORKDIR steps first is how both builders behave in practice.
    const take = needed > 0;
    filesystem[i] = take;
    if (take) needed--;
  }
  let layer = 0;
  return ordered.map((entry, index) => {
    const p = parsed[index]!;
    const isFs = filesystem[index] === true;
    const diffId = isFs ? diffIds[layer++] : undefined;
    return {
      index,
      imageId: entry.Id,
      createdBy: entry.CreatedBy,
      kind: p.kind,
      instruction: p.instruction,
      buildkit: p.buildkit,
      created: entry.Created * 1000,
      sizeBytes: entry.Size,
      comment: entry.Comment,
      tags: entry.Tags ?? [],
      filesystem: isFs,
      ...(diffId ? { diffId } : {}),
    };
  });
}

/** The Dockerfile as far as the history tells: FROM the nearest tagged base, then the steps above it. */
export function reconstructDockerfile(rows: HistoryRow[]): string {
  let baseIndex = -1;
  for (let i = rows.length - 2; i >= 0; i--) {
    if ((rows[i]?.tags.length ?? 0) > 0) {
      baseIndex = i;
      break;
    }
  }
  const base = baseIndex >= 0 ? rows[baseIndex]?.tags[0] : undefined;
  const lines = [base ? `FROM ${base}` : 'FROM scratch'];
  for (const row of rows.slice(baseIndex + 1)) {
    if (!row.instruction) continue;
    lines.push(row.instruction);
  }
  return `${lines.join('\n')}\n`;
}
