import type { Readable } from 'node:stream';

import type { LogBatch, LogLine, StatsEvent } from '@shared/dto/containers';

import { toLotseError } from '../../rpc/errors';
import type { EngineService } from '../docker/engine';
import { LineSplitter } from '../docker/lines';
import { LogDecoder } from './frames';
import { type RawStats, toSample } from './stats';

export interface LogParams {
  id: string;
  follow: boolean;
  tail?: number | undefined;
  since?: string | undefined;
  timestamps: boolean;
}

/** Lines are sent in batches at most this often: 10,000 lines/s become ten messages, not 10,000. */
const FLUSH_MS = 100;
/** Above this many waiting lines the engine's stream is paused (back-pressure), until the next flush. */
const HIGH_WATER_LINES = 5000;

/** Converts `since` as the CLI takes it (10m, 2h, epoch seconds) to epoch seconds. */
export function sinceSeconds(since: string, now = Date.now()): number {
  const match = /^(\d+)([smh])$/.exec(since);
  if (!match) return Math.floor(Number(since));
  const factor = { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
  return Math.floor(now / 1000) - Number(match[1]) * factor;
}

/** `docker logs`: one engine stream per subscription key, decoded, batched and paused when the batch is full. */
export function openLogs(engine: EngineService, params: LogParams, emit: (batch: LogBatch) => void): () => void {
  let closed = false;
  let stream: Readable | undefined;
  let queue: LogLine[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = (ended = false): void => {
    clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    if (queue.length || ended) emit({ lines: queue, dropped: 0, ended });
    queue = [];
    if (stream?.isPaused()) stream.resume();
  };
  const enqueue = (lines: LogLine[]): void => {
    if (!lines.length) return;
    queue.push(...lines);
    if (queue.length >= HIGH_WATER_LINES) stream?.pause();
    timer ??= setTimeout(() => flush(), FLUSH_MS);
  };
  const fail = (error: unknown): void => {
    if (closed) return;
    flush();
    emit({ lines: [], dropped: 0, ended: true, error: toLotseError(error).toData() });
  };

  void (async () => {
    const container = engine.docker().getContainer(params.id);
    const info = await container.inspect();
    const decoder = new LogDecoder(info.Config.Tty, params.timestamps);
    const options = {
      stdout: true,
      stderr: true,
      timestamps: params.timestamps,
      ...(params.tail === undefined ? {} : { tail: params.tail }),
      ...(params.since ? { since: sinceSeconds(params.since) } : {}),
    };
    if (!params.follow) {
      const buffer = await container.logs({ ...options, follow: false });
      enqueue([...decoder.push(buffer), ...decoder.flush()]);
      flush(true);
      return;
    }
    const readable = (await container.logs({ ...options, follow: true })) as Readable;
    if (closed) {
      readable.destroy();
      return;
    }
    stream = readable;
    readable.on('data', (chunk: Buffer) => enqueue(decoder.push(chunk)));
    readable.once('end', () => {
      enqueue(decoder.flush());
      flush(true);
    });
    readable.once('error', fail);
  })().catch(fail);

  return () => {
    closed = true;
    clearTimeout(timer);
    stream?.removeAllListeners('data');
    stream?.on('error', () => undefined);
    stream?.destroy();
  };
}

/** `docker stats CONTAINER`: the engine sends one JSON document per second; each becomes a sample. */
export function openStats(engine: EngineService, id: string, emit: (event: StatsEvent) => void): () => void {
  let closed = false;
  let stream: Readable | undefined;
  const fail = (error: unknown): void => {
    if (!closed) emit({ ended: true, error: toLotseError(error).toData() });
  };
  void (async () => {
    const readable = (await engine.docker().getContainer(id).stats({ stream: true })) as Readable;
    if (closed) {
      readable.destroy();
      return;
    }
    stream = readable;
    const lines = new LineSplitter(1024 * 1024);
    readable.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        try {
          emit({ sample: toSample(JSON.parse(line) as RawStats), ended: false });
        } catch {
          // A line that is not JSON carries no sample.
        }
      }
    });
    readable.once('end', () => {
      if (!closed) emit({ ended: true });
    });
    readable.once('error', fail);
  })().catch(fail);
  return () => {
    closed = true;
    stream?.removeAllListeners('data');
    stream?.on('error', () => undefined);
    stream?.destroy();
  };
}
