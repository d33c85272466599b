import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip, createZstdDecompress } from 'node:zlib';

import { extract, type Header } from 'tar-stream';

import { LotseError } from '@shared/errors';
import { fileSecret, SECRET_SNIFF_BYTES, SECRET_SNIFF_MAX_FILE_BYTES } from '@shared/rules/secrets';

import {
  classifyWhiteout,
  type ConfigHistoryEntry,
  normalizePath,
  type RawEntry,
  type RawImage,
  type RawLayer,
  type RawWhiteout,
} from './model';

/** JSON blobs (configs, manifests, indexes) are small; anything bigger is not one. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface ReadProgress {
  bytes: number;
  layers: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

type Compression = RawLayer['compression'];

/** A layer as read from the export; its diff ID comes from the image's config (see resolveImage). */
type LayerContent = Omit<RawLayer, 'diffId'>;

/** Counts what passes: a compressed layer's uncompressed bytes. */
class Counter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** Lists a layer tar's entries (metadata only). `size` is the blob's size in the export. */
function layerSink(compression: Compression, size: number): { input: Writable; done: Promise<LayerContent> } {
  const entries: RawEntry[] = [];
  const whiteouts: RawWhiteout[] = [];
  const tarStream = extract();
  // tar-stream is built on streamx; Node's stream helpers take it as a Writable.
  const tar = tarStream as unknown as Writable;
  tarStream.on('entry', (header, source, next) => {
    const stream = source as unknown as Readable;
    const path = normalizePath(header.name);
    const whiteout = classifyWhiteout(path);
    const size = header.size ?? 0;
    if (whiteout) {
      whiteouts.push(whiteout);
    } else if (path !== '/') {
      const entry: RawEntry = { path, kind: kindOf(header.type), size, ...(header.mode === undefined ? {} : { mode: header.mode }) };
      if (header.linkname) entry.linkTarget = header.linkname;
      entries.push(entry);
      // Files up to a size get their first bytes judged by the secret rules (then forgotten); larger ones by name.
      if (entry.kind === 'file' && size > 0 && size <= SECRET_SNIFF_MAX_FILE_BYTES) {
        const head: Buffer[] = [];
        let kept = 0;
        stream.on('data', (chunk: Buffer) => {
          if (kept >= SECRET_SNIFF_BYTES) return;
          const part = chunk.subarray(0, SECRET_SNIFF_BYTES - kept);
          head.push(Buffer.from(part));
          kept += part.length;
        });
        stream.once('end', () => {
          const secret = fileSecret(path, Buffer.concat(head).toString('latin1'));
          if (secret) entry.secret = secret;
          next();
        });
        return;
      }
      const secret = entry.kind === 'file' && size > 0 ? fileSecret(path) : undefined;
      if (secret) entry.secret = secret;
    }
    stream.once('end', () => next());
    stream.resume();
  });
  const content = (tarBytes: number): LayerContent => ({ tarBytes, compression, entries, whiteouts });
  if (compression === 'none') return { input: tar, done: finished(tar).then(() => content(size)) };
  // A compressed layer's tar size is counted as it is decompressed.
  const decompress = compression === 'gzip' ? createGunzip() : createZstdDecompress();
  const counter = new Counter();
  return { input: decompress, done: pipeline(decompress, counter, tar).then(() => content(counter.bytes)) };
}

function kindOf(type: Header['type'] | undefined): RawEntry['kind'] {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Tells a blob's kind by its first bytes: gzip, zstd, a plain tar, JSON, or something else. */
export function sniff(head: Buffer): 'gzip' | 'zstd' | 'tar' | 'json' | 'unknown' {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  const first = head.subarray(0, 64).toString('utf8').trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  // An empty tar (two zero blocks) is a valid, empty layer.
  if (head.length >= 512 && head.subarray(0, 512).every((b) => b === 0)) return 'tar';
  return 'unknown';
}

interface Collected {
  json: Map<string, Buffer>;
  layers: Map<string, LayerContent>;
}

/**
 * Reads one entry of the export: JSON is kept, every tar-like blob is analysed as a potential layer.
 * The entry's chunks go on to the layer's tar reader as they come, paused while it is behind.
 */
function readEntry(name: string, size: number, stream: Readable, collected: Collected, countLayer: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let head: Buffer[] = [];
    let headBytes = 0;
    let decided = false;
    let json: Buffer[] | undefined;
    let sink: { input: Writable; done: Promise<LayerContent> } | undefined;
    let layer: LayerContent | undefined;
    const decide = (first: Buffer): void => {
      decided = true;
      const kind = sniff(first);
      if (kind === 'json' && size <= MAX_JSON_BYTES) json = [];
      else if (kind === 'gzip' || kind === 'zstd') sink = layerSink(kind, size);
      else if (kind === 'tar') sink = layerSink('none', size);
      const current = sink;
      // A blob that stops parsing as a tar is simply not a layer: drop it, keep reading the export.
      current?.done.then(
        (content) => (layer = content),
        () => {
          if (sink === current) sink = undefined;
          stream.resume();
        },
      );
    };
    const take = (chunk: Buffer): void => {
      if (json) json.push(chunk);
      else if (sink && !sink.input.write(chunk)) {
        stream.pause();
        sink.input.once('drain', () => stream.resume());
      }
    };
    stream.on('data', (chunk: Buffer) => {
      if (decided) return take(chunk);
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < 512 && headBytes < size) return;
      const first = Buffer.concat(head, headBytes);
      head = [];
      decide(first);
      take(first);
    });
    stream.once('error', reject);
    stream.once('end', () => {
      if (!decided && headBytes > 0) {
        const first = Buffer.concat(head, headBytes);
        decide(first);
        take(first);
      }
      if (json) collected.json.set(name, Buffer.concat(json));
      if (!sink) return resolve();
      const done = sink.done;
      sink.input.end();
      done.then(
        () => {
          if (layer) {
            collected.layers.set(name, layer);
            countLayer();
          }
          resolve();
        },
        // Not a tar after all.
        () => resolve(),
      );
    });
  });
}

interface DockerManifest {
  Config?: string;
  Layers?: string[];
}
interface OciDescriptor {
  mediaType?: string;
  digest?: string;
}
interface OciIndex {
  manifests?: OciDescriptor[];
}
interface OciManifest {
  config?: OciDescriptor;
  layers?: OciDescriptor[];
  manifests?: OciDescriptor[];
}
interface ImageConfig {
  rootfs?: { diff_ids?: string[] };
  history?: ConfigHistoryEntry[];
  config?: { Env?: string[] | null } | null;
}

function parseJson<T>(buffer: Buffer | undefined): T | undefined {
  if (!buffer) return undefined;
  try {
    return JSON.parse(buffer.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

const blobPath = (digest: string | undefined): string => `blobs/${(digest ?? '').replace(':', '/')}`;

/** Finds config and layer blobs by the export's manifest.json (classic and Docker 25+), else by index.json (OCI). */
function resolveImage(collected: Collected): RawImage {
  const layout = collected.json.has('index.json') || collected.json.has('oci-layout') ? 'oci' : 'classic';
  let configName: string | undefined;
  let layerNames: string[] | undefined;
  const manifest = parseJson<DockerManifest[]>(collected.json.get('manifest.json'))?.[0];
  if (manifest?.Config && manifest.Layers) {
    configName = manifest.Config;
    layerNames = manifest.Layers;
  } else {
    let descriptor = parseJson<OciIndex>(collected.json.get('index.json'))?.manifests?.[0];
    for (let depth = 0; descriptor && depth < 4; depth++) {
      const next = parseJson<OciManifest>(collected.json.get(blobPath(descriptor.digest)));
      if (next?.manifests?.length) {
        descriptor = next.manifests[0];
        continue;
      }
      if (next?.config && next.layers) {
        configName = blobPath(next.config.digest);
        layerNames = next.layers.map((l) => blobPath(l.digest));
      }
      break;
    }
  }
  const configBytes = configName ? collected.json.get(configName) : undefined;
  const config = parseJson<ImageConfig>(configBytes);
  if (!configBytes || !config || !layerNames) {
    throw new LotseError(
      'INTERNAL',
      'The image export has no manifest that Lotse understands (neither manifest.json nor an OCI index.json).',
      'Check that the engine exported a whole image; try again.',
    );
  }
  // The config names each layer by its diff ID (the sha256 of its uncompressed tar), in the manifest's
  // order; the engine checked them when it stored the layers, so the bytes are not hashed again here.
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== layerNames.length) {
    throw new LotseError(
      'INTERNAL',
      `The image export lists ${layerNames.length} layers, but its config names ${diffIds.length}.`,
      'Try again; if it keeps failing, the image may be damaged (`docker image rm` and pull or build it again).',
    );
  }
  const layers = layerNames.map((name, index): RawLayer => {
    const layer = collected.layers.get(name);
    if (!layer) {
      throw new LotseError('INTERNAL', `The export names layer ${name}, but it is missing or is not a tar.`, 'Try again; if it keeps failing, the image may be damaged (`docker image rm` and pull or build it again).');
    }
    return { diffId: diffIds[index] ?? '', ...layer };
  });
  return {
    imageId: `sha256:${createHash('sha256').update(configBytes).digest('hex')}`,
    layout,
    layers,
    history: config.history ?? [],
    env: config.config?.Env ?? [],
  };
}

/**
 * Reads `docker save` output (GET /images/{name}/get) as a stream in one pass. Whatever order the
 * blobs come in, each tar-like blob is listed while it streams (never kept); which of them are
 * layers is decided at the end, from manifest.json or index.json.
 */
export async function readExport(source: Readable, options: ReadOptions = {}): Promise<RawImage> {
  const collected: Collected = { json: new Map(), layers: new Map() };
  const progress: ReadProgress = { bytes: 0, layers: 0 };
  let lastReport = 0;
  const report = (force = false): void => {
    const now = Date.now();
    if (!force && now - lastReport < 200) return;
    lastReport = now;
    options.onProgress?.({ ...progress });
  };
  const outerStream = extract();
  const outer = outerStream as unknown as Writable;
  // Counted as the bytes pass on to the tar reader (the pipeline reads the source the same way).
  source.on('data', (chunk: Buffer) => {
    progress.bytes += chunk.length;
    report();
  });
  outerStream.on('entry', (header, source, next) => {
    const stream = source as unknown as Readable;
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      stream.once('end', () => next());
      stream.resume();
      return;
    }
    const name = header.name.replace(/^\.\//, '');
    readEntry(name, header.size ?? 0, stream, collected, () => {
      progress.layers++;
      report(true);
    }).then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });
  try {
    await pipeline(source, outer, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    if (options.signal?.aborted) throw new LotseError('CANCELLED', 'The layer analysis was cancelled.');
    if (error instanceof LotseError) throw error;
    throw new LotseError(
      'INTERNAL',
      `The image export broke off after ${progress.bytes} bytes (${error instanceof Error ? error.message : String(error)}).`,
      'Try again. If it happens again, check that the engine has enough disk space and look at its log.',
    );
  }
  report(true);
  return resolveImage(collected);
}
