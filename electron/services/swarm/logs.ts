import type { Readable } from 'node:stream';

import type { LogLine } from '@shared/dto/containers';
import type { ServiceLogBatch, ServiceLogLine } from '@shared/dto/swarm';

import { LogDecoder } from '../containers/frames';
import type { EngineService } from '../docker/engine';
import { swarmError } from './errors';
import type { RawService } from './read';
import { serviceOf } from './paths';

/** Lines go out in batches at most this often. */
const FLUSH_MS = 100;
/** Above this many waiting lines the engine's stream is paused until the next flush (back-pressure). */
const HIGH_WATER_LINES = 5000;

/**
 * With details on, the engine writes each line's origin first: `com.docker.swarm.node.id=…,
 * com.docker.swarm.service.id=…,com.docker.swarm.task.id=… text`. That is how `docker service logs`
 * prints `web.2.abc@node`.
 */
export function splitDetails(line: LogLine): ServiceLogLine {
  const match = /^((?:[\w.-]+=[^,\s]*,?)+) (.*)$/s.exec(line.text);
  const attrs = new Map<string, string>();
  for (const pair of (match?.[1] ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) attrs.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return {
    stream: line.stream,
    text: match ? (match[2] ?? '') : line.text,
    taskId: attrs.get('com.docker.swarm.task.id') ?? '',
    nodeId: attrs.get('com.docker.swarm.node.id') ?? '',
    ...(line.time === undefined ? {} : { time: line.time }),
  };
}

/**
 * `docker service logs`: every task's lines with task and node, batched and paused when the batch
 * is full. The engine multiplexes stdout and stderr unless the service runs with a TTY; API 1.41
 * does not say which in its answer, so the spec decides.
 */
export function openServiceLogs(
  engine: EngineService,
  params: { service: string; follow: boolean; tail: number },
  emit: (batch: ServiceLogBatch) => void,
  end: () => void,
): () => void {
  let closed = false;
  let stream: Readable | undefined;
  let queue: ServiceLogLine[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    if (queue.length) emit({ lines: queue, ended: false });
    queue = [];
    if (stream?.isPaused()) stream.resume();
  };
  const enqueue = (lines: LogLine[]): void => {
    if (!lines.length) return;
    queue.push(...lines.map(splitDetails));
    if (queue.length >= HIGH_WATER_LINES) stream?.pause();
    timer ??= setTimeout(flush, FLUSH_MS);
  };
  const finish = (error?: unknown): void => {
    flush();
    if (closed) return;
    closed = true;
    emit({ lines: [], ended: true, ...(error ? { error: swarmError(error).toData() } : {}) });
    end();
  };

  void (async () => {
    const service = serviceOf(engine.docker(), params.service);
    const raw = (await service.inspect()) as RawService;
    const decoder = new LogDecoder(raw.Spec.TaskTemplate?.ContainerSpec?.TTY === true, true);
    const options = { stdout: true, stderr: true, details: true, timestamps: true, tail: params.tail, follow: params.follow };
    if (!params.follow) {
      const buffer = (await serviceOf(engine.docker(), raw.ID).logs(options)) as unknown as Buffer;
      enqueue([...decoder.push(buffer), ...decoder.flush()]);
      finish();
      return;
    }
    const readable = (await serviceOf(engine.docker(), raw.ID).logs(options)) as unknown as Readable;
    if (closed) {
      readable.destroy();
      return;
    }
    stream = readable;
    readable.on('data', (chunk: Buffer) => enqueue(decoder.push(chunk)));
    const done = (error?: Error): void => {
      enqueue(decoder.flush());
      finish(error);
    };
    readable.once('end', () => done());
    readable.once('close', () => done());
    readable.once('error', done);
  })().catch(finish);

  return () => {
    closed = true;
    clearTimeout(timer);
    if (stream) {
      stream.removeAllListeners('data');
      stream.on('error', () => undefined);
      stream.destroy();
    }
  };
}
