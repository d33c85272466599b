import { describe, expect, it, vi } from 'vitest';

import type { EngineState } from '@shared/dto/engine';
import type { RpcMessage } from '@shared/rpc/jsonrpc';

import { checkValue, inboundLimits, peekId, scanJson } from '../../../electron/rpc/inbound';
import { type Handlers, Router } from '../../../electron/rpc/router';
import { staticAreas } from '../../support/areas';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const nest = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const list = (length: number): string => `[${Array.from({ length }, () => '0').join(',')}]`;
const keys = (count: number): string => `{${Array.from({ length: count }, (_, i) => `"k${i}":0`).join(',')}}`;

describe('scanJson, before JSON.parse', () => {
  it('refuses each bound one past it and takes it at the bound', () => {
    expect(scanJson(bytes(nest(inboundLimits.maxDepth)))).toBeUndefined();
    expect(scanJson(bytes(nest(inboundLimits.maxDepth + 1)))).toMatch(/nested deeper than 32/);
    expect(scanJson(bytes(list(inboundLimits.maxArrayLength)))).toBeUndefined();
    expect(scanJson(bytes(list(inboundLimits.maxArrayLength + 1)))).toMatch(/more than 10000 entries/);
    expect(scanJson(bytes(keys(inboundLimits.maxKeys)))).toBeUndefined();
    expect(scanJson(bytes(keys(inboundLimits.maxKeys + 1)))).toMatch(/more than 1000 keys/);
    expect(scanJson(bytes(`{"${'k'.repeat(inboundLimits.maxKeyLength)}":1}`))).toBeUndefined();
    expect(scanJson(bytes(`{"${'k'.repeat(inboundLimits.maxKeyLength + 1)}":1}`))).toMatch(/key is longer/);
    expect(scanJson(new Uint8Array(inboundLimits.maxBytes + 1))).toMatch(/larger than/);
  });

  it('counts values, strings and long texts with its own limits', () => {
    const small = { ...inboundLimits, maxStringLength: 5, maxValues: 10 };
    expect(scanJson(bytes('["12345"]'), small)).toBeUndefined();
    expect(scanJson(bytes('["123456"]'), small)).toMatch(/text is longer than 5/);
    expect(scanJson(bytes('[[1,1],[2,2],[3,3]]'), small)).toBeUndefined();
    expect(scanJson(bytes('[[1,1],[2,2],[3,3],[4,4]]'), small)).toMatch(/more than 10 values/);
  });

  it('does not count brackets, commas or escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '[[[[,,,,{{{{\\"]]]]', b: ['"', '\\', '\\"'] });
    expect(scanJson(bytes(text), { ...inboundLimits, maxDepth: 2, maxArrayLength: 3 })).toBeUndefined();
  });
});

describe('checkValue, for values that arrive over IPC', () => {
  it('applies the same bounds and takes only plain JSON values', () => {
    expect(checkValue({ a: [1, 'x', null, true, { b: undefined }] })).toBeUndefined();
    expect(checkValue(JSON.parse(nest(inboundLimits.maxDepth + 1)))).toMatch(/nested deeper/);
    expect(checkValue(new Array(inboundLimits.maxArrayLength + 1).fill(0))).toMatch(/entries/);
    expect(checkValue(JSON.parse(keys(inboundLimits.maxKeys + 1)))).toMatch(/keys/);
    expect(checkValue({ m: new Map() })).toMatch(/not JSON/);
    expect(checkValue({ d: new Date() })).toMatch(/not JSON/);
    expect(checkValue({ n: 1n })).toMatch(/not JSON/);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(checkValue(circular)).toMatch(/nested deeper/);
  });
});

describe('peekId', () => {
  it('reads the top-level id from the first bytes only', () => {
    expect(peekId(bytes('{"jsonrpc":"2.0","id":7,"method":"x","params":[[[['))).toBe(7);
    expect(peekId(bytes('{"params":{"id":1},"x":"id","id":"a\\"b"}'))).toBe('a"b');
    expect(peekId(bytes('{"params":{"id":1}}'))).toBeNull();
    expect(peekId(bytes(`{"id":"${'x'.repeat(inboundLimits.maxIdLength + 1)}"}`))).toBeNull();
    expect(peekId(bytes(`{"pad":"${'x'.repeat(5000)}","id":1}`))).toBeNull();
    expect(peekId(bytes('{"id":{}}'))).toBeNull();
  });
});

const state: EngineState = { status: 'connected', everConnected: true, attempt: 0 };

function connect(handlers: Partial<Handlers> = {}) {
  const router = new Router({ areas: staticAreas({ 'engine.state': () => Promise.resolve(state), ...handlers }), version: '0.0.0-test' });
  const messages: (RpcMessage & Record<string, unknown>)[] = [];
  const connection = router.connect((m) => messages.push(m));
  const answers = async (count: number) => {
    await vi.waitFor(() => expect(messages.length).toBeGreaterThanOrEqual(count));
    return messages;
  };
  return { connection, messages, answers };
}

describe('the router connection at its entry', () => {
  it('answers every refused message with an error, with its id where one can be read', async () => {
    const { connection, answers } = connect();
    connection.receiveJson(bytes(`{"jsonrpc":"2.0","id":1,"method":"engine.state","params":${nest(40)}}`));
    connection.receiveJson(bytes('{"jsonrpc":"2.0","id":null,"method":"engine.state"}'));
    connection.receiveJson(bytes('{"jsonrpc":"2.0","id":{},"method":"engine.state"}'));
    connection.receiveJson(bytes(`{"jsonrpc":"2.0","id":"${'x'.repeat(300)}","method":"engine.state"}`));
    connection.receiveJson(bytes(`{"jsonrpc":"2.0","id":5,"method":"${'m'.repeat(200)}"}`));
    connection.receiveJson(bytes('{"jsonrpc":"1.0","id":6,"method":"engine.state"}'));
    connection.receiveJson(new Uint8Array([0x7b, 0xff, 0x7d]));
    connection.receiveJson(bytes('\uFEFF{"jsonrpc":"2.0","id":8,"method":"engine.state"}'));
    connection.receive({ jsonrpc: '2.0', id: 9, method: 'engine.state', params: { when: new Date() } });
    const got = await answers(9);
    expect(got.map((m) => [m.id, (m.error as { code: number } | undefined)?.code])).toEqual([
      [1, -32600],
      [null, -32600],
      [null, -32600],
      [null, -32600],
      [5, -32600],
      [6, -32600],
      [null, -32700],
      [null, -32700],
      [9, -32600],
    ]);
    expect(got[0]?.error).toMatchObject({ data: { code: 'INVALID_PARAMS', message: expect.stringMatching(/nested deeper/) as string } });
  });

  it('answers no notification, well-formed or not, and still answers requests', async () => {
    const { connection, messages, answers } = connect();
    connection.receiveJson(bytes('{"jsonrpc":"2.0","method":"engine.state"}'));
    connection.receiveJson(bytes('{"jsonrpc":"2.0","method":"$/cancelRequest","params":"x"}'));
    connection.receiveJson(bytes('{"jsonrpc":"2.0","id":"a","method":"engine.state","params":{}}'));
    await answers(1);
    expect(messages).toEqual([{ jsonrpc: '2.0', id: 'a', result: state }]);
  });

  it(`runs at most ${inboundLimits.maxInFlight} requests of one connection at once`, async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { connection, messages, answers } = connect({ 'engine.state': () => gate.then(() => state) });
    for (let id = 1; id <= inboundLimits.maxInFlight + 1; id++) connection.receive({ jsonrpc: '2.0', id, method: 'engine.state' });
    const refused = await answers(1);
    expect(refused).toMatchObject([{ id: inboundLimits.maxInFlight + 1, error: { code: -32600, data: { code: 'INVALID_PARAMS' } } }]);
    release();
    await answers(inboundLimits.maxInFlight + 1);
    connection.receive({ jsonrpc: '2.0', id: 'after', method: 'engine.state' });
    await vi.waitFor(() => expect(messages.at(-1)).toEqual({ jsonrpc: '2.0', id: 'after', result: state }));
  });
});
