import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';

import { webSocketTransport } from '../../../renderer/api/transports';

// Node's own WebSocket client stands in for the browser's; the server is a real one on a local port.
let server: WebSocketServer;
let port: number;
beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the browser bridge transport', () => {
  it('hands on each message of a frame that carries several, in order, and single ones as they are', async () => {
    server.once('connection', (socket) => {
      socket.send(JSON.stringify([{ id: 1 }, { method: 'rpc.event', params: { n: 2 } }]));
      socket.send(JSON.stringify({ id: 3 }));
    });
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/rpc`);
    const received: unknown[] = [];
    await new Promise<void>((resolve) =>
      transport.onMessage((message) => {
        received.push(message);
        if (received.length === 3) resolve();
      }),
    );
    expect(received).toEqual([{ id: 1 }, { method: 'rpc.event', params: { n: 2 } }, { id: 3 }]);
  });
});
