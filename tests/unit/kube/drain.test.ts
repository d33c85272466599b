import { describe, expect, it } from 'vitest';

import { DrainOptions, type KPodDisruptionBudget } from '@shared/dto/kube';
import { planDrain } from '@shared/kube/drain';

import { make, node, pod } from './fixtures';

const options = (o: Partial<DrainOptions> = {}): DrainOptions => DrainOptions.parse(o);
const nodes = [
  node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
  node('w1'),
  node('w2'),
  node('w3', { unschedulable: true }),
];
const rs = make('replicasets', {
  metadata: { name: 'web-abc', namespace: 'app', uid: 'uid-web-abc', ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }] },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
});
const ds = make('daemonsets', { metadata: { name: 'logs', namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: 'logs' } } } });
const web = (name: string, at: string) => pod(name, 'app', { app: 'web' }, { node: at, owner: { kind: 'ReplicaSet', name: 'web-abc', uid: 'uid-web-abc' } });
const budget = (minAvailable: number | string, status: Partial<KPodDisruptionBudget['status']>): KPodDisruptionBudget =>
  make('poddisruptionbudgets', {
    metadata: { name: 'web-pdb', namespace: 'app' },
    spec: { minAvailable, selector: { matchLabels: { app: 'web' } } },
    status: { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, ...status },
  });

describe('drain planning', () => {
  const mixed = [
    web('web-1', 'w1'),
    web('web-2', 'w1'),
    web('web-3', 'w2'),
    pod('logs-x', 'kube-system', { app: 'logs' }, { node: 'w1', owner: { kind: 'DaemonSet', name: 'logs' } }),
    pod('static-w1', 'kube-system', {}, { node: 'w1', annotations: { 'kubernetes.io/config.mirror': 'hash' }, owner: { kind: 'Node', name: 'w1' } }),
    pod('bare', 'app', { app: 'bare' }, { node: 'w1' }),
    pod('cache', 'app', { app: 'cache' }, { node: 'w1', owner: { kind: 'ReplicaSet', name: 'other' }, spec: { volumes: [{ name: 'scratch', emptyDir: {} }] } }),
    pod('done', 'app', {}, { node: 'w1', status: { phase: 'Succeeded' } }),
  ];
  const input = { node: 'w1', nodes, pods: mixed, replicaSets: [rs], daemonSets: [ds], budgets: [] };

  it('without flags: what kubectl refuses, and that it stops before evicting anything', () => {
    const plan = planDrain({ ...input, options: options() });
    expect(Object.fromEntries(plan.pods.map((p) => [p.name, p.action]))).toEqual({
      bare: 'refuse-unmanaged',
      cache: 'refuse-emptydir',
      done: 'delete-finished',
      'web-1': 'evict',
      'web-2': 'evict',
      'logs-x': 'refuse-daemonset',
      'static-w1': 'skip-mirror',
    });
    expect(plan.canProceed).toBe(false);
    expect(plan.needs).toEqual(['--delete-emptydir-data', '--force', '--ignore-daemonsets']);
    expect(plan.command).toBe('kubectl drain w1');
  });

  it('with the flags: skipped, evicted, replaced where they fit', () => {
    const plan = planDrain({ ...input, options: options({ ignoreDaemonsets: true, deleteEmptydirData: true, force: true }), target: { context: 'lab' } });
    const byName = Object.fromEntries(plan.pods.map((p) => [p.name, p]));
    expect(byName['logs-x']?.action).toBe('skip-daemonset');
    expect(byName.bare?.action).toBe('evict');
    expect(byName.bare?.fitsOn).toEqual([]);
    expect(byName.cache?.action).toBe('evict');
    expect(byName['web-1']?.owners).toEqual([
      { kind: 'ReplicaSet', name: 'web-abc' },
      { kind: 'Deployment', name: 'web' },
    ]);
    // Not the control plane (taint), not w3 (cordoned), not w1 itself.
    expect(byName['web-1']?.fitsOn).toEqual(['w2']);
    expect(plan.canProceed).toBe(true);
    expect(plan.command).toBe('kubectl --context lab drain w1 --ignore-daemonsets --delete-emptydir-data --force');
  });

  it('a budget that allows one disruption: one pod goes now, the next waits for its replacement', () => {
    const plan = planDrain({ ...input, pods: mixed.slice(0, 3), budgets: [budget(2, {})], options: options() });
    expect(plan.pods.map((p) => [p.name, p.action])).toEqual([
      ['web-1', 'evict'],
      ['web-2', 'wait-budget'],
    ]);
    expect(plan.pods[1]?.budget).toMatchObject({ name: 'web-pdb', disruptionsAllowed: 1, never: false });
  });

  it('a budget that allows nothing while every pod is healthy blocks for good', () => {
    const blocked = planDrain({ ...input, pods: mixed.slice(0, 3), budgets: [budget(3, { disruptionsAllowed: 0, desiredHealthy: 3 })], options: options() });
    expect(blocked.pods.map((p) => p.action)).toEqual(['blocked-budget', 'blocked-budget']);
    expect(blocked.pods[0]?.budget?.never).toBe(true);
    // Pods still starting: the budget may allow it later.
    const later = planDrain({ ...input, pods: mixed.slice(0, 3), budgets: [budget(2, { disruptionsAllowed: 0, currentHealthy: 2 })], options: options() });
    expect(later.pods.map((p) => p.action)).toEqual(['wait-budget', 'wait-budget']);
  });

  it('says why a replacement fits nowhere', () => {
    const big = pod('big', 'app', { app: 'big' }, { node: 'w1', owner: { kind: 'ReplicaSet', name: 'big-1' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '8' } } }] } });
    const plan = planDrain({ ...input, pods: [big], options: options() });
    expect(plan.pods[0]?.fitsOn).toEqual([]);
    expect(plan.pods[0]?.fitsNowhere).toContain('cpu');
  });

  it('plans 100 pods', () => {
    const many = Array.from({ length: 100 }, (_, i) => web(`web-${i}`, 'w1'));
    const plan = planDrain({ ...input, pods: many, budgets: [budget(50, { currentHealthy: 100, expectedPods: 100, desiredHealthy: 50, disruptionsAllowed: 50 })], options: options() });
    expect(plan.pods.filter((p) => p.action === 'evict')).toHaveLength(50);
    expect(plan.pods.filter((p) => p.action === 'wait-budget')).toHaveLength(50);
  });
});
