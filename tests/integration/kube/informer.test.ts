import { afterAll, describe, expect, it } from 'vitest';

import type { KubeObject, WatchEvent } from '@shared/dto/kube';
import { applyWatchEvent, emptyList, type ListState } from '@shared/kube/reducer';

import { R } from '../../../electron/practice-cluster/api/resources';
import type { TestCluster } from '../practice-cluster/harness';
import { CONTEXT, serviceFor, startCluster, waitFor } from './support';

/**
 * The service's informer (list, then client-node's Watch) keeps a list equal to the server's through a
 * restart of the server (re-list after the reconnect) and a watch that fell behind (410 Gone → re-list).
 */
const NS = 'kube-informer';
let t: TestCluster | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  await t?.stop();
});

describe('informer', () => {
  it('list-then-watch across a server restart and a 410, applied by the reducer', async () => {
    t = await startCluster({ watchCacheSize: 3 });
    const dir = t.dir;
    const port = Number(new URL(t.cluster.url).port);
    await t.k(['create', 'namespace', NS]);
    const { service, dispose } = serviceFor([t.cluster.kubeconfigPath]);
    cleanups.push(dispose);
    let state: ListState = emptyList<KubeObject>();
    const events: WatchEvent['kind'][] = [];
    const stop = service.watch(CONTEXT, 'serviceaccounts', NS, (event) => {
      events.push(event.kind);
      state = applyWatchEvent(state, event);
    });
    const names = (): string =>
      [...state.items.values()]
        .map((o) => o.meta.name)
        .filter((n) => n !== 'default')
        .sort()
        .join(',');
    await t.k(['create', 'serviceaccount', 'a', '-n', NS]);
    await t.k(['create', 'serviceaccount', 'b', '-n', NS]);
    await waitFor('a and b', () => names() === 'a,b' || undefined, 10_000);
    expect(events[0]).toBe('reset');

    // The server goes away: the list says it is stale; it comes back with changes made meanwhile: re-listed.
    await t.cluster.stop();
    await waitFor('stale', () => state.stale || undefined, 15_000);
    t = await startCluster({ dataDir: dir, port, watchCacheSize: 3 });
    await t.k(['delete', 'serviceaccount', 'b', '-n', NS]);
    await t.k(['create', 'serviceaccount', 'c', '-n', NS]);
    await waitFor('the state after the restart', () => names() === 'a,c' || undefined, 20_000);
    expect(state.stale).toBe(false);
    expect(events.filter((e) => e === 'reset').length).toBeGreaterThanOrEqual(2);

    // Too far behind for the watch cache: 410 Gone, and a re-list.
    const resets = events.filter((e) => e === 'reset').length;
    t.cluster.httpServer?.closeAllConnections();
    for (const n of ['d', 'e', 'f', 'g']) t.cluster.objects.createInternal(R.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: n, namespace: NS } });
    await waitFor('the relisted state', () => names() === 'a,c,d,e,f,g' || undefined, 20_000);
    await t.k(['delete', 'serviceaccount', 'd', '-n', NS]);
    await waitFor('a live delete', () => names() === 'a,c,e,f,g' || undefined, 10_000);
    expect(events.filter((e) => e === 'reset').length).toBeGreaterThan(resets);
    stop();
  });
});
