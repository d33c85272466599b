import { describe, expect, it, vi } from 'vitest';

import type { LogBatch } from '@shared/dto/containers';
import type { RpcMessage } from '@shared/rpc/jsonrpc';

import { Router, type TopicSources } from '../../../electron/rpc/router';
import { staticAreas } from '../../support/areas';

/** A log source the test drives by hand: each open is one upstream, with its emit, end and dispose count. */
function makeRouter() {
  const upstreams: { emit: (batch: LogBatch) => void; end: () => void; disposed: number }[] = [];
  let endAtOnce = false;
  const topics = {
    'containers.logs': {
      open: (_params, emit, end) => {
        const upstream = { emit, end, disposed: 0 };
        upstreams.push(upstream);
        if (endAtOnce) {
          emit({ lines: [], dropped: 0, ended: true, error: { code: 'NOT_FOUND', message: 'No such container' } });
          end();
        }
        return () => {
          upstream.disposed++;
        };
      },
    },
  } as Partial<TopicSources> as TopicSources;
  const router = new Router({ areas: staticAreas({}, topics), version: '0.0.0-test', strictResults: true });
  return {
    router,
    upstreams,
    endAtOnce: (value: boolean) => {
      endAtOnce = value;
    },
  };
}

function subscriber(router: Router) {
  const messages: RpcMessage[] = [];
  const connection = router.connect((m) => messages.push(m));
  let nextId = 1;
  const events = () =>
    messages.flatMap((m) => ('method' in m && m.method === 'rpc.event' ? [(m.params as { event: LogBatch }).event] : []));
  const subscribe = async (params: Record<string, unknown>): Promise<string> => {
    const id = nextId++;
    connection.receive({ jsonrpc: '2.0', id, method: 'rpc.subscribe', params: { topic: 'containers.logs', params } });
    await vi.waitFor(() => expect(messages.some((m) => 'id' in m && m.id === id)).toBe(true));
    const reply = messages.find((m) => 'id' in m && m.id === id) as { result?: { subscription: string } };
    if (!reply.result) throw new Error(JSON.stringify(reply));
    return reply.result.subscription;
  };
  const unsubscribe = async (subscription: string): Promise<void> => {
    const id = nextId++;
    connection.receive({ jsonrpc: '2.0', id, method: 'rpc.unsubscribe', params: { subscription } });
    await vi.waitFor(() => expect(messages.some((m) => 'id' in m && m.id === id)).toBe(true));
  };
  return { connection, events, subscribe, unsubscribe };
}

const line = (text: string): LogBatch => ({ lines: [{ stream: 'stdout', text }], dropped: 0, ended: false });
const params = { id: 'abc123', tail: 10 };

describe('Router upstreams that end', () => {
  it('drops an ended upstream: a later subscriber with the same params opens a fresh one', async () => {
    const { router, upstreams } = makeRouter();
    const a = subscriber(router);
    const sa = await a.subscribe(params);
    expect(upstreams).toHaveLength(1);
    upstreams[0]!.emit(line('one'));
    upstreams[0]!.emit({ lines: [], dropped: 0, ended: true });
    upstreams[0]!.end();
    expect(router.upstreamCount).toBe(0);

    const b = subscriber(router);
    await b.subscribe(params);
    expect(upstreams).toHaveLength(2);
    upstreams[1]!.emit(line('two'));
    await vi.waitFor(() => expect(b.events()).toHaveLength(1));
    expect(b.events()[0]!.lines[0]!.text).toBe('two');
    // The first subscriber kept what it got and hears nothing of the new upstream.
    expect(a.events().map((e) => e.lines[0]?.text ?? 'ended')).toEqual(['one', 'ended']);

    // The ended upstream is disposed with its last subscriber, once; the fresh one runs on.
    await a.unsubscribe(sa);
    expect(upstreams.map((u) => u.disposed)).toEqual([1, 0]);
    expect(router.upstreamCount).toBe(1);
    b.connection.close();
    expect(upstreams.map((u) => u.disposed)).toEqual([1, 1]);
    expect(router.upstreamCount).toBe(0);
  });

  it('still shares a running upstream, and an end from a replaced upstream leaves the new one in place', async () => {
    const { router, upstreams } = makeRouter();
    const a = subscriber(router);
    const b = subscriber(router);
    await a.subscribe(params);
    await b.subscribe({ tail: 10, id: 'abc123' });
    expect(upstreams).toHaveLength(1);
    upstreams[0]!.end();
    const c = subscriber(router);
    await c.subscribe(params);
    expect(upstreams).toHaveLength(2);
    // A second end from the old upstream must not drop the new one.
    upstreams[0]!.end();
    expect(router.upstreamCount).toBe(1);
    const d = subscriber(router);
    await d.subscribe(params);
    expect(upstreams).toHaveLength(2);
    for (const s of [a, b, c, d]) s.connection.close();
    expect(upstreams.map((u) => u.disposed)).toEqual([1, 1]);
  });

  it('drops an upstream that ends while it opens, after its subscriber got the end', async () => {
    const { router, upstreams, endAtOnce } = makeRouter();
    endAtOnce(true);
    const a = subscriber(router);
    await a.subscribe(params);
    await vi.waitFor(() => expect(a.events()).toHaveLength(1));
    expect(a.events()[0]).toMatchObject({ ended: true, error: { code: 'NOT_FOUND' } });
    expect(router.upstreamCount).toBe(0);

    endAtOnce(false);
    const b = subscriber(router);
    await b.subscribe(params);
    expect(upstreams).toHaveLength(2);
    expect(router.upstreamCount).toBe(1);
    upstreams[1]!.emit(line('after'));
    await vi.waitFor(() => expect(b.events()).toHaveLength(1));
    expect(a.events()).toHaveLength(1);
  });
});
