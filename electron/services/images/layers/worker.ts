import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

import { readEngineExport } from './engine-export';
import { type ReadProgress, readExport } from './export-reader';
import { analyzeLayers, type RawImage } from './model';
import { toWorkerError, type WorkerInput, type WorkerReply, type WorkerRequest } from './protocol';

// Runs the export reader off the main thread. With an engine connection the worker reads the
// export itself (no bytes cross threads); otherwise chunks arrive as messages, each acknowledged.
const port = parentPort;
const input = workerData as WorkerInput | undefined;

function read(onProgress: (progress: ReadProgress) => void): Promise<RawImage> {
  if (input?.kind === 'engine') return readEngineExport(input.connection, input.path, { onProgress });
  const stream = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  port?.on('message', (message: WorkerRequest) => {
    if (message.type === 'chunk') {
      stream.write(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength), () => port.postMessage({ type: 'ack' } satisfies WorkerReply));
    } else stream.end();
  });
  return readExport(stream, { onProgress });
}

if (port) {
  const post = (message: WorkerReply): void => port.postMessage(message);
  read((progress) => post({ type: 'progress', progress }))
    .then((raw) => post({ type: 'result', result: analyzeLayers(raw) }))
    .catch((error: unknown) => post({ type: 'error', error: toWorkerError(error) }));
}
