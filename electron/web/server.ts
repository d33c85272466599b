import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

import { type RawData, WebSocket, WebSocketServer } from 'ws';

import { rpcErrorNumbers } from '@shared/rpc/jsonrpc';

import type { Router } from '../rpc/router';

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

  const server = createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      deny(res, 403, 'Foreign Host header refused.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      deny(res, 405, 'Only GET is served here.');
      return;
    }
    void serveFile(req, res, rendererDir, port);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(403, 'Forbidden');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(403, 'Forbidden');
    if (!sameToken(url.searchParams.get('token') ?? '', token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.router, maxBuffered));
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
  const connection = router.connect((message) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) {
      ws.close(1013, 'Client too slow');
      return;
    }
    ws.send(JSON.stringify(message));
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: rpcErrorNumbers.parseError, message: 'Invalid JSON.' } }));
      return;
    }
    connection.receive(message);
  });
  ws.on('close', () => connection.close());
  ws.on('error', () => connection.close());
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
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

async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, port: number): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  let path = normalize(join(root, decodeURIComponent(url.pathname)));
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
  createReadStream(path).pipe(res);
}
