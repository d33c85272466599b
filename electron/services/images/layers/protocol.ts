import type { LayerAnalysis } from '@shared/dto/images';
import { type ErrorData, isLotseError } from '@shared/errors';

import type { ReadProgress } from './export-reader';

/** How to reach the engine: what dockerode needs, handed to the worker so it reads the export itself. */
export interface EngineConnection {
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** What the worker starts with: the engine and image to export, or chunks that follow as messages. */
export type WorkerInput = { kind: 'engine'; connection: EngineConnection; imageId: string } | { kind: 'messages' };

/** Main thread → worker (only for the 'messages' input). */
export type WorkerRequest = { type: 'chunk'; data: Uint8Array } | { type: 'end' };

/** Worker → main thread. */
export type WorkerReply =
  | { type: 'ack' }
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'result'; result: LayerAnalysis }
  | { type: 'error'; error: ErrorData };

export function toWorkerError(error: unknown): ErrorData {
  if (isLotseError(error)) return error.toData();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
