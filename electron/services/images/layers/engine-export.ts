import { type IncomingMessage, request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

import { toLotseError } from '../../docker/errors';
import type { EngineConnection } from '../../docker/endpoints';

/**
 * GET /images/{name}/get (`docker save`) straight on the engine's socket: the analysis needs this
 * one request, so the worker thread it runs in loads no engine client. `path` comes encoded from
 * the caller (the main thread builds it with the engine paths' rules). A redirect is an error, as
 * everywhere Lotse talks to the engine.
 */
export function requestExport(connection: EngineConnection, path: string, signal?: AbortSignal): Promise<Readable> {
  const options: RequestOptions = {
    path,
    method: 'GET',
    headers: { host: 'docker' },
    ...(signal ? { signal } : {}),
    ...(connection.socketPath ? { socketPath: connection.socketPath } : { host: connection.host, port: connection.port }),
  };
  const https = connection.protocol === 'https';
  const tls = https ? { ca: connection.ca, cert: connection.cert, key: connection.key } : {};
  return new Promise<Readable>((resolve, reject) => {
    const onResponse = (response: IncomingMessage): void => {
      const status = response.statusCode ?? 0;
      if (status === 200) {
        resolve(response);
        return;
      }
      // The engine explains a refusal in a small JSON body ({"message": "..."}).
      const body: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < 64 * 1024) body.push(chunk);
        size += chunk.length;
      });
      response.once('end', () => reject(toLotseError(engineRefusal(status, Buffer.concat(body).toString('utf8')))));
      response.once('error', (error) => reject(toLotseError(error)));
    };
    const request = https ? httpsRequest({ ...options, ...tls }, onResponse) : httpRequest(options, onResponse);
    request.once('error', (error) => reject(toLotseError(error)));
    request.end();
  });
}

/** The refusal in the shape the engine client's errors have, so it is mapped like every other. */
function engineRefusal(statusCode: number, body: string): Error & { statusCode: number; json: { message?: string } | null } {
  let json: { message?: string } | null = null;
  try {
    json = JSON.parse(body) as { message?: string };
  } catch {
    // Not JSON: the status says enough.
  }
  const message = json?.message ?? (body.trim() || `HTTP ${statusCode}`);
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json });
}
