import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { EngineConnection } from '../../docker/endpoints';
import { segment } from '../../docker/paths';

import type { LayerAnalysis } from '@shared/dto/images';
import { LotseError } from '@shared/errors';

import { readEngineExport } from './engine-export';
import { type ReadProgress, readExport } from './export-reader';
import { analyzeLayers } from './model';
import type { WorkerInput, WorkerReply, WorkerRequest } from './protocol';

export type AnalysisMode = 'worker' | 'inline';

/** Chunks on their way to the worker before the export stream is paused. */
const MAX_IN_FLIGHT = 8;
const BATCH_BYTES = 1024 * 1024;

/**
 * Where the built worker lies: electron-vite builds it as out/main/layer-worker.js beside the
 * entry files; shared code may sit one folder deeper (out/main/chunks). Undefined when running
 * from TypeScript sources (tests), where the analysis runs inline.
 */
export function builtWorkerPath(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'layer-worker.js'), join(here, '..', 'layer-worker.js')].find((path) => existsSync(path));
}

export interface RunOptions {
  mode: AnalysisMode;
  workerPath?: string | undefined;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

/** The export to analyse: a stream at hand, or an image the engine exports (read where the analysis runs). */
export type AnalysisInput = { source: Readable } | { engine: EngineConnection; imageId: string };

/** Analyses an image export, in a worker thread or in this thread. */
export async function runAnalysis(input: AnalysisInput, options: RunOptions): Promise<LayerAnalysis> {
  if (options.mode === 'worker' && options.workerPath) return inWorker(input, options.workerPath, options);
  const reading = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const raw = 'source' in input ? await readExport(input.source, reading) : await readEngineExport(input.engine, exportPath(input.imageId), reading);
  return analyzeLayers(raw);
}

/** `docker save`'s request: the image's name or id goes into the path encoded, part by part. */
function exportPath(image: string): string {
  return `/images/${image.split('/').map(segment).join('/')}/get`;
}

function inWorker(input: AnalysisInput, workerPath: string, options: RunOptions): Promise<LayerAnalysis> {
  return new Promise<LayerAnalysis>((resolve, reject) => {
    const workerData: WorkerInput = 'source' in input ? { kind: 'messages' } : { kind: 'engine', connection: input.engine, path: exportPath(input.imageId) };
    // A small young generation makes V8 free the export's chunk buffers soon instead of piling them up.
    const worker = new Worker(workerPath, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    const source = 'source' in input ? input.source : undefined;
    // The batch's bytes move (not copy) into the worker.
    const send = (message: WorkerRequest): void =>
      message.type === 'chunk' ? worker.postMessage(message, [message.data.buffer as ArrayBuffer]) : worker.postMessage(message);
    let inFlight = 0;
    let settled = false;
    const finish = (error: unknown, result?: LayerAnalysis): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      source?.destroy();
      void worker.terminate();
      if (result) resolve(result);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = (): void => finish(new LotseError('CANCELLED', 'The layer analysis was cancelled.'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerReply) => {
      switch (message.type) {
        case 'ack':
          inFlight--;
          if (inFlight < MAX_IN_FLIGHT / 2 && source?.isPaused()) source.resume();
          break;
        case 'progress':
          options.onProgress?.(message.progress);
          break;
        case 'result':
          finish(undefined, message.result);
          break;
        case 'error':
          finish(LotseError.fromData(message.error));
          break;
      }
    });
    worker.once('error', (error) => finish(error));
    worker.once('exit', (code) => finish(new LotseError('INTERNAL', `The analysis worker stopped (exit code ${code}).`)));
    if (!source) return;
    // Socket chunks are small (~64 KiB): gathered into 1 MiB batches, each one message, moved without a copy.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = (): void => {
      if (pendingBytes === 0) return;
      const batch = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      const whole = batch.byteOffset === 0 && batch.byteLength === batch.buffer.byteLength;
      inFlight++;
      send({ type: 'chunk', data: whole ? batch : new Uint8Array(batch) });
      if (inFlight >= MAX_IN_FLIGHT) source.pause();
    };
    source.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= BATCH_BYTES) flush();
    });
    source.once('end', () => {
      flush();
      send({ type: 'end' });
    });
    source.once('error', (error) =>
      finish(new LotseError('INTERNAL', `The image export broke off (${error.message}).`, 'Try again; check that the engine is still running.')),
    );
  });
}
