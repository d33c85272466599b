import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';

import ignore, { type Ignore } from '@balena/dockerignore';
import { pack, type Pack } from 'tar-stream';

import type { BuildLine } from '@shared/api/images';
import { LotseError } from '@shared/errors';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { followProgress } from '../docker/progress';

export interface BuildRequest {
  contextDir: string;
  dockerfile: string;
  tag?: string | undefined;
  buildArgs: Record<string, string>;
  target?: string | undefined;
  labels: Record<string, string>;
}

export interface BuildContext {
  signal?: AbortSignal;
  progress?: (line: BuildLine) => void;
}

/** A .dockerignore, read by the rules of the docker CLI. */
export interface IgnoreRules {
  matcher: Ignore;
  /** Whether any `!` exception exists: an ignored folder may then still hold something to send. */
  exceptions: boolean;
}

/** Reads .dockerignore the way the docker CLI does: cleaned paths, `!` exceptions, last match wins. */
export function parseDockerignore(text: string): IgnoreRules {
  const lines = text.split(/\r?\n/);
  return {
    // Docker matches case-sensitively.
    matcher: ignore({ ignorecase: false }).add(lines),
    exceptions: lines.some((line) => /^\/*!/.test(line.trim())),
  };
}

export function isIgnored(path: string, rules: IgnoreRules): boolean {
  return rules.matcher.ignores(path);
}

/** Streams the build context as a tar: files are piped one after another, never loaded whole. */
export async function packContext(contextDir: string, dockerfile: string): Promise<Readable> {
  const ignoreText = await readFile(join(contextDir, '.dockerignore'), 'utf8').catch(() => '');
  const rules = parseDockerignore(ignoreText);
  // The Dockerfile and .dockerignore always go: the engine needs them even when ignored.
  const always = new Set([dockerfile.split(sep).join('/'), '.dockerignore']);
  const tar = pack();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = relative(contextDir, full).split(sep).join('/');
      const ignored = isIgnored(rel, rules) && !always.has(rel);
      if (entry.isDirectory()) {
        // An ignored folder may still hold an exception (`!dir/keep`): walk it only then.
        if (ignored && !rules.exceptions) continue;
        if (!ignored) await addEntry(tar, { name: `${rel}/`, type: 'directory', mode: (await stat(full)).mode & 0o7777 });
        await walk(full);
      } else if (!ignored) {
        const info = await lstat(full);
        if (info.isSymbolicLink()) {
          await addEntry(tar, { name: rel, type: 'symlink', linkname: await readlink(full), mode: info.mode & 0o7777 });
        } else if (info.isFile()) {
          await new Promise<void>((resolve, reject) => {
            const sink = tar.entry({ name: rel, size: info.size, mode: info.mode & 0o7777, mtime: info.mtime }, (error) =>
              error ? reject(error) : resolve(),
            );
            createReadStream(full).on('error', reject).pipe(sink);
          });
        }
      }
    }
  };
  walk(contextDir).then(
    () => tar.finalize(),
    (error: unknown) => tar.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  // tar-stream's streamx Readable pipes like a Node Readable.
  return tar as unknown as Readable;
}

function addEntry(tar: Pack, header: Parameters<Pack['entry']>[0]): Promise<void> {
  return new Promise((resolve, reject) => tar.entry(header, (error) => (error ? reject(error) : resolve())));
}

interface BuildMessage {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/** `docker build`: streams the context and the log; points errors at the failing step. */
export class BuildService {
  constructor(private readonly engine: EngineService) {}

  async build(request: BuildRequest, ctx: BuildContext = {}): Promise<{ id: string; tag?: string; cachedSteps: number; steps: number }> {
    const dockerfilePath = join(request.contextDir, request.dockerfile);
    const folder = await stat(request.contextDir).catch(() => undefined);
    if (!folder?.isDirectory()) {
      throw new LotseError('INVALID_PARAMS', `The folder ${request.contextDir} does not exist.`, 'Pick the folder that holds your Dockerfile.');
    }
    if (!(await stat(dockerfilePath).catch(() => undefined))?.isFile()) {
      throw new LotseError('INVALID_PARAMS', `There is no ${request.dockerfile} in ${request.contextDir}.`, 'Create the Dockerfile there, or enter the name of the file you use (docker build -f).');
    }
    const context = await packContext(request.contextDir, request.dockerfile);
    let stream: Readable;
    try {
      stream = (await this.engine.docker().buildImage(context, {
        dockerfile: request.dockerfile.split(sep).join('/'),
        ...(request.tag ? { t: request.tag } : {}),
        buildargs: request.buildArgs,
        labels: request.labels,
        ...(request.target ? { target: request.target } : {}),
        rm: true,
        forcerm: true,
      })) as Readable;
    } catch (error) {
      context.destroy();
      throw toLotseError(error);
    }
    let step: number | undefined;
    let stepText = '';
    let steps = 0;
    let cachedSteps = 0;
    let id: string | undefined;
    let failure: LotseError | undefined;
    await followProgress<BuildMessage>(stream, {
      signal: ctx.signal,
      cancelled: () => {
        context.destroy();
        return new LotseError('CANCELLED', 'The build was cancelled.');
      },
      broken: (error) => toLotseError(error),
      onMessage: (message) => {
        if (message.aux?.ID) id = message.aux.ID;
        const error = message.errorDetail?.message ?? message.error;
        if (error) {
          ctx.progress?.({ ...(step === undefined ? {} : { step }), text: error, error: true });
          failure ??= new LotseError(
            'INVALID_PARAMS',
            step === undefined ? `The build failed: ${error}` : `The build failed at step ${step} (${stepText}): ${error}`,
            step === undefined ? 'Read the log above the error.' : `Fix step ${step} in ${request.dockerfile} and build again; the steps before it come from the cache.`,
          );
          return;
        }
        for (const text of (message.stream ?? '').split('\n')) {
          if (text.trim() === '') continue;
          const header = /^Step (\d+)\/(\d+) : (.*)$/.exec(text);
          if (header) {
            step = Number(header[1]);
            steps = Number(header[2]);
            stepText = header[3] ?? '';
          }
          const cached = /^ ---> Using cache$/.test(text);
          if (cached) cachedSteps++;
          const built = /^Successfully built ([0-9a-f]+)$/.exec(text);
          if (built?.[1]) id ??= built[1];
          ctx.progress?.({ ...(step === undefined ? {} : { step }), text, ...(cached ? { cached: true } : {}) });
        }
      },
    });
    if (failure) throw failure;
    if (!id) throw new LotseError('INTERNAL', 'The engine finished the build without an image ID.', 'Read the build log.');
    return { id, ...(request.tag ? { tag: request.tag } : {}), cachedSteps, steps };
  }
}
