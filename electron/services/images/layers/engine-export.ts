import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

import { LotseError } from '@shared/errors';

import type { EngineConnection } from '../../docker/endpoints';
import { toLotseError } from '../../docker/errors';
import { exportBrokeOff, ExportReader, type ReadOptions } from './export-reader';
import type { RawImage } from './model';

/** The one buffer the engine's bytes are read into, again and again: reading 1 GiB allocates nothing per read. */
const READ_BUFFER_BYTES = 256 * 1024;
/** A refusal's body is short JSON; more is not kept. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Reads an image export (GET /images/{name}/get, `docker save`) straight from the engine's socket
 * into the export reader, synchronously as the bytes arrive. It needs this one request, so the
 * worker thread it runs in loads no engine client; the response (HTTP/1.1, chunked or not) is
 * decoded here. `path` comes encoded from the caller (the main thread builds it with the engine
 * paths' rules). A redirect is an error, as everywhere Lotse talks to the engine.
 */
export function readEngineExport(connection: EngineConnection, path: string, options: ReadOptions = {}): Promise<RawImage> {
  return new Promise<RawImage>((resolve, reject) => {
    const reader = new ExportReader(options.onProgress);
    const response = new ResponseDecoder((body) => reader.push(body));
    let settled = false;
    let socket: Socket | undefined;
    const finish = (error: unknown, image?: RawImage): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      socket?.destroy();
      if (image) resolve(image);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = (): void => finish(new LotseError('CANCELLED', 'The layer analysis was cancelled.'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const received = (bytes: Buffer): void => {
      if (settled) return;
      try {
        response.push(bytes);
      } catch (error) {
        return finish(error instanceof LotseError ? error : exportBrokeOff(reader.progress.bytes, error));
      }
      if (response.done) ended();
    };
    const ended = (): void => {
      if (settled) return;
      try {
        if (response.status !== 200) return finish(toLotseError(response.refusal()));
        if (!response.done && !response.untilClose) throw new Error('the connection closed before the export ended');
        finish(undefined, reader.end());
      } catch (error) {
        finish(error instanceof LotseError ? error : exportBrokeOff(reader.progress.bytes, error));
      }
    };
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const onread = {
      buffer,
      callback: (n: number): boolean => {
        received(buffer.subarray(0, n));
        return true;
      },
    };
    if (connection.protocol === 'https') {
      socket = connectTls({ host: connection.host, port: connection.port, ca: connection.ca, cert: connection.cert, key: connection.key });
      socket.on('data', received);
    } else if (connection.socketPath) {
      socket = connectTcp({ path: connection.socketPath, onread });
    } else {
      socket = connectTcp({ host: connection.host ?? 'localhost', port: connection.port ?? 2375, onread });
    }
    socket.once(connection.protocol === 'https' ? 'secureConnect' : 'connect', () => {
      socket?.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: Lotse\r\nConnection: close\r\n\r\n`);
    });
    socket.once('end', ended);
    socket.once('close', ended);
    socket.once('error', (error) => finish(toLotseError(error)));
  });
}

/**
 * Decodes one HTTP/1.1 response as its bytes arrive: the status line and headers, then the body
 * (chunked, with a Content-Length, or until the connection closes), handed on in slices of the
 * bytes pushed. A refusal's body is kept for its message.
 */
class ResponseDecoder {
  status = 0;
  done = false;
  untilClose = false;
  private state: 'head' | 'size' | 'data' | 'crlf' | 'trailer' | 'length' | 'rest' = 'head';
  private line = '';
  private head = '';
  private remaining = 0;
  private error: Buffer[] = [];
  private errorBytes = 0;

  constructor(private readonly onBody: (chunk: Buffer) => void) {}

  push(bytes: Buffer): void {
    let at = 0;
    while (at < bytes.length && !this.done) {
      switch (this.state) {
        case 'head': {
          const end = bytes.indexOf('\n', at);
          const stop = end === -1 ? bytes.length : end + 1;
          this.head += bytes.toString('latin1', at, stop);
          at = stop;
          if (this.head.length > 64 * 1024) throw new Error('the engine sent no end of headers');
          if (this.head.endsWith('\r\n\r\n') || this.head.endsWith('\n\n')) this.startBody();
          break;
        }
        case 'size':
        case 'trailer': {
          const end = bytes.indexOf('\n', at);
          const stop = end === -1 ? bytes.length : end + 1;
          this.line += bytes.toString('latin1', at, stop);
          at = stop;
          if (end === -1) break;
          const line = this.line.trim();
          this.line = '';
          if (this.state === 'trailer') {
            if (line === '') this.done = true;
          } else {
            const size = Number.parseInt(line.split(';')[0] ?? '', 16);
            if (!Number.isFinite(size) || size < 0) throw new Error(`a chunk size the engine sent cannot be read: ${JSON.stringify(line.slice(0, 20))}`);
            this.remaining = size;
            this.state = size === 0 ? 'trailer' : 'data';
          }
          break;
        }
        case 'data':
        case 'length': {
          const n = Math.min(this.remaining, bytes.length - at);
          this.body(bytes.subarray(at, at + n));
          at += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            if (this.state === 'length') this.done = true;
            else this.state = 'crlf';
          }
          break;
        }
        case 'crlf': {
          // The CRLF after a chunk's data, possibly split across reads.
          const end = bytes.indexOf('\n', at);
          if (end === -1) at = bytes.length;
          else {
            at = end + 1;
            this.state = 'size';
          }
          break;
        }
        case 'rest':
          this.body(bytes.subarray(at));
          at = bytes.length;
          break;
      }
    }
  }

  /** The engine's refusal in the shape its client's errors have, so it is mapped like every other. */
  refusal(): Error & { statusCode: number; json: { message?: string } | null } {
    const body = Buffer.concat(this.error).toString('utf8');
    let json: { message?: string } | null = null;
    try {
      json = JSON.parse(body) as { message?: string };
    } catch {
      // Not JSON: the status says enough.
    }
    const message = json?.message ?? (body.trim() || `HTTP ${this.status}`);
    return Object.assign(new Error(`(HTTP code ${this.status}) ${message}`), { statusCode: this.status, json });
  }

  private startBody(): void {
    const [statusLine = '', ...fields] = this.head.split(/\r?\n/);
    this.status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    if (this.status === 0) throw new Error(`the engine did not answer in HTTP: ${JSON.stringify(statusLine.slice(0, 40))}`);
    const header = (name: string): string | undefined =>
      fields.find((f) => f.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
    const length = header('content-length');
    if (/chunked/i.test(header('transfer-encoding') ?? '')) this.state = 'size';
    else if (length !== undefined) {
      this.remaining = Number(length);
      this.state = 'length';
      if (this.remaining === 0) this.done = true;
    } else {
      this.state = 'rest';
      this.untilClose = true;
    }
  }

  private body(chunk: Buffer): void {
    if (this.status === 200) return this.onBody(chunk);
    if (this.errorBytes < MAX_ERROR_BODY) this.error.push(Buffer.from(chunk.subarray(0, MAX_ERROR_BODY - this.errorBytes)));
    this.errorBytes += chunk.length;
  }
}
