import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DrainOptions, type DrainProgress } from '@shared/dto/kube';

import type { TestCluster } from '../practice-cluster/harness';
import { CONTEXT, renamedKubeconfig, serviceFor, startCluster, waitFor } from './support';

/**
 * Cordon and drain against the practice cluster with real containers: the preview, evictions a budget
 * refuses retried as kubectl does, "drained" only when the pods are gone and replaced; a budget that never
 * allows it (timeout, cancel); an RBAC refusal mid-drain that stops it.
 */
const NS = 'kube-drain';
const WORKER = 'lotse-worker';
let t: TestCluster;
let kube: ReturnType<typeof serviceFor>;
const options = (o: Partial<DrainOptions> = {}): DrainOptions => DrainOptions.parse({ ignoreDaemonsets: true, ...o });

const web = (replicas: number, minAvailable: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, imagePullPolicy: IfNotPresent}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb, namespace: ${NS}}
spec:
  minAvailable: ${minAvailable}
  selector: {matchLabels: {app: web}}
`;

const podsOn = async (node: string): Promise<string[]> =>
  (await t.k(['get', 'pods', '-n', NS, '--field-selector', `spec.nodeName=${node}`, '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean);
const readyWeb = async (): Promise<number> => Number((await t.k(['get', 'deployment', 'web', '-n', NS, '-o', 'jsonpath={.status.availableReplicas}'])) || 0);

beforeAll(async () => {
  t = await startCluster({ runtime: 'docker', docker: new Docker({ socketPath: '/var/run/docker.sock' }) });
  await t.k(['create', 'namespace', NS]);
  kube = serviceFor([t.cluster.kubeconfigPath]);
});
afterAll(async () => {
  await kube?.dispose();
  await t?.stop();
});

describe('cordon and drain', () => {
  it('cordon and uncordon', async () => {
    await kube.service.cordon(CONTEXT, WORKER, true);
    expect(await t.k(['get', 'node', WORKER, '-o', 'jsonpath={.spec.unschedulable}'])).toBe('true');
    await kube.service.cordon(CONTEXT, WORKER, false);
    expect(await t.k(['get', 'node', WORKER, '-o', 'jsonpath={.spec.unschedulable}'])).toBe('');
  });

  it('drains through the eviction API, retrying what the budget refuses, until the pods are replaced', async () => {
    await t.k(['apply', '-f', '-'], { input: web(4, 3) });
    await waitFor('4 web pods', async () => (await readyWeb()) === 4 || undefined, 60_000);
    const before = await podsOn(WORKER);
    expect(before.length).toBeGreaterThanOrEqual(2);

    const { plan, apiMs, planMs } = await kube.service.drainPreview(CONTEXT, WORKER, options(), {});
    expect(apiMs).toBeGreaterThan(0);
    expect(planMs).toBeGreaterThanOrEqual(0);
    expect(plan.canProceed).toBe(true);
    expect(plan.pods.map((p) => p.action).sort()).toEqual(['evict', ...Array<string>(before.length - 1).fill('wait-budget')].sort());
    expect(plan.pods[0]?.owners.map((o) => o.kind)).toEqual(['ReplicaSet', 'Deployment']);
    expect(plan.pods[0]?.fitsOn).toEqual(['lotse-worker2']);
    expect(plan.command).toBe('kubectl drain lotse-worker --ignore-daemonsets');

    const progress: DrainProgress[] = [];
    const result = await kube.service.drain(CONTEXT, WORKER, options({ timeout: 120 }), {}, new AbortController().signal, (p) => progress.push(p));
    expect(result).toMatchObject({ outcome: 'drained', remaining: [], unscheduled: [] });
    expect(result.evicted.sort()).toEqual(before.map((p) => `${NS}/${p}`).sort());
    expect(progress[0]?.phase).toBe('cordoned');
    expect(progress.some((p) => p.phase === 'budget-retry')).toBe(true);
    expect(await podsOn(WORKER)).toEqual([]);
    expect((await podsOn('lotse-worker2')).length).toBe(4);
    expect(await t.k(['get', 'node', WORKER, '-o', 'jsonpath={.spec.unschedulable}'])).toBe('true');
    await kube.service.cordon(CONTEXT, WORKER, false);
  });

  it('a budget that allows nothing: blocked in the preview; the drain times out or is cancelled, never "drained"', async () => {
    await t.k(['delete', 'deployment', 'web', '-n', NS]);
    await t.k(['delete', 'pdb', 'web-pdb', '-n', NS]);
    await waitFor('no web pods', async () => (await t.k(['get', 'pods', '-n', NS, '-o', 'name'])).trim() === '' || undefined, 60_000);
    await t.k(['apply', '-f', '-'], { input: web(2, 2) });
    await waitFor('2 web pods', async () => (await readyWeb()) === 2 || undefined, 60_000);
    await waitFor('the budget computed', async () => (await t.k(['get', 'pdb', 'web-pdb', '-n', NS, '-o', 'jsonpath={.status.expectedPods}'])) === '2' || undefined);
    const node = (await podsOn(WORKER)).length ? WORKER : 'lotse-worker2';
    const { plan } = await kube.service.drainPreview(CONTEXT, node, options(), {});
    expect(plan.pods.every((p) => p.action === 'blocked-budget' && p.budget?.never === true)).toBe(true);

    const timedOut = await kube.service.drain(CONTEXT, node, options({ timeout: 3 }), {}, new AbortController().signal, () => undefined);
    expect(timedOut.outcome).toBe('timeout');
    expect(timedOut.evicted).toEqual([]);
    expect(timedOut.remaining.length).toBeGreaterThan(0);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const cancelled = await kube.service.drain(CONTEXT, node, options(), {}, controller.signal, () => undefined);
    expect(cancelled.outcome).toBe('cancelled');
    expect(await readyWeb()).toBe(2);
    await kube.service.cordon(CONTEXT, node, false);
  });

  it('an RBAC refusal mid-drain stops it with the refusal', async () => {
    // Anonymous may look and cordon, but not evict.
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: drain-half}
rules:
  - {apiGroups: [""], resources: [pods, nodes], verbs: [get, list, watch]}
  - {apiGroups: [apps], resources: [replicasets, daemonsets], verbs: [get, list, watch]}
  - {apiGroups: [policy], resources: [poddisruptionbudgets], verbs: [get, list, watch]}
  - {apiGroups: [""], resources: [nodes], verbs: [patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: anon-drain-half}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: drain-half}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:anonymous"}]
`,
    });
    await t.k(['delete', 'pdb', 'web-pdb', '-n', NS]);
    const file = renamedKubeconfig(t, 'anon', t.dir, (d) => {
      d.users = [{ name: 'nobody', user: {} }];
      (d.contexts as { context: { user: string } }[])[0]!.context.user = 'nobody';
    });
    const anon = serviceFor([file]);
    try {
      const node = (await podsOn(WORKER)).length ? WORKER : 'lotse-worker2';
      const result = await anon.service.drain('anon', node, options({ timeout: 30 }), {}, new AbortController().signal, () => undefined);
      expect(result.outcome).toBe('refused');
      expect(result.error).toMatchObject({ code: 'K8S_FORBIDDEN' });
      expect(result.error?.detail).toContain('cannot create resource "pods/eviction"');
      expect(await readyWeb()).toBe(2);
      await kube.service.cordon(CONTEXT, node, false);
    } finally {
      await anon.dispose();
    }
  });
});
