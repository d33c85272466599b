import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync, zstdCompressSync } from 'node:zlib';

import { pack } from 'tar-stream';

/** One tar entry for a test layer: a directory ends with '/', a symlink has a target. */
export interface TestEntry {
  name: string;
  content?: string;
  symlink?: string;
}

export async function tarOf(entries: TestEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const ended = new Promise<void>((resolve) => p.on('end', resolve));
  for (const e of entries) {
    if (e.name.endsWith('/')) p.entry({ name: e.name, type: 'directory', mode: 0o755 });
    else if (e.symlink) p.entry({ name: e.name, type: 'symlink', linkname: e.symlink });
    else p.entry({ name: e.name, mode: 0o644 }, e.content ?? '');
  }
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export interface TestImage {
  layers: Buffer[];
  history: { created_by: string; empty_layer?: boolean }[];
  env: string[];
}

function configOf(image: TestImage): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: image.env },
      rootfs: { type: 'layers', diff_ids: image.layers.map((l) => `sha256:${sha(l)}`) },
      history: image.history,
    }),
  );
}

/** `docker save` of engines before 25: manifest.json, <id>.json, <id>/layer.tar. */
export async function classicExport(image: TestImage): Promise<Buffer> {
  const config = configOf(image);
  const id = sha(config);
  const entries: TestEntry[] = [];
  const names: string[] = [];
  image.layers.forEach((layer, i) => {
    const dir = `${sha(Buffer.from(String(i)))}`;
    entries.push({ name: `${dir}/` }, { name: `${dir}/VERSION`, content: '1.0' }, { name: `${dir}/layer.tar`, content: layer.toString('latin1') });
    names.push(`${dir}/layer.tar`);
  });
  entries.push({ name: `${id}.json`, content: config.toString('latin1') });
  entries.push({ name: 'manifest.json', content: JSON.stringify([{ Config: `${id}.json`, RepoTags: ['t/x:1'], Layers: names }]) });
  return binaryTar(entries);
}

/** The OCI layout of engines 25+: blobs/sha256 first (compressed layers), index.json (and manifest.json) last. */
export async function ociExport(image: TestImage, compress: ('gzip' | 'zstd' | 'none')[], withDockerManifest: boolean): Promise<Buffer> {
  const config = configOf(image);
  const blobs: { digest: string; data: Buffer; mediaType: string }[] = [];
  const layerDescriptors = image.layers.map((layer, i) => {
    const how = compress[i % compress.length];
    const data = how === 'gzip' ? gzipSync(layer) : how === 'zstd' ? zstdCompressSync(layer) : layer;
    const digest = `sha256:${sha(data)}`;
    const mediaType = `application/vnd.oci.image.layer.v1.tar${how === 'gzip' ? '+gzip' : how === 'zstd' ? '+zstd' : ''}`;
    blobs.push({ digest, data, mediaType });
    return { mediaType, digest, size: data.length };
  });
  const configDigest = `sha256:${sha(config)}`;
  blobs.unshift({ digest: configDigest, data: config, mediaType: 'application/vnd.oci.image.config.v1+json' });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layerDescriptors,
    }),
  );
  const manifestDigest = `sha256:${sha(manifest)}`;
  blobs.push({ digest: manifestDigest, data: manifest, mediaType: 'application/vnd.oci.image.manifest.v1+json' });
  const entries: TestEntry[] = [{ name: 'blobs/' }, { name: 'blobs/sha256/' }];
  for (const blob of blobs) entries.push({ name: `blobs/sha256/${blob.digest.slice(7)}`, content: blob.data.toString('latin1') });
  entries.push({ name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' });
  entries.push({
    name: 'index.json',
    content: JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length }] }),
  });
  if (withDockerManifest) {
    entries.push({
      name: 'manifest.json',
      content: JSON.stringify([
        { Config: `blobs/sha256/${configDigest.slice(7)}`, RepoTags: ['t/x:1'], Layers: layerDescriptors.map((l) => `blobs/sha256/${l.digest.slice(7)}`) },
      ]),
    });
  }
  return binaryTar(entries);
}

async function binaryTar(entries: TestEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const ended = new Promise<void>((resolve) => p.on('end', resolve));
  for (const e of entries) {
    if (e.name.endsWith('/')) p.entry({ name: e.name, type: 'directory' });
    else p.entry({ name: e.name }, Buffer.from(e.content ?? '', 'latin1'));
  }
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** Streams a buffer in small pieces, as a socket would. */
export function streamOf(buffer: Buffer, pieceBytes = 7000): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += pieceBytes) pieces.push(buffer.subarray(i, i + pieceBytes));
  return Readable.from(pieces);
}
