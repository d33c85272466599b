import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import type { LogBatch, LogLine, StatsEvent, StreamEngineMark } from '@shared/dto/containers';
import { LotseError } from '@shared/errors';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { containerOf } from '../docker/paths';
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

/** The engine's RFC 3339 timestamp (up to nanoseconds, trailing zeros cut) as epoch nanoseconds. */
export function stampNanos(stamp: string): bigint | undefined {
  const match = /^([^.]+?)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(stamp);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/**
 * Which lines of a followed log are new. The engine copies stdout and stderr each on its own, so a live
 * stream is not ordered by time (an error line may come after a later output line): every line of it
 * is new. A stream opened again after a reconnect starts at the newest time seen before (`since`) and
 * may repeat lines up to it: those are left out.
 */
export class LogResume {
  private newest: bigint | undefined;
  private cutoff: bigint | undefined;

  /** Where a stream opened now starts: after the newest line seen so far (undefined before any). */
  reopen(): bigint | undefined {
    this.cutoff = this.newest;
    return this.cutoff;
  }

  fresh(lines: LogLine[]): LogLine[] {
    return lines.filter((line) => {
      const nanos = line.timestamp === undefined ? undefined : stampNanos(line.timestamp);
      if (nanos === undefined) return true;
      if (this.cutoff !== undefined && nanos <= this.cutoff) return false;
      if (this.newest === undefined || nanos > this.newest) this.newest = nanos;
      return true;
    });
  }
}

/** Epoch nanoseconds as the engine takes `since` ("seconds.nanoseconds"). */
function sinceParam(nanos: bigint): string {
  return `${nanos / 1_000_000_000n}.${(nanos % 1_000_000_000n).toString().padStart(9, '0')}`;
}

interface FollowHooks {
  /** Opens the engine's stream; called again after every break. */
  open(container: Docker.Container, info: Docker.ContainerInspectInfo): Promise<Readable>;
  data(chunk: Buffer): void;
  /** The current engine stream is over (the follower decides what comes next). */
  streamEnded(): void;
  /** The subscription is over for good; with the error when it failed. Called once. */
  finish(error?: unknown): void;
  mark(mark: StreamEngineMark): void;
  /**
   * Logs: a stopped container whose restart policy brings it back is waited for, and the stream
   * opens again when it runs. Stats: the engine's stream follows a stopped container by itself.
   */
  waitForStart: boolean;
}

/**
 * Follows one container's stream across engine restarts. When the stream breaks off, the engine is
 * asked whether it still answers: if not, the follower says `lost`, waits for the engine (and,
 * for logs, for the container to run again) and opens the stream anew, saying `reconnected`.
 * A stopped engine stops its containers first, so a log that ends while the engine still answers is
 * followed on when the container's restart policy will start it again.
 */
function follow(engine: EngineService, id: string, hooks: FollowHooks): () => void {
  let closed = false;
  let stream: Readable | undefined;
  let startedAt: string | undefined;
  /** The engine's full id once known: the subscription may name the container by name or short id. */
  let fullId = id;
  let lost = false;
  let waiting: (() => void) | undefined;
  let checking = false;
  let checkAgain = false;

  const stopWaiting = (): void => {
    waiting?.();
    waiting = undefined;
  };
  const finish = (error?: unknown): void => {
    if (closed) return;
    closed = true;
    stopWaiting();
    hooks.finish(error);
  };
  const engineLost = (): void => {
    if (lost || closed) return;
    lost = true;
    hooks.mark('lost');
  };
  const comesBack = (info: Docker.ContainerInspectInfo): boolean =>
    hooks.waitForStart && ['always', 'unless-stopped'].includes(info.HostConfig.RestartPolicy?.Name ?? '');

  const open = async (): Promise<void> => {
    const container = containerOf(engine.docker(), id);
    const info = await container.inspect();
    fullId = info.Id;
    if (closed) return;
    const readable = await hooks.open(container, info);
    if (closed) {
      discard(readable);
      return;
    }
    startedAt = info.State.StartedAt;
    stream = readable;
    if (lost) {
      lost = false;
      hooks.mark('reconnected');
    }
    let done = false;
    const stop = (error?: Error): void => {
      if (done || closed) return;
      done = true;
      stream = undefined;
      hooks.streamEnded();
      void settle(error);
    };
    readable.on('data', (chunk: Buffer) => hooks.data(chunk));
    readable.once('end', () => stop());
    readable.once('close', () => stop());
    readable.once('error', stop);
  };

  /** Something failed: a container that is gone ends the subscription, an engine that is gone is waited for. */
  const failed = async (error: unknown): Promise<void> => {
    if (closed) return;
    if (toLotseError(error).code === 'NOT_FOUND') return finish(error);
    if (await engine.verify()) return finish(error);
    engineLost();
    wait();
  };

  const settle = async (error?: Error): Promise<void> => {
    if (!(await engine.verify())) {
      engineLost();
      wait();
      return;
    }
    if (closed) return;
    try {
      const info = await containerOf(engine.docker(), id).inspect();
      if (closed) return;
      // Running again under a new start (a restart faster than we looked): read on.
      if (info.State.Running && info.State.StartedAt !== startedAt) await open();
      else if (!info.State.Running && comesBack(info)) wait();
      else finish(error);
    } catch (e) {
      await failed(e);
    }
  };

  const checkOnce = async (): Promise<void> => {
    if (engine.state.status !== 'connected') return engineLost();
    try {
      const info = await containerOf(engine.docker(), id).inspect();
      fullId = info.Id;
      // Its restart policy starts it again: its start event brings the check back.
      if (closed || (!info.State.Running && comesBack(info))) return;
      stopWaiting();
      await open();
    } catch (error) {
      await failed(error);
    }
  };
  const check = (): void => {
    checkAgain = true;
    if (checking) return;
    checking = true;
    void (async () => {
      while (checkAgain && waiting && !closed) {
        checkAgain = false;
        await checkOnce();
      }
      checking = false;
    })();
  };

  /** Waits for the engine to answer and the container to be there again; every hint starts a check. */
  const wait = (): void => {
    if (closed || waiting) return;
    const offState = engine.onState(() => check());
    const offEvent = engine.onEvent((event) => {
      if (event.type !== 'container' || (event.id !== fullId && event.name !== id)) return;
      if (event.action === 'start') check();
      else if (event.action === 'destroy') finish(new LotseError('NOT_FOUND', `The container ${id.slice(0, 12)} was removed.`));
    });
    waiting = () => {
      offState();
      offEvent();
    };
    check();
  };

  if (engine.state.status === 'connected') open().catch(failed);
  else {
    engineLost();
    wait();
  }

  return () => {
    closed = true;
    stopWaiting();
    if (stream) discard(stream);
  };
}

function discard(stream: Readable): void {
  stream.removeAllListeners('data');
  stream.on('error', () => undefined);
  stream.destroy();
}

/**
 * `docker logs`: one engine stream per subscription key, decoded, batched and paused when the batch
 * is full. Following, it survives engine restarts: it asks the engine for timestamps, opens again
 * `since` the last line it saw and drops lines at or before that one, so none comes twice.
 */
export function openLogs(engine: EngineService, params: LogParams, emit: (batch: LogBatch) => void, end: () => void): () => void {
  let closed = false;
  let stream: Readable | undefined;
  let queue: LogLine[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    if (queue.length) emit({ lines: queue, dropped: 0, ended: false });
    queue = [];
    if (stream?.isPaused()) stream.resume();
  };
  const enqueue = (lines: LogLine[]): void => {
    if (!lines.length) return;
    queue.push(...lines);
    if (queue.length >= HIGH_WATER_LINES) stream?.pause();
    timer ??= setTimeout(flush, FLUSH_MS);
  };
  const finish = (error?: unknown): void => {
    flush();
    if (closed) return;
    closed = true;
    emit({ lines: [], dropped: 0, ended: true, ...(error ? { error: toLotseError(error).toData() } : {}) });
    end();
  };

  if (!params.follow) {
    void (async () => {
      const container = containerOf(engine.docker(), params.id);
      const info = await container.inspect();
      const decoder = new LogDecoder(info.Config.Tty, params.timestamps);
      const buffer = await container.logs({ ...firstRange(params), stdout: true, stderr: true, timestamps: params.timestamps, follow: false });
      enqueue([...decoder.push(buffer), ...decoder.flush()]);
      finish();
    })().catch(finish);
    return () => {
      closed = true;
      clearTimeout(timer);
    };
  }

  // Where a new stream starts: after the newest line seen; before any, where the subscription began.
  const resume = new LogResume();
  let resumed = false;
  const begun = params.since ? sinceSeconds(params.since) : params.tail === 0 ? Math.floor(Date.now() / 1000) : undefined;
  let decoder: LogDecoder | undefined;
  const take = (lines: LogLine[]): void => {
    enqueue(resume.fresh(lines).map((line) => (params.timestamps ? line : { stream: line.stream, text: line.text })));
  };

  const stop = follow(engine, params.id, {
    waitForStart: true,
    open: async (container, info) => {
      const after = resume.reopen();
      const range = after !== undefined ? { since: sinceParam(after) } : resumed ? (begun === undefined ? {} : { since: begun }) : firstRange(params);
      resumed = true;
      decoder = new LogDecoder(info.Config.Tty, true);
      const readable = (await container.logs({ ...range, stdout: true, stderr: true, timestamps: true, follow: true })) as Readable;
      stream = readable;
      return readable;
    },
    data: (chunk) => take(decoder?.push(chunk) ?? []),
    streamEnded: () => take(decoder?.flush() ?? []),
    finish,
    mark: (mark) => {
      flush();
      if (!closed) emit({ lines: [], dropped: 0, ended: false, engine: mark });
    },
  });
  return () => {
    closed = true;
    clearTimeout(timer);
    stop();
  };
}

function firstRange(params: LogParams): { tail?: number; since?: number } {
  return {
    ...(params.tail === undefined ? {} : { tail: params.tail }),
    ...(params.since ? { since: sinceSeconds(params.since) } : {}),
  };
}

/** `docker stats CONTAINER`: the engine sends one JSON document per second; each becomes a sample. Survives engine restarts. */
export function openStats(engine: EngineService, id: string, emit: (event: StatsEvent) => void, end: () => void): () => void {
  let closed = false;
  let lines = new LineSplitter(1024 * 1024);
  return follow(engine, id, {
    waitForStart: false,
    open: async (container) => {
      lines = new LineSplitter(1024 * 1024);
      return (await container.stats({ stream: true })) as Readable;
    },
    data: (chunk) => {
      for (const line of lines.push(chunk)) {
        try {
          emit({ sample: toSample(JSON.parse(line) as RawStats), ended: false });
        } catch {
          // A line that is not JSON carries no sample.
        }
      }
    },
    streamEnded: () => undefined,
    finish: (error) => {
      if (closed) return;
      closed = true;
      emit({ ended: true, ...(error ? { error: toLotseError(error).toData() } : {}) });
      end();
    },
    mark: (mark) => emit({ ended: false, engine: mark }),
  });
}
