import { PassThrough, type Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

import { requestExport } from './engine-export';
import { readExport } from './export-reader';
import { analyzeLayers } from './model';
import { toWorkerError, type WorkerInput, type WorkerReply, type WorkerRequest } from './protocol';

// Runs the export reader off the main thread. With an engine connection the worker reads the
// export itself (no bytes cross threads); otherwise chunks arrive as messages, each acknowledged.
const port = parentPort;
const input = workerData as WorkerInput | undefined;

async function source(): Promise<Readable> {
  if (input?.kind === 'engine') return requestExport(input.connection, input.path);
  const stream = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  port?.on('message', (message: WorkerRequest) => {
    if (message.type === 'chunk') {
      stream.write(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength), () => port.postMessage({ type: 'ack' } satisfies WorkerReply));
    } else stream.end();
  });
  return stream;
}

if (port) {
  const post = (message: WorkerReply): void => port.postMessage(message);
  source()
    .then((stream) => readExport(stream, { onProgress: (progress) => post({ type: 'progress', progress }) }))
    .then((raw) => post({ type: 'result', result: analyzeLayers(raw) }))
    .catch((error: unknown) => post({ type: 'error', error: toWorkerError(error) }));
}
