import type { LayerAnalysis } from '@shared/dto/images';
import { type ErrorData, isLotseError } from '@shared/errors';

import type { EngineConnection } from '../../docker/endpoints';
import type { ReadProgress } from './export-reader';

/** What the worker starts with: the engine and the export's request path (it reads the export itself), or chunks that follow as messages. */
export type WorkerInput = { kind: 'engine'; connection: EngineConnection; path: string } | { kind: 'messages' };

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
