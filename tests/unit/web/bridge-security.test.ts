import { request } from 'node:http';

import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import type { Bridge } from '../../../electron/web/server';
import { engineLessBridge } from './engine-less-bridge';

const door = engineLessBridge();
let bridge: Bridge;
beforeAll(() => {
  bridge = door();
});

/** Opens a WebSocket and resolves with 'open' or the HTTP status of the refusal. */
function tryConnect(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', (error) => {
      const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
      if (status) resolve(Number(status));
      else reject(error);
    });
  });
}

function httpGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('the browser bridge', () => {
  it('listens on 127.0.0.1 only and puts a long random token in its URL', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('lets in a client with the token and the app origin', async () => {
    const origin = `http://127.0.0.1:${bridge.port}`;
    expect(await tryConnect(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`, { Origin: origin })).toBe('open');
  });

  it('refuses a connection without the token or with a wrong one', async () => {
    expect(await tryConnect(`ws://127.0.0.1:${bridge.port}/rpc`)).toBe(401);
    const wrong = bridge.token.slice(0, -1) + (bridge.token.endsWith('A') ? 'B' : 'A');
    expect(await tryConnect(`ws://127.0.0.1:${bridge.port}/rpc?token=${wrong}`)).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const url = `ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`;
    expect(await tryConnect(url, { Origin: 'http://evil.example' })).toBe(403);
    expect(await tryConnect(url, { Origin: `http://127.0.0.1:${bridge.port + 1}` })).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) for pages and the socket', async () => {
    expect(await httpGet('/', 'evil.example')).toBe(403);
    expect(await httpGet('/', `127.0.0.1:${bridge.port}`)).toBe(200);
    expect(await tryConnect(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`, { Host: 'evil.example' })).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect(await httpGet('/..%2f..%2fetc%2fpasswd', `127.0.0.1:${bridge.port}`)).toBe(400);
  });

  it('answers JSON-RPC once let in, with errors as data', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
    );
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.counts', params: {} }));
    expect(await reply).toMatchObject({ id: 1, error: { data: { code: 'ENGINE_UNAVAILABLE' } } });
    ws.close();
  });
});
