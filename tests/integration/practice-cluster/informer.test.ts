import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { R } from '../../../electron/practice-cluster/api/resources';
import { startCluster, waitFor, type TestCluster } from './harness';

/**
 * A client-node informer (list, then watch) against the practice cluster: it survives a restart of the server
 * (error → start again → relist), a watch that is too old gets 410 and relists, and the cache ends equal to the
 * server's state after every change made by kubectl in between.
 */
const dir = mkdtempSync(join(tmpdir(), 'lotse-practice-informer-'));
const NS = 'informer';
let t: TestCluster | undefined;
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('client-node informer', () => {
  it('list-then-watch survives a server restart and a 410, and sees every change', async () => {
    t = await startCluster({ dataDir: dir, watchCacheSize: 3 });
    const port = Number(new URL(t.cluster.url).port);
    await t.k(['create', 'namespace', NS]);
    const kc = new KubeConfig();
    kc.loadFromFile(t.cluster.kubeconfigPath);
    const api = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(kc, `/api/v1/namespaces/${NS}/configmaps`, () => api.listNamespacedConfigMap({ namespace: NS }));
    const seen: string[] = [];
    informer.on('add', (o: V1ConfigMap) => seen.push(`add ${o.metadata?.name ?? ''}`));
    informer.on('update', (o: V1ConfigMap) => seen.push(`update ${o.metadata?.name ?? ''} ${o.data?.v ?? ''}`));
    informer.on('delete', (o: V1ConfigMap) => seen.push(`delete ${o.metadata?.name ?? ''}`));
    let restarting = false;
    informer.on('error', () => {
      if (restarting) return;
      restarting = true;
      setTimeout(() => {
        restarting = false;
        void informer.start().catch(() => undefined);
      }, 1500);
    });
    const names = () =>
      informer
        .list(NS)
        .filter((o) => o.metadata?.name !== 'kube-root-ca.crt')
        .map((o) => `${o.metadata?.name ?? ''}=${o.data?.v ?? ''}`)
        .sort()
        .join(',');
    await informer.start();
    await t.k(['create', 'configmap', 'a', '--from-literal=v=1', '-n', NS]);
    await t.k(['create', 'configmap', 'b', '--from-literal=v=1', '-n', NS]);
    await waitFor('a and b', () => names() === 'a=1,b=1' || undefined, 10_000);

    // Restart: the server goes away and comes back on the same port with the same store.
    await t.cluster.stop();
    t = await startCluster({ dataDir: dir, port, watchCacheSize: 3 });
    await t.k(['patch', 'configmap', 'a', '-n', NS, '--type=merge', '-p', '{"data":{"v":"2"}}']);
    await t.k(['delete', 'configmap', 'b', '-n', NS]);
    await t.k(['create', 'configmap', 'c', '--from-literal=v=1', '-n', NS]);
    await waitFor('the state after the restart', () => names() === 'a=2,c=1' || undefined, 15_000);

    // A watch that fell too far behind: drop the connections and change more than the watch cache holds at once.
    const lists: string[] = [];
    t.cluster.httpServer?.on('request', (req: { url?: string; method?: string }) => {
      if (req.method === 'GET' && req.url?.includes(`/namespaces/${NS}/configmaps`) && !req.url.includes('watch=')) lists.push(req.url);
    });
    t.cluster.httpServer?.closeAllConnections();
    for (const n of ['d', 'e', 'f', 'g']) t.cluster.objects.createInternal(R.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace: NS }, data: { v: '1' } });
    await waitFor('the relisted state', () => names() === 'a=2,c=1,d=1,e=1,f=1,g=1' || undefined, 15_000);
    expect(lists.length).toBeGreaterThan(0);

    // Live again: a change by kubectl arrives as an event.
    await t.k(['patch', 'configmap', 'c', '-n', NS, '--type=merge', '-p', '{"data":{"v":"3"}}']);
    await waitFor('the live update', () => seen.includes('update c 3') || undefined, 10_000);
    expect(seen).toContain('add a');
    await informer.stop();
  });
});
