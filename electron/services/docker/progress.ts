import type { Readable } from 'node:stream';

import type { LotseError } from '@shared/errors';

import { LineSplitter } from './lines';

export interface ProgressReading<T> {
  signal?: AbortSignal | undefined;
  /** Each JSON message of the stream, in order; lines that are no JSON are skipped. */
  onMessage: (message: T) => void;
  /** The error a cancel ends with; it may also let go of what else the request holds. */
  cancelled: () => LotseError;
  /** The error a stream that breaks off ends with. */
  broken: (error: Error) => LotseError;
}

/**
 * Reads the engine's JSON progress lines (pull, push, build) to the end of the stream. A cancel
 * closes the connection, which makes the engine stop the work.
 */
export function followProgress<T>(stream: Readable, reading: ProgressReading<T>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const { signal } = reading;
    const lines = new LineSplitter(1024 * 1024);
    const onAbort = (): void => {
      stream.destroy();
      reject(reading.cancelled());
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const read = (texts: string[]): void => {
      for (const text of texts) {
        let message: T;
        try {
          message = JSON.parse(text) as T;
        } catch {
          continue;
        }
        reading.onMessage(message);
      }
    };
    stream.on('data', (chunk: Buffer) => read(lines.push(chunk)));
    stream.once('end', () => {
      signal?.removeEventListener('abort', onAbort);
      read(lines.flush());
      resolve();
    });
    stream.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(reading.broken(error));
    });
  });
}
