import { connect } from 'node:net';

import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import type { Bridge } from '../../../electron/web/server';
import { engineLessBridge } from './engine-less-bridge';

const door = engineLessBridge();
let bridge: Bridge;
beforeAll(() => {
  bridge = door();
});

/** Writes raw bytes to the bridge and resolves with the status of the answer (0: closed without one). */
function raw(request: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.port, '127.0.0.1');
    let received = '';
    const done = (): void => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0));
    };
    socket.setTimeout(5000, () => reject(new Error(`no answer to ${String(request).slice(0, 60)}`)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) done();
    });
    socket.on('end', done);
    socket.on('error', done);
    socket.write(request);
  });
}

const host = (): string => `Host: 127.0.0.1:${bridge.port}\r\n`;
const get = (target: string, headers = ''): string => `GET ${target} HTTP/1.1\r\n${host()}${headers}Connection: close\r\n\r\n`;
const upgrade = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\n${host()}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

/** [what it tries, the bytes, the status the bridge must answer]. */
const hostile = (): [string, string | Buffer, number][] => [
  ['a lone percent', get('/%'), 400],
  ['a cut UTF-8 escape', get('/%E0%A4%A'), 400],
  ['a broken escape under assets', get('/assets/%zz'), 400],
  ['HEAD with a broken escape', `HEAD /% HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`, 400],
  ['an encoded NUL', get('/index.html%00'), 400],
  ['encoded slashes', get('/..%2f..%2fetc%2fpasswd'), 400],
  ['an encoded slash inside a name', get('/assets%2Findex.html'), 400],
  ['an encoded backslash', get('/..%5c..%5cetc%5cpasswd'), 400],
  ['encoded dots', get('/%2e%2e/%2e%2e/etc/passwd'), 400],
  ['a dot segment', get('/./index.html'), 400],
  ['raw dot-dot segments', get('/../../etc/passwd'), 400],
  ['raw backslashes', get('/..\\..\\etc\\passwd'), 400],
  ['an absolute-form target', get(`http://127.0.0.1:${bridge.port}/`), 400],
  ['an absolute-form target that is no URL', get('http://['), 400],
  ['the asterisk form', get('*'), 400],
  ['OPTIONS *', `OPTIONS * HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`, 400],
  ['no target at all', `GET  HTTP/1.1\r\n${host()}\r\n`, 400],
  ['no Host header', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
  ['a foreign Host header', 'GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n', 403],
  ['a method that does not exist', `FOO / HTTP/1.1\r\n${host()}\r\n`, 400],
  ['DELETE', `DELETE / HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`, 405],
  ['POST with a broken chunked body', `POST / HTTP/1.1\r\n${host()}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n`, 405],
  ['CONNECT', `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host()}\r\n`, 405],
  ['a NUL byte in the target', Buffer.from(`GET /a\u0000b HTTP/1.1\r\n${host()}\r\n`, 'latin1'), 400],
  ['a NUL byte in a header', Buffer.from(`GET / HTTP/1.1\r\n${host()}X-A: a\u0000b\r\n\r\n`, 'latin1'), 400],
  ['a header without a colon', `GET / HTTP/1.1\r\n${host()}nonsense\r\n\r\n`, 400],
  ['headers of 64 kB', get('/', `X-Big: ${'a'.repeat(65_536)}\r\n`), 431],
  ['a target of 64 kB', get(`/${'a'.repeat(65_536)}`), 431],
  ['an HTTP version that does not exist', `GET / HTTP/9.9\r\n${host()}\r\n`, 400],
  ['not HTTP at all', 'hello\r\n\r\n', 400],
  ['bytes that are not text', Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]), 400],
  ['an upgrade to a target that is no URL', upgrade('http://['), 400],
  ['an upgrade with a broken escape', upgrade('/%'), 400],
  ['an upgrade with a broken escape in the token', upgrade('/rpc?token=%zz'), 401],
  ['an upgrade to another path', upgrade('/rpc2'), 404],
  ['an upgrade without the token', upgrade('/rpc'), 401],
  ['an upgrade from a foreign origin', upgrade(`/rpc?token=${bridge.token}`, 'Origin: http://evil.example\r\n'), 403],
  ['an upgrade to something that is no WebSocket', upgrade(`/rpc?token=${bridge.token}`).replace('Upgrade: websocket', 'Upgrade: h2c'), 400],
  ['an upgrade with a bad key', upgrade(`/rpc?token=${bridge.token}`).replace('dGhlIHNhbXBsZSBub25jZQ==', 'x'), 400],
];

describe('the browser bridge under malformed requests', () => {
  it('answers every one with an error status and still serves pages and JSON-RPC after them', async () => {
    const requests = hostile();
    const answers: string[] = [];
    for (const [what, bytes] of requests) answers.push(`${what}: ${await raw(bytes)}`);
    expect(answers).toEqual(requests.map(([what, , status]) => `${what}: ${status}`));
    console.log(`${requests.length} malformed requests tried, ${answers.filter((a) => /: [45]\d\d$/.test(a)).length} refused`);

    // The page and a missing asset still get their usual answers.
    expect(await raw(get('/'))).toBe(200);
    expect(await raw(get('/assets/missing.js'))).toBe(404);

    // And a valid JSON-RPC call is answered.
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
    );
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine.state', params: {} }));
    expect(await reply).toMatchObject({ id: 1, result: { status: expect.any(String) as string } });
    ws.close();
  });
});
