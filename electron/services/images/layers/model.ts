import type {
  FileChange,
  FileKind,
  ImageHint,
  LayerAnalysis,
  LayerReport,
  SecretFinding,
  WastedFile,
} from '@shared/dto/images';
import { envSecret, maskEnvEntry, maskValue, type SecretMatch } from '@shared/rules/secrets';

import { parseCreatedBy } from '../history';

/** One tar entry of a layer, reduced to what the analysis needs (never the content). */
export interface RawEntry {
  path: string;
  kind: FileKind;
  size: number;
  mode?: number;
  linkTarget?: string;
  /** What the secret rules found by the file's name and first bytes (the bytes are not kept). */
  secret?: SecretMatch;
}

export interface RawWhiteout {
  /** The path the whiteout hides (for opaque: the directory whose lower content is hidden). */
  path: string;
  opaque: boolean;
}

export interface RawLayer {
  diffId: string;
  tarBytes: number;
  compression: 'none' | 'gzip' | 'zstd';
  entries: RawEntry[];
  whiteouts: RawWhiteout[];
}

export interface ConfigHistoryEntry {
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** What the export tells about the image besides its layers. */
export interface RawImage {
  imageId: string;
  layout: 'classic' | 'oci';
  layers: RawLayer[];
  history: ConfigHistoryEntry[];
  env: string[];
}

/** Turns a tar entry name into an absolute path without trailing slash: `./data/x/` → `/data/x`. */
export function normalizePath(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** Reads whiteout names: `.wh.NAME` deletes NAME, `.wh..wh..opq` hides the directory's lower content. */
export function classifyWhiteout(path: string): RawWhiteout | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  const base = path.slice(slash + 1);
  if (base === OPAQUE) return { path: dir, opaque: true };
  if (base.startsWith(WHITEOUT)) return { path: dir === '/' ? `/${base.slice(4)}` : `${dir}/${base.slice(4)}`, opaque: false };
  return undefined;
}

interface Present {
  kind: FileKind;
  size: number;
  layer: number;
}

interface DivePath {
  cumulative: number;
  min: number;
  count: number;
}

/**
 * Stacks the layers as overlayfs does and reports per layer what it changed, the copies that
 * ship without surviving (wasted), dive's efficiency for comparison, secrets and hints.
 */
export function analyzeLayers(image: RawImage): LayerAnalysis {
  const state = new Map<string, Present>();
  const wasted: WastedFile[] = [];
  const dive = new Map<string, DivePath>();
  const hiddenBy = new Map<string, number>();
  const layers: LayerReport[] = [];
  const historyIndexes = layerHistoryIndexes(image.history, image.layers.length);
  let shippedBytes = 0;

  const hide = (path: string, present: Present, layer: number, how: WastedFile['how']): void => {
    hiddenBy.set(`${present.layer}\u0000${path}`, layer);
    if (present.kind === 'file' && present.size > 0) {
      wasted.push({ path, sizeBytes: present.size, addedIn: present.layer, hiddenIn: layer, how });
    }
  };
  const removeTree = (root: string, layer: number, how: WastedFile['how'], includeRoot: boolean): number => {
    let bytes = 0;
    const prefix = root === '/' ? '/' : `${root}/`;
    for (const [path, present] of state) {
      if (!path.startsWith(prefix)) continue;
      bytes += present.kind === 'file' ? present.size : 0;
      hide(path, present, layer, how === 'deleted' ? 'deleted-with-directory' : how);
      state.delete(path);
    }
    const self = state.get(root);
    if (includeRoot && self) {
      bytes += self.kind === 'file' ? self.size : 0;
      hide(root, self, layer, how);
      state.delete(root);
    }
    return bytes;
  };

  image.layers.forEach((layer, index) => {
    diveLayer(layer, state, dive);
    const changes: FileChange[] = [];
    let sizeBytes = 0;
    for (const whiteout of layer.whiteouts.filter((w) => w.opaque)) {
      const bytes = removeTree(whiteout.path, index, 'opaque-directory', false);
      changes.push({ path: whiteout.path, kind: 'dir', change: 'deleted', sizeBytes: bytes, opaque: true });
    }
    for (const whiteout of layer.whiteouts.filter((w) => !w.opaque)) {
      const kind = state.get(whiteout.path)?.kind ?? 'other';
      const bytes = removeTree(whiteout.path, index, 'deleted', true);
      changes.push({ path: whiteout.path, kind, change: 'deleted', sizeBytes: bytes });
    }
    for (const entry of layer.entries) {
      const prior = state.get(entry.path);
      if (prior) {
        if (prior.kind === 'dir' && entry.kind !== 'dir') removeTree(entry.path, index, 'overwritten', false);
        hide(entry.path, prior, index, 'overwritten');
      }
      const size = entry.kind === 'file' ? entry.size : 0;
      shippedBytes += size;
      sizeBytes += size;
      state.set(entry.path, { kind: entry.kind, size, layer: index });
      changes.push({
        path: entry.path,
        kind: entry.kind,
        change: prior ? 'modified' : 'added',
        sizeBytes: size,
        ...(entry.linkTarget ? { linkTarget: entry.linkTarget } : {}),
        ...(entry.mode === undefined ? {} : { mode: entry.mode }),
      });
    }
    const historyIndex = historyIndexes[index];
    const createdBy = historyIndex === undefined ? undefined : image.history[historyIndex]?.created_by;
    layers.push({
      index,
      diffId: layer.diffId,
      tarBytes: layer.tarBytes,
      sizeBytes,
      compression: layer.compression,
      ...(historyIndex === undefined ? {} : { historyIndex }),
      ...(createdBy === undefined ? {} : { createdBy }),
      changes,
    });
  });

  let finalBytes = 0;
  for (const present of state.values()) finalBytes += present.kind === 'file' ? present.size : 0;

  const secrets = findSecrets(image, hiddenBy);
  const wastedBytes = wasted.reduce((sum, w) => sum + w.sizeBytes, 0);
  let minimum = 0;
  let cumulative = 0;
  let diveWasted = 0;
  for (const path of dive.values()) {
    minimum += path.min;
    cumulative += path.cumulative;
    if (path.count >= 2) diveWasted += path.cumulative;
  }
  wasted.sort((a, b) => b.sizeBytes - a.sizeBytes || a.path.localeCompare(b.path));
  return {
    imageId: image.imageId,
    layout: image.layout,
    layers,
    totalTarBytes: image.layers.reduce((sum, l) => sum + l.tarBytes, 0),
    finalBytes,
    shippedBytes,
    wasted: { bytes: wastedBytes, files: wasted },
    dive: { efficiency: cumulative === 0 ? 1 : minimum / cumulative, wastedBytes: diveWasted, paths: dive.size },
    secrets,
    hints: findHints(image, historyIndexes, wasted, finalBytes),
    env: image.env.map(maskEnvEntry),
  };
}

/** dive's per-path bookkeeping: leaves only, a whiteout counts the size of what it hid if that was a directory. */
function diveLayer(layer: RawLayer, before: Map<string, Present>, dive: Map<string, DivePath>): void {
  const nodes: { path: string; size: number }[] = [];
  for (const entry of layer.entries) nodes.push({ path: entry.path, size: entry.kind === 'file' ? entry.size : 0 });
  for (const whiteout of layer.whiteouts) {
    // dive does not understand opaque whiteouts: they add nothing to its score.
    if (whiteout.opaque) continue;
    let size = 0;
    if (before.get(whiteout.path)?.kind === 'dir') {
      const prefix = `${whiteout.path}/`;
      for (const [path, present] of before) if (path.startsWith(prefix) && present.kind === 'file') size += present.size;
    }
    nodes.push({ path: whiteout.path, size });
  }
  const parents = new Set<string>();
  for (const node of nodes) {
    let path = node.path;
    while (path.length > 1) {
      path = path.slice(0, path.lastIndexOf('/')) || '/';
      if (parents.has(path)) break;
      parents.add(path);
    }
  }
  for (const node of nodes) {
    if (parents.has(node.path)) continue;
    const data = dive.get(node.path) ?? { cumulative: 0, min: -1, count: 0 };
    data.cumulative += node.size;
    data.min = data.min < 0 ? node.size : Math.min(data.min, node.size);
    data.count++;
    dive.set(node.path, data);
  }
}

/** For each layer, the index of the history entry (build order) that made it. */
export function layerHistoryIndexes(history: ConfigHistoryEntry[], layerCount: number): (number | undefined)[] {
  const result: (number | undefined)[] = [];
  history.forEach((entry, index) => {
    if (!entry.empty_layer) result.push(index);
  });
  // A history that does not add up (hand-made images) maps nothing rather than something wrong.
  return result.length === layerCount ? result : new Array<undefined>(layerCount).fill(undefined);
}

function findSecrets(image: RawImage, hiddenBy: Map<string, number>): SecretFinding[] {
  const findings: SecretFinding[] = [];
  image.layers.forEach((layer, index) => {
    for (const entry of layer.entries) {
      if (entry.kind !== 'file' || entry.size === 0 || !entry.secret) continue;
      const deletedIn = hiddenBy.get(`${index}\u0000${entry.path}`);
      findings.push({
        kind: entry.secret.kind,
        path: entry.path,
        layer: index,
        ...(deletedIn === undefined ? {} : { deletedIn }),
        reason: entry.secret.reason,
      });
    }
  });
  for (const pair of image.env) {
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    const found = envSecret(name, value);
    if (found) findings.push({ kind: found.kind, path: name, preview: maskValue(value), reason: found.reason });
  }
  return findings;
}

const INSTALL = /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm install|pip3? install|poetry install|bundle install|composer install|go mod download|mvn |gradle |cargo (build|fetch)|apt-get install|apk add)/;
const BUILD_TOOLS = /\b(gcc|g\+\+|make\b|go build|npm run build|mvn |gradle |cargo build|build-essential|javac)/;

function findHints(
  image: RawImage,
  historyIndexes: (number | undefined)[],
  wasted: WastedFile[],
  finalBytes: number,
): ImageHint[] {
  const hints: ImageHint[] = [];
  const rows = image.history.map((entry, index) => ({ index, ...parseCreatedBy(entry.created_by ?? '', entry.comment ?? ''), empty: entry.empty_layer === true }));

  // Consecutive RUN steps that each made a layer could be one RUN (one layer, one cache entry).
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 3) hints.push({ kind: 'many-run-layers', steps: run, count: run.length });
    run = [];
  };
  for (const row of rows) {
    if (row.kind === 'RUN' && !row.empty) run.push(row.index);
    else if (!row.empty) flush();
  }
  flush();

  // Copying the whole context before installing dependencies rebuilds the install on every source change.
  const copyAll = rows.find((r) => (r.kind === 'COPY' || r.kind === 'ADD') && /^(COPY|ADD) (dir:\S+|\.|\.\/?) /.test(r.instruction));
  if (copyAll) {
    const install = rows.find((r) => r.index > copyAll.index && r.kind === 'RUN' && INSTALL.test(r.instruction));
    if (install) hints.push({ kind: 'cache-order', steps: [copyAll.index, install.index] });
  }

  const wastedBytes = wasted.reduce((sum, w) => sum + w.sizeBytes, 0);
  if (wastedBytes > 0) {
    const steps = [...new Set(wasted.map((w) => historyIndexes[w.hiddenIn]).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
    hints.push({ kind: 'deleted-later', steps, bytes: wastedBytes });
  }

  const builds = rows.filter((r) => r.kind === 'RUN' && BUILD_TOOLS.test(r.instruction)).map((r) => r.index);
  if (builds.length > 0 && finalBytes + wastedBytes > 100 * 1000 * 1000) {
    hints.push({ kind: 'multi-stage', steps: builds, bytes: finalBytes + wastedBytes });
  }
  return hints;
}
