import { posix } from 'node:path';

import type Docker from 'dockerode';
import { extract, pack } from 'tar-stream';

import { ARCHIVE_LIMIT_BYTES } from '@shared/rules/containers';
import type { ArchiveFile, CopyOutResult, DiffEntry } from '@shared/dto/containers';
import { LotseError } from '@shared/errors';

import { toLotseError } from '../docker/errors';
import { containerOf } from '../docker/paths';

/** `docker diff`: what changed in the container's writable layer. */
export async function diff(docker: Docker, id: string): Promise<DiffEntry[]> {
  // The engine answers `null` when nothing changed; dockerode then hands back the raw body, not JSON.
  const raw: unknown = await containerOf(docker, id).changes();
  const body: unknown = Buffer.isBuffer(raw) || typeof raw === 'string' ? JSON.parse(raw.toString().trim() || 'null') : raw;
  const changes = Array.isArray(body) ? (body as { Path?: unknown; Kind?: unknown }[]) : [];
  // Kind: 0 modified, 1 added, 2 deleted (the engine's ChangeType).
  return changes
    .filter((c): c is { Path: string; Kind?: unknown } => typeof c.Path === 'string')
    .map((c) => ({ path: c.Path, kind: c.Kind === 1 ? ('A' as const) : c.Kind === 2 ? ('D' as const) : ('C' as const) }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** `docker cp container:path .`: one file as itself, anything else as a tar archive. */
export async function copyOut(docker: Docker, id: string, path: string, signal?: AbortSignal): Promise<CopyOutResult> {
  const stream = (await containerOf(docker, id).getArchive({ path })) as NodeJS.ReadableStream & { destroy?: () => void };
  const chunks: Buffer[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    signal?.addEventListener('abort', () => {
      stream.destroy?.();
      reject(new LotseError('CANCELLED', 'The copy was cancelled.'));
    });
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > ARCHIVE_LIMIT_BYTES) {
        stream.destroy?.();
        reject(
          new LotseError('INVALID_PARAMS', `${path} is larger than ${ARCHIVE_LIMIT_BYTES / 1024 / 1024} MiB.`, `Copy it with the CLI: docker cp ${id.slice(0, 12)}:${path} .`),
        );
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve());
    stream.on('error', (e: Error) => reject(e));
  });
  const tar = Buffer.concat(chunks);
  const single = await singleFile(tar);
  const base = posix.basename(path) || 'root';
  if (single) return { kind: 'file', name: base, bytes: single.length, base64: single.toString('base64') };
  return { kind: 'tar', name: `${base}.tar`, bytes: tar.length, base64: tar.toString('base64') };
}

/** `docker cp file container:directory` for a few files. */
export async function copyIn(docker: Docker, id: string, directory: string, files: ArchiveFile[]): Promise<{ written: string[]; bytes: number }> {
  const contents = files.map((f) => {
    const name = f.name.trim();
    if (!name || name.includes('/') || name === '.' || name === '..') {
      throw new LotseError('INVALID_PARAMS', `"${f.name}" is not a file name.`, 'Give plain file names; the directory is chosen separately.');
    }
    return { name, data: Buffer.from(f.base64, 'base64') };
  });
  const bytes = contents.reduce((sum, f) => sum + f.data.length, 0);
  if (bytes > ARCHIVE_LIMIT_BYTES) {
    throw new LotseError('INVALID_PARAMS', `Together the files are larger than ${ARCHIVE_LIMIT_BYTES / 1024 / 1024} MiB.`, 'Copy big files with docker cp.');
  }
  const archive = pack();
  for (const f of contents) archive.entry({ name: f.name, size: f.data.length, mode: 0o644, mtime: new Date() }, f.data);
  archive.finalize();
  const tar = await collect(archive);
  try {
    await containerOf(docker, id).putArchive(tar, { path: directory });
  } catch (error) {
    const e = toLotseError(error);
    if (e.code === 'NOT_FOUND') throw new LotseError('NOT_FOUND', `${directory} does not exist in the container.`, 'Pick a directory that exists (docker cp copies into existing directories).');
    throw e;
  }
  return { written: contents.map((f) => posix.join(directory, f.name)), bytes };
}

function collect(stream: ReturnType<typeof pack>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** The content when the archive holds exactly one regular file (docker cp of a file), else undefined. */
async function singleFile(tar: Buffer): Promise<Buffer | undefined> {
  const reader = extract();
  const entries: { type: string; data: Buffer }[] = [];
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        entries.push({ type: header.type ?? 'file', data: Buffer.concat(chunks) });
        next();
      });
      stream.resume();
    });
    reader.on('finish', () => resolve());
    reader.on('error', reject);
  });
  reader.end(tar);
  await done;
  return entries.length === 1 && entries[0]?.type === 'file' ? entries[0].data : undefined;
}
