import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { onePerTurn } from '../../../electron/web/server';
import { engineLessBridge } from './engine-less-bridge';

const door = engineLessBridge();

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('what the bridge says in one turn', () => {
  it('leaves as one text: an array of the messages in order, or a single message as itself', async () => {
    const sent: string[] = [];
    const say = onePerTurn((text) => sent.push(text));
    say({ id: 1 });
    say({ id: 2 });
    say({ method: 'rpc.event', params: { subscription: 's1' } });
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent.map((text) => JSON.parse(text) as unknown)).toEqual([[{ id: 1 }, { id: 2 }, { method: 'rpc.event', params: { subscription: 's1' } }]]);

    say({ id: 3 });
    await nextTurn();
    expect(JSON.parse(sent[1]!)).toEqual({ id: 3 });
    expect(sent).toHaveLength(2);
  });

  it('answers requests sent together, each once and in order, whether in one frame or several', async () => {
    const bridge = door();
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const ids: unknown[] = [];
    let frames = 0;
    const all = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        frames++;
        const parsed = JSON.parse(data.toString()) as { id?: unknown } | { id?: unknown }[];
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) if (message.id !== undefined) ids.push(message.id);
        if (ids.length === 5) resolve();
      }),
    );
    for (let id = 1; id <= 5; id++) ws.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'engine.state', params: {} }));
    await all;
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(frames).toBeLessThanOrEqual(5);
    ws.close();
  });
});
