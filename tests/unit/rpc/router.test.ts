import { describe, expect, it, vi } from 'vitest';

import type { EngineState } from '@shared/dto/engine';
import { LotseError } from '@shared/errors';
import type { RpcMessage } from '@shared/rpc/jsonrpc';

import { type Handlers, MAX_SUBSCRIPTIONS, Router, type TopicSources } from '../../../electron/rpc/router';
import { staticAreas } from '../../support/areas';

const state: EngineState = { status: 'connected', everConnected: true, attempt: 0 };

function makeRouter(overrides: Partial<Handlers> = {}, topicOverrides: Partial<TopicSources> = {}) {
  // Only the engine area's methods: the router is tested, not the areas.
  const handlers = {
    'engine.state': () => Promise.resolve(state),
    'engine.reconnect': () => Promise.resolve(state),
    'system.counts': () =>
      Promise.resolve({ images: 1, containers: { total: 2, running: 1, paused: 0, stopped: 1 }, networks: 3, volumes: 0 }),
    'system.df': () => Promise.reject(new LotseError('ENGINE_UNAVAILABLE', 'gone', 'start docker')),
    ...overrides,
  } as Handlers;
  const opened: string[] = [];
  const emitters = new Set<(event: never) => void>();
  const topics = {
    'engine.state': {
      replayLast: true,
      open: (_params, emit) => {
        opened.push('engine.state');
        emit(state);
        return () => opened.splice(opened.indexOf('engine.state'), 1);
      },
    },
    'docker.events': {
      open: (params, emit) => {
        const key = `docker.events:${JSON.stringify(params.types ?? [])}`;
        opened.push(key);
        emitters.add(emit);
        return () => {
          emitters.delete(emit);
          opened.splice(opened.indexOf(key), 1);
        };
      },
    },
    ...topicOverrides,
  } as TopicSources;
  const router = new Router({ areas: staticAreas(handlers, topics), version: '0.0.0-test', strictResults: true });
  return { router, opened, emit: (event: unknown) => emitters.forEach((e) => e(event as never)) };
}

function connect(router: Router) {
  const messages: RpcMessage[] = [];
  const connection = router.connect((m) => messages.push(m));
  const next = async (predicate: (m: RpcMessage) => boolean) => {
    await vi.waitFor(() => expect(messages.some(predicate)).toBe(true));
    return messages.find(predicate) as RpcMessage & Record<string, unknown>;
  };
  return { connection, messages, next };
}

describe('Router', () => {
  it('answers a request with the handler result', async () => {
    const { router } = makeRouter();
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'system.counts', params: {} });
    const reply = await next((m) => 'id' in m && m.id === 1);
    expect(reply.result).toEqual({ images: 1, containers: { total: 2, running: 1, paused: 0, stopped: 1 }, networks: 3, volumes: 0 });
  });

  it('rejects params that break the schema with INVALID_PARAMS, without calling the handler', async () => {
    const handler = vi.fn(() => Promise.resolve(state));
    const { router } = makeRouter({ 'engine.state': handler });
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 'a', method: 'engine.state', params: { surprise: true } });
    const reply = await next((m) => 'id' in m && m.id === 'a');
    expect(reply.error).toMatchObject({ code: -32602, data: { code: 'INVALID_PARAMS' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('names unknown methods and carries service errors as data', async () => {
    const { router } = makeRouter();
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 2, method: 'docker.raw', params: {} });
    connection.receive({ jsonrpc: '2.0', id: 3, method: 'system.df', params: {} });
    expect((await next((m) => 'id' in m && m.id === 2)).error).toMatchObject({ code: -32601, data: { code: 'METHOD_NOT_FOUND' } });
    expect((await next((m) => 'id' in m && m.id === 3)).error).toMatchObject({
      code: -32000,
      data: { code: 'ENGINE_UNAVAILABLE', message: 'gone', hint: 'start docker' },
    });
  });

  it('maps engine status codes and socket errors to error codes', async () => {
    const { router } = makeRouter({
      'system.counts': () => Promise.reject(Object.assign(new Error('no such image'), { statusCode: 404, json: { message: 'No such image: x' } })),
      'engine.reconnect': () => Promise.reject(Object.assign(new Error('connect EACCES'), { code: 'EACCES' })),
    });
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'system.counts', params: {} });
    connection.receive({ jsonrpc: '2.0', id: 2, method: 'engine.reconnect', params: {} });
    expect((await next((m) => 'id' in m && m.id === 1)).error).toMatchObject({ data: { code: 'NOT_FOUND', message: 'No such image: x' } });
    expect((await next((m) => 'id' in m && m.id === 2)).error).toMatchObject({ data: { code: 'ENGINE_PERMISSION' } });
  });

  it('refuses a result that breaks the contract when strict', async () => {
    const { router } = makeRouter({ 'system.counts': () => Promise.resolve({ images: 'many' } as never) });
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'system.counts', params: {} });
    expect((await next((m) => 'id' in m && m.id === 1)).error).toMatchObject({ data: { code: 'INTERNAL' } });
  });

  it('answers garbage with an invalid-request error and keeps working', async () => {
    const { router } = makeRouter();
    const { connection, next } = connect(router);
    connection.receive({ hello: 'world' });
    expect((await next((m) => 'error' in m && m.id === null)).error).toMatchObject({ code: -32600 });
    connection.receive({ jsonrpc: '2.0', id: 9, method: 'engine.state' });
    expect((await next((m) => 'id' in m && m.id === 9)).result).toEqual(state);
  });

  it('sends the subscription id before the first event, and replays state to late joiners', async () => {
    const { router } = makeRouter();
    const first = connect(router);
    first.connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.subscribe', params: { topic: 'engine.state', params: {} } });
    await first.next((m) => 'method' in m && m.method === 'rpc.event');
    const replyIndex = first.messages.findIndex((m) => 'id' in m && m.id === 1);
    const eventIndex = first.messages.findIndex((m) => 'method' in m && m.method === 'rpc.event');
    expect(replyIndex).toBeGreaterThanOrEqual(0);
    expect(replyIndex).toBeLessThan(eventIndex);

    const second = connect(router);
    second.connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.subscribe', params: { topic: 'engine.state', params: {} } });
    const event = await second.next((m) => 'method' in m && m.method === 'rpc.event');
    expect(event.params).toMatchObject({ event: state });
  });

  it('shares one upstream per topic and params and closes it with the last subscriber', async () => {
    const { router, opened, emit } = makeRouter();
    const a = connect(router);
    const b = connect(router);
    const sub = { topic: 'docker.events', params: { types: ['container'] } };
    a.connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.subscribe', params: sub });
    b.connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.subscribe', params: sub });
    b.connection.receive({ jsonrpc: '2.0', id: 2, method: 'rpc.subscribe', params: { topic: 'docker.events', params: {} } });
    await a.next((m) => 'id' in m && m.id === 1);
    await b.next((m) => 'id' in m && m.id === 2);
    expect(opened.sort()).toEqual(['docker.events:["container"]', 'docker.events:[]'].sort());
    expect(router.upstreamCount).toBe(2);

    emit({ type: 'container', action: 'start', id: 'x', attributes: {}, time: 1 });
    await a.next((m) => 'method' in m && m.method === 'rpc.event');
    expect(b.messages.filter((m) => 'method' in m && m.method === 'rpc.event')).toHaveLength(2);

    a.connection.close();
    expect(router.upstreamCount).toBe(2);
    b.connection.close();
    expect(router.upstreamCount).toBe(0);
    expect(opened).toEqual([]);
  });

  it('unsubscribes on request', async () => {
    const { router } = makeRouter();
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.subscribe', params: { topic: 'docker.events', params: {} } });
    const reply = await next((m) => 'id' in m && m.id === 1);
    const { subscription } = reply.result as { subscription: string };
    connection.receive({ jsonrpc: '2.0', id: 2, method: 'rpc.unsubscribe', params: { subscription } });
    expect((await next((m) => 'id' in m && m.id === 2)).result).toEqual({ removed: true });
    expect(router.upstreamCount).toBe(0);
  });

  it('cancels a running request and reports progress while it runs', async () => {
    const { router } = makeRouter({
      'images.pull': (_params, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.progress({ id: 'abc', status: 'Waiting', phase: 'waiting' });
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 7, method: 'images.pull', params: { ref: 'busybox:1.0' } });
    expect((await next((m) => 'method' in m && m.method === '$/progress')).params).toEqual({
      id: 7,
      value: { id: 'abc', status: 'Waiting', phase: 'waiting' },
    });
    connection.receive({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 7 } });
    expect((await next((m) => 'id' in m && m.id === 7)).error).toMatchObject({ code: -32800, data: { code: 'CANCELLED' } });
  });

  it('refuses progress that breaks the schema its method declares', async () => {
    const { router } = makeRouter({
      'images.pull': (_params, ctx) => {
        ctx.progress({ phase: 'nonsense' } as never);
        return Promise.resolve({ ref: 'busybox:1.0', id: 'sha256:x' });
      },
    });
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 8, method: 'images.pull', params: { ref: 'busybox:1.0' } });
    expect((await next((m) => 'id' in m && m.id === 8)).error).toMatchObject({ data: { code: 'INTERNAL' } });
  });

  it('bounds the subscriptions of one connection and the size of an invalid-params answer', async () => {
    const { router } = makeRouter();
    const { connection, next } = connect(router);
    for (let id = 1; id <= MAX_SUBSCRIPTIONS + 1; id++) {
      connection.receive({ jsonrpc: '2.0', id, method: 'rpc.subscribe', params: { topic: 'docker.events', params: {} } });
    }
    expect((await next((m) => 'id' in m && m.id === MAX_SUBSCRIPTIONS)).result).toMatchObject({ subscription: expect.any(String) as string });
    expect((await next((m) => 'id' in m && m.id === MAX_SUBSCRIPTIONS + 1)).error).toMatchObject({ data: { code: 'INVALID_PARAMS' } });
    const junk = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`k${i}`, i]));
    connection.receive({ jsonrpc: '2.0', id: 'big', method: 'system.df', params: junk });
    const answer = await next((m) => 'id' in m && m.id === 'big');
    expect(JSON.stringify(answer).length).toBeLessThan(20_000);
    connection.receive({ jsonrpc: '2.0', id: 'reg', method: 'registry.logout', params: { server: '..' } });
    expect((await next((m) => 'id' in m && m.id === 'reg')).error).toMatchObject({ data: { code: 'INVALID_PARAMS' } });
  });

  it('lists every method and topic of the contract in rpc.discover', async () => {
    const { router } = makeRouter();
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.discover' });
    const doc = (await next((m) => 'id' in m && m.id === 1)).result as { openrpc: string; methods: { name: string; params: unknown[] }[] };
    expect(doc.openrpc).toMatch(/^1\./);
    const names = doc.methods.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['engine.state', 'system.counts', 'system.df', 'rpc.subscribe#docker.events']));
  });
});

describe('areas loaded on first use', () => {
  const counts = { images: 1, containers: { total: 0, running: 0, paused: 0, stopped: 0 }, networks: 0, volumes: 0 };

  function lazyRouter(fail = 0) {
    const loads: string[] = [];
    const load = staticAreas({ 'system.counts': () => Promise.resolve(counts) }, { 'engine.state': { replayLast: true, open: (_p, emit) => (emit(state), () => undefined) } });
    let failures = fail;
    const router = new Router({
      areas: async (area) => {
        loads.push(area);
        if (failures-- > 0) throw new Error(`chunk of ${area} did not load`);
        return load(area);
      },
      version: '0.0.0-test',
    });
    return { router, loads };
  }

  it('loads an area once for concurrent callers, and no area for a name of none', async () => {
    const { router, loads } = lazyRouter();
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 'nowhere', method: 'nowhere.at.all', params: {} });
    expect((await next((m) => 'id' in m && m.id === 'nowhere')).error).toMatchObject({ data: { code: 'METHOD_NOT_FOUND' } });
    expect(loads).toEqual([]);
    for (const id of [1, 2, 3]) connection.receive({ jsonrpc: '2.0', id, method: 'system.counts', params: {} });
    connection.receive({ jsonrpc: '2.0', id: 4, method: 'rpc.subscribe', params: { topic: 'engine.state', params: {} } });
    for (const id of [1, 2, 3]) expect((await next((m) => 'id' in m && m.id === id)).result).toEqual(counts);
    expect((await next((m) => 'id' in m && m.id === 4)).result).toEqual({ subscription: 's1' });
    expect(loads).toEqual(['dashboard']);
  });

  it('answers an error when an area does not load, and loads it again for the next call', async () => {
    const { router, loads } = lazyRouter(1);
    const { connection, next } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'system.counts', params: {} });
    expect((await next((m) => 'id' in m && m.id === 1)).error).toMatchObject({ data: { code: 'INTERNAL' } });
    connection.receive({ jsonrpc: '2.0', id: 2, method: 'system.counts', params: {} });
    expect((await next((m) => 'id' in m && m.id === 2)).result).toEqual(counts);
    expect(loads).toEqual(['dashboard', 'dashboard']);
  });

  it('opens no upstream for a connection that closed while the area loaded', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const opened: string[] = [];
    const load = staticAreas({}, { 'engine.state': { open: () => (opened.push('engine.state'), () => undefined) } });
    const router = new Router({ areas: async (area) => (await gate, load(area)), version: '0.0.0-test' });
    const { connection, messages } = connect(router);
    connection.receive({ jsonrpc: '2.0', id: 1, method: 'rpc.subscribe', params: { topic: 'engine.state', params: {} } });
    connection.close();
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(opened).toEqual([]);
    expect(router.upstreamCount).toBe(0);
    expect(messages).toEqual([]);
  });
});
