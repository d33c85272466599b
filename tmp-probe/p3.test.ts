import { it, expect } from 'vitest';
import { createBackend } from '../electron/rpc/backend';
import { RpcClient } from '../renderer/api/client';
import { inMemoryTransport } from '../tests/support/in-memory';
import { startCluster, waitFor } from '../tests/integration/practice-cluster/harness';

it('resubscribe', async () => {
  const t = await startCluster();
  process.env.KUBECONFIG = t.cluster.kubeconfigPath;
  const backend = createBackend({ version: 'x' });
  const api = new RpcClient(inMemoryTransport(backend.router));
  const got: string[] = [];
  const a = api.subscribe('kube.watch', { context: 'lotse-practice', resource: 'nodes' }, (e) => got.push(`a:${e.kind}:${'items' in e ? e.items.length : ''}`));
  await waitFor('a', () => got.length > 0 || undefined);
  a();
  const b = api.subscribe('kube.watch', { context: 'lotse-practice', resource: 'nodes' }, (e) => got.push(`b:${e.kind}:${'items' in e ? e.items.length : ''}`));
  await new Promise((r) => setTimeout(r, 3000));
  b();
  console.log(got);
  backend.close();
  await t.stop();
});
