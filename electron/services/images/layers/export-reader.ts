import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { Gunzip, ZstdDecompress } from 'minizlib';
import { Header, type HeaderData } from 'tar/header';
import { Pax } from 'tar/pax';

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
const BLOCK = 512;

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

/** One entry of a tar as the walker hands it on: its header, decoded (long names and PAX records applied). */
interface TarEntry {
  path: string;
  type: string;
  size: number;
  mode?: number;
  linkpath?: string;
}

/**
 * Takes an entry's bytes as they come. The chunk is only lent: it may be the reader's one buffer,
 * filled again with the next bytes from the engine, so whatever is kept must be copied.
 */
interface EntrySink {
  data(chunk: Buffer): void;
  end(): void;
}

/**
 * Walks a tar as its bytes arrive, synchronously: decodes each header (node-tar's Header and Pax)
 * and hands the entry's body on in slices of the chunks pushed, copying only headers and the meta
 * entries (PAX records, long names). Bodies nobody wants are skipped without a copy: reading an
 * image export costs little more than receiving it.
 */
class TarWalker {
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private remaining = 0;
  private padding = 0;
  private sink: EntrySink | undefined;
  private meta: { type: string; chunks: Buffer[] } | undefined;
  private ex: HeaderData | undefined;
  private gex: HeaderData | undefined;
  private finished = false;

  constructor(private readonly onEntry: (entry: TarEntry) => EntrySink | undefined) {}

  /** Throws when the bytes are not a tar. */
  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.finished) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        this.body(chunk.subarray(at, at + n));
        at += n;
        this.remaining -= n;
        if (this.remaining === 0) this.endEntry();
      } else if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - at);
        at += n;
        this.padding -= n;
      } else {
        const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + n);
        this.headerFill += n;
        at += n;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.readHeader();
        }
      }
    }
  }

  /** Whether the tar ended where it should: not inside a header or an entry. */
  get complete(): boolean {
    return this.finished || (this.headerFill === 0 && this.remaining === 0 && this.padding === 0);
  }

  private readHeader(): void {
    if (this.header.every((b) => b === 0)) {
      // The end-of-archive marker (two zero blocks); whatever follows is not read.
      this.finished = true;
      return;
    }
    const header = new Header(this.header, 0, this.ex, this.gex);
    if (!header.cksumValid) throw new Error('not a tar: a header block with a wrong checksum');
    const type = header.type;
    const size = header.size ?? 0;
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (/^(Old)?ExtendedHeader$|^GlobalExtendedHeader$|^NextFileHasLong(Path|Linkpath)$|^OldGnuLongPath$/.test(type)) {
      this.meta = { type, chunks: [] };
    } else {
      this.ex = undefined;
      const entry: TarEntry = { path: header.path ?? '', type, size };
      if (header.mode !== undefined) entry.mode = header.mode;
      if (header.linkpath) entry.linkpath = header.linkpath;
      this.sink = this.onEntry(entry);
    }
    if (size === 0) this.endEntry();
  }

  private body(chunk: Buffer): void {
    if (this.meta) this.meta.chunks.push(Buffer.from(chunk));
    else this.sink?.data(chunk);
  }

  private endEntry(): void {
    const meta = this.meta;
    this.meta = undefined;
    if (meta) {
      const text = Buffer.concat(meta.chunks).toString('utf8');
      if (meta.type === 'GlobalExtendedHeader') this.gex = Pax.parse(text, this.gex, true);
      else if (meta.type.endsWith('ExtendedHeader')) this.ex = Pax.parse(text, this.ex, false);
      else if (meta.type === 'NextFileHasLongLinkpath') this.ex = { ...this.ex, linkpath: text.replace(/\0.*/s, '') };
      else this.ex = { ...this.ex, path: text.replace(/\0.*/s, '') };
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
  }
}

function kindOf(type: string): RawEntry['kind'] {
  switch (type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      return 'file';
    case 'Directory':
      return 'dir';
    case 'SymbolicLink':
      return 'symlink';
    case 'Link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Lists a layer tar's entries (metadata only), decompressing it first when it is compressed. */
class LayerReader {
  private readonly entries: RawEntry[] = [];
  private readonly whiteouts: RawWhiteout[] = [];
  private readonly walker = new TarWalker((entry) => this.entry(entry));
  private readonly decompress: Gunzip | ZstdDecompress | undefined;
  private tarBytes = 0;
  private broken = false;

  constructor(private readonly compression: Compression) {
    if (compression === 'none') return;
    this.decompress = compression === 'gzip' ? new Gunzip({}) : new ZstdDecompress({});
    // minizlib works synchronously: each chunk written comes out (decompressed) before write returns.
    this.decompress.on('data', (chunk: Buffer) => this.tar(chunk));
    this.decompress.on('error', () => (this.broken = true));
  }

  push(chunk: Buffer): void {
    if (this.broken) return;
    if (!this.decompress) return this.tar(chunk);
    try {
      this.decompress.write(chunk);
    } catch {
      this.broken = true;
    }
  }

  /** The layer, or undefined when the blob was not a tar after all. */
  end(): LayerContent | undefined {
    try {
      if (this.decompress && !this.broken) this.decompress.end();
    } catch {
      this.broken = true;
    }
    if (this.broken || !this.walker.complete) return undefined;
    return { tarBytes: this.tarBytes, compression: this.compression, entries: this.entries, whiteouts: this.whiteouts };
  }

  private tar(chunk: Buffer): void {
    if (this.broken) return;
    this.tarBytes += chunk.length;
    try {
      this.walker.push(chunk);
    } catch {
      this.broken = true;
    }
  }

  private entry(header: TarEntry): EntrySink | undefined {
    const path = normalizePath(header.path);
    const whiteout = classifyWhiteout(path);
    if (whiteout) {
      this.whiteouts.push(whiteout);
      return undefined;
    }
    if (path === '/') return undefined;
    const size = header.size;
    const entry: RawEntry = { path, kind: kindOf(header.type), size, ...(header.mode === undefined ? {} : { mode: header.mode }) };
    if (header.linkpath) entry.linkTarget = header.linkpath;
    this.entries.push(entry);
    if (entry.kind !== 'file' || size === 0) return undefined;
    if (size > SECRET_SNIFF_MAX_FILE_BYTES) {
      // Larger files are judged by their name alone.
      const secret = fileSecret(path);
      if (secret) entry.secret = secret;
      return undefined;
    }
    // Files up to a size get their first bytes judged by the secret rules (then forgotten).
    const head = Buffer.alloc(Math.min(size, SECRET_SNIFF_BYTES));
    let kept = 0;
    return {
      data: (chunk) => {
        if (kept < head.length) kept += chunk.copy(head, kept, 0, head.length - kept);
      },
      end: () => {
        const secret = fileSecret(path, head.subarray(0, kept).toString('latin1'));
        if (secret) entry.secret = secret;
      },
    };
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

/** One blob of the export: JSON is kept, every tar-like blob is read as a potential layer. */
class BlobReader implements EntrySink {
  private readonly head: Buffer;
  private headFill = 0;
  private json: Buffer[] | undefined;
  private layer: LayerReader | undefined;

  constructor(
    private readonly name: string,
    private readonly size: number,
    private readonly collected: Collected,
    private readonly countLayer: () => void,
  ) {
    this.head = Buffer.alloc(Math.min(size, BLOCK));
  }

  data(chunk: Buffer): void {
    if (this.headFill < this.head.length) {
      const n = chunk.copy(this.head, this.headFill);
      this.headFill += n;
      if (this.headFill < this.head.length) return;
      this.decide();
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    if (this.json) this.json.push(Buffer.from(chunk));
    else this.layer?.push(chunk);
  }

  end(): void {
    if (this.headFill < this.head.length || this.size === 0) this.decide();
    if (this.json) this.collected.json.set(this.name, Buffer.concat(this.json));
    const layer = this.layer?.end();
    if (layer) {
      this.collected.layers.set(this.name, layer);
      this.countLayer();
    }
  }

  private decide(): void {
    const head = this.head.subarray(0, this.headFill);
    const kind = sniff(head);
    if (kind === 'json' && this.size <= MAX_JSON_BYTES) this.json = [Buffer.from(head)];
    else if (kind === 'gzip' || kind === 'zstd') this.layer = new LayerReader(kind);
    else if (kind === 'tar') this.layer = new LayerReader('none');
    // Anything else is not part of the image's description: skipped.
    this.layer?.push(head);
  }
}

/**
 * Reads `docker save` output (GET /images/{name}/get) in one pass, synchronously as its bytes are
 * pushed. Whatever order the blobs come in, each tar-like blob is listed while it streams (never
 * kept); which of them are layers is decided at the end, from manifest.json or index.json.
 */
export class ExportReader {
  readonly progress: ReadProgress = { bytes: 0, layers: 0 };
  private readonly collected: Collected = { json: new Map(), layers: new Map() };
  private readonly walker = new TarWalker((entry) => this.blob(entry));
  private lastReport = 0;

  constructor(private readonly onProgress?: (progress: ReadProgress) => void) {}

  /** Takes the export's next bytes; the chunk is not kept. Throws when the export is not a tar. */
  push(chunk: Buffer): void {
    this.progress.bytes += chunk.length;
    this.walker.push(chunk);
    this.report();
  }

  /** The export has ended: the image it describes. */
  end(): RawImage {
    if (!this.walker.complete) throw new Error('the export ended inside an entry');
    this.report(true);
    return resolveImage(this.collected);
  }

  private blob(entry: TarEntry): EntrySink | undefined {
    if (kindOf(entry.type) !== 'file') return undefined;
    return new BlobReader(entry.path.replace(/^\.\//, ''), entry.size, this.collected, () => {
      this.progress.layers++;
      this.report(true);
    });
  }

  private report(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastReport < 200) return;
    this.lastReport = now;
    this.onProgress?.({ ...this.progress });
  }
}

/** What a broken export says, in words a learner can act on. */
export function exportBrokeOff(bytes: number, error: unknown): LotseError {
  return new LotseError(
    'INTERNAL',
    `The image export broke off after ${bytes} bytes (${error instanceof Error ? error.message : String(error)}).`,
    'Try again. If it happens again, check that the engine has enough disk space and look at its log.',
  );
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

/** Reads an image export from a stream (a file, the worker's messages, a test's bytes). */
export function readExport(source: Readable, options: ReadOptions = {}): Promise<RawImage> {
  const reader = new ExportReader(options.onProgress);
  return new Promise<RawImage>((resolve, reject) => {
    const fail = (error: unknown): void => {
      source.destroy();
      if (options.signal?.aborted) reject(new LotseError('CANCELLED', 'The layer analysis was cancelled.'));
      else reject(error instanceof LotseError ? error : exportBrokeOff(reader.progress.bytes, error));
    };
    const onAbort = (): void => fail(new Error('cancelled'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    source.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        fail(error);
      }
    });
    source.once('error', fail);
    source.once('end', () => {
      options.signal?.removeEventListener('abort', onAbort);
      try {
        resolve(reader.end());
      } catch (error) {
        fail(error);
      }
    });
  });
}
