import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type * as Http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';

import { type RawData, WebSocket, WebSocketServer } from 'ws';

import { inboundLimits } from '../rpc/inbound';
import type { Router } from '../rpc/router';

// Required, not imported: the bundle is an ES module, and an ES import of node:http reads every export,
// its lazy WebSocket and fetch classes too, which loads Node's bundled undici (some 13 MB) for nothing.
const { createServer } = createRequire(import.meta.url)('node:http') as typeof Http;

export interface BridgeOptions {
  router: Router;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  token?: string;
  /** A socket whose unsent data grows past this is closed: a stalled tab must not grow memory. */
  maxBufferedBytes?: number;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The browser bridge: serves the built renderer and the router as JSON-RPC 2.0 over a WebSocket
 * at /rpc. Loopback only; a random token per start; foreign Host and Origin headers refused.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const maxBuffered = options.maxBufferedBytes ?? 32 * 1024 * 1024;
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  // Every request gets an answer and none can throw: a target that is not a plain path is a 400.
  const server = createServer((req, res) => {
    try {
      const target = parseTarget(req.url);
      if (!target) return deny(res, 400, 'Bad request target.');
      if (!allowedHosts().has(req.headers.host ?? '')) return deny(res, 403, 'Foreign Host header refused.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Only GET is served here.');
      serveFile(req, res, rendererDir, target.path, port).catch(() => fail(res));
    } catch {
      fail(res);
    }
  });
  // What Node's HTTP parser refuses (unknown methods, NUL bytes, headers too large) gets its 400 or 431;
  // CONNECT would otherwise be cut off without an answer.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => refuseRaw(socket, 405, 'Method Not Allowed'));

  // Messages a little over the limit get a JSON-RPC answer from the router; far bigger ones close the socket (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: inboundLimits.maxBytes + 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // After an upgrade the socket is ours alone: nothing else listens for its errors.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseTarget(req.url);
      if (!target) return refuseRaw(socket, 400, 'Bad Request');
      if (target.path !== '/rpc') return refuseRaw(socket, 404, 'Not Found');
      if (!allowedHosts().has(req.headers.host ?? '')) return refuseRaw(socket, 403, 'Forbidden');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return refuseRaw(socket, 403, 'Forbidden');
      if (!sameToken(target.query.get('token') ?? '', token)) return refuseRaw(socket, 401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.router, maxBuffered));
    } catch {
      refuseRaw(socket, 500, 'Internal Server Error');
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function serveSocket(ws: WebSocket, router: Router, maxBuffered: number): void {
  const connection = router.connect(
    onePerTurn((text) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) {
        ws.close(1013, 'Client too slow');
        return;
      }
      ws.send(text);
    }),
  );
  // Text and binary frames alike are read as UTF-8 JSON; the router measures them before parsing.
  ws.on('message', (data: RawData) => connection.receiveJson(rawToBytes(data)));
  ws.on('close', () => connection.close());
  ws.on('error', () => connection.close());
}

/**
 * What is said in one turn of the event loop leaves as one text: a single message as itself, several
 * as a JSON array of them, in order (renderer/api/transports.ts unpacks it). So the page's first
 * questions, asked together, are answered in one frame, and the page handles the answers in one task
 * instead of one task each, between which its scripts would run.
 */
export function onePerTurn(send: (text: string) => void): (message: unknown) => void {
  let outgoing: unknown[] = [];
  return (message) => {
    if (outgoing.push(message) > 1) return;
    setImmediate(() => {
      const messages = outgoing;
      outgoing = [];
      send(JSON.stringify(messages.length === 1 ? messages[0] : messages));
    });
  };
}

function rawToBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * A request target as the bridge takes it: origin-form (`/path?query`) only, each path segment
 * decoded, and nothing that could mean another path once decoded — no encoded slashes or
 * backslashes, no dot segments, no control characters. Anything else: undefined (a 400).
 */
export function parseTarget(raw: string | undefined): { path: string; query: URLSearchParams } | undefined {
  if (raw === undefined || !raw.startsWith('/') || /[\p{Cc} \\#]/u.test(raw)) return undefined;
  const mark = raw.indexOf('?');
  const rawPath = mark < 0 ? raw : raw.slice(0, mark);
  const segments: string[] = [];
  for (const rawSegment of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\p{Cc}]/u.test(segment)) return undefined;
    segments.push(segment);
  }
  return { path: `/${segments.join('/')}`, query: new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1)) };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Something failed after the checks: a 500 while the headers are still unsent, else the connection ends. */
function fail(res: ServerResponse): void {
  if (res.headersSent) res.destroy();
  else deny(res, 500, 'The file could not be read.');
}

/** An answer on a socket that is no HTTP response object (upgrade, CONNECT). */
function refuseRaw(socket: Duplex, status: number, text: string): void {
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The app's files are small (the bundle budget holds every chunk under 400 kB): each is read whole and
 * sent in one write. Streamed in 64 KiB pieces, the page's first files, asked for all at once, left the
 * backend 1.4 MB bigger with the dashboard open. Anything larger is still streamed.
 */
const WHOLE_FILE_BYTES = 1024 * 1024;

async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, target: string, port: number): Promise<void> {
  let path = normalize(join(root, target));
  if (path !== root && !path.startsWith(root + sep)) {
    deny(res, 403, 'Outside the app.');
    return;
  }
  let info = await stat(path).catch(() => undefined);
  if (!info || info.isDirectory()) {
    // Single-page app: unknown paths get the shell; assets that are missing stay 404.
    if (extname(path)) {
      deny(res, 404, 'Not found.');
      return;
    }
    path = join(root, 'index.html');
    info = await stat(path).catch(() => undefined);
    if (!info) {
      deny(res, 500, 'The renderer is not built. Run `npm run build` first.');
      return;
    }
  }
  const isHtml = extname(path) === '.html';
  res.writeHead(200, {
    'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
    ...(isHtml
      ? {
          'Content-Security-Policy': [
            "default-src 'self'",
            "script-src 'self'",
            `connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`,
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
          ].join('; '),
        }
      : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A file that vanishes or cannot be read after the stat ends this response, not the process.
  if (info.size > WHOLE_FILE_BYTES) {
    pipeline(createReadStream(path), res, () => undefined);
    return;
  }
  readFile(path).then(
    (content) => res.end(content),
    () => res.destroy(),
  );
}
