import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';

import { reconcileDeployment, resolveIntOrPercent, REVISION, templateHash } from '../../../electron/practice-cluster/controllers/deployment-logic';
import { pdbStatus } from '../../../electron/practice-cluster/controllers/pdb-logic';
import { reconcileReplicaSet } from '../../../electron/practice-cluster/controllers/replicaset-logic';
import { schedule } from '../../../electron/practice-cluster/controllers/scheduling';

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } });
const deployment = (replicas: number, image: string, extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'd1', generation: 2, annotations: {} },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template(image), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, ...extra },
});

/** Plays the ReplicaSet controller and kubelet: every ReplicaSet's pods exist and are available. */
function settle(sets: ReplicaSet[]): ReplicaSet[] {
  return sets.map((rs) => ({ ...rs, status: { replicas: rs.spec?.replicas ?? 0, readyReplicas: rs.spec?.replicas ?? 0, availableReplicas: rs.spec?.replicas ?? 0 } }));
}

function step(d: Deployment, sets: ReplicaSet[]): { sets: ReplicaSet[]; d: Deployment; events: string[] } {
  const a = reconcileDeployment(d, sets);
  let next = sets.map((rs) => a.update.find((u) => u.metadata?.name === rs.metadata?.name) ?? rs).filter((rs) => !a.delete.includes(rs.metadata?.name ?? ''));
  if (a.create) next = [...next, { ...a.create, metadata: { ...a.create.metadata, creationTimestamp: new Date(Date.now() + next.length * 1000).toISOString() } }];
  return { sets: next, d: { ...d, status: a.status, metadata: { ...d.metadata, annotations: { ...d.metadata?.annotations, ...a.annotations } } }, events: a.events.map((e) => e.message) };
}

describe('deployment controller', () => {
  it('creates the first ReplicaSet with the template hash, revision 1 and all replicas', () => {
    const a = reconcileDeployment(deployment(5, 'nginx'), []);
    const hash = templateHash(template('nginx'));
    expect(a.create?.metadata?.name).toBe(`web-${hash}`);
    expect(a.create?.spec?.replicas).toBe(5);
    expect(a.create?.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(a.create?.metadata?.annotations?.[REVISION]).toBe('1');
    expect(a.events[0]?.message).toBe(`Scaled up replica set web-${hash} from 0 to 5`);
    expect(a.status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetCreated');
  });

  it('rolls out step by step within maxSurge and maxUnavailable, then completes', () => {
    let d = deployment(4, 'nginx:1');
    let { sets } = step(d, []);
    sets = settle(sets);
    d = deployment(4, 'nginx:2');
    const totals: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = step(d, sets);
      sets = settle(r.sets);
      d = r.d;
      const total = sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      totals.push(total);
      expect(total).toBeLessThanOrEqual(5); // 4 + 25% surge
    }
    const [oldRs, newRs] = sets;
    expect(oldRs?.spec?.replicas).toBe(0);
    expect(newRs?.spec?.replicas).toBe(4);
    expect(newRs?.metadata?.annotations?.[REVISION]).toBe('2');
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(totals.some((t) => t === 5)).toBe(true);
  });

  it('rollout undo reuses the old ReplicaSet and gives it the next revision', () => {
    let d = deployment(2, 'nginx:1');
    let { sets } = step(d, []);
    sets = settle(sets);
    d = deployment(2, 'nginx:2');
    for (let i = 0; i < 6; i++) sets = settle(step(d, sets).sets);
    d = deployment(2, 'nginx:1');
    const a = reconcileDeployment(d, sets);
    expect(a.create).toBeUndefined();
    const reused = a.update.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1');
    expect(reused?.metadata?.annotations?.[REVISION]).toBe('3');
    expect(a.annotations[REVISION]).toBe('3');
  });

  it('Recreate scales old to zero before the new ReplicaSet starts', () => {
    let d = deployment(3, 'a', { strategy: { type: 'Recreate' } });
    let { sets } = step(d, []);
    sets = settle(sets);
    d = deployment(3, 'b', { strategy: { type: 'Recreate' } });
    const first = reconcileDeployment(d, sets);
    expect(first.create?.spec?.replicas).toBe(0);
    expect(first.update[0]?.spec?.replicas).toBe(0);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const old = (n: number): ReplicaSet => ({ metadata: { name: `web-old${n}`, annotations: { [REVISION]: String(n) }, creationTimestamp: new Date(n * 1000).toISOString() }, spec: { replicas: 0, selector: {}, template: template(`v${n}`) }, status: { replicas: 0 } });
    const a = reconcileDeployment(deployment(1, 'nginx', { revisionHistoryLimit: 2 }), [old(1), old(2), old(3), old(4)]);
    expect(a.delete).toEqual(['web-old1', 'web-old2']);
  });

  it('resolves percentages like the real controller', () => {
    expect(resolveIntOrPercent('25%', 5, true)).toBe(2);
    expect(resolveIntOrPercent('25%', 5, false)).toBe(1);
    expect(resolveIntOrPercent(3, 5, false)).toBe(3);
  });
});

const pod = (name: string, extra: Partial<Pod> = {}, ready = true): Pod => ({
  metadata: { name, labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs1', controller: true }], creationTimestamp: new Date().toISOString(), ...extra.metadata },
  spec: { nodeName: 'n1', containers: [{ name: 'c', resources: {} }], ...extra.spec },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], ...extra.status },
});
const rs = (replicas: number): ReplicaSet => ({ metadata: { name: 'rs', uid: 'rs1', generation: 1 }, spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template('x') } });

describe('replicaset controller', () => {
  it('creates missing pods and counts ready ones', () => {
    const a = reconcileReplicaSet(rs(3), [pod('a'), pod('b', {}, false)]);
    expect(a.create).toBe(1);
    expect(a.status).toMatchObject({ replicas: 2, readyReplicas: 1, availableReplicas: 1 });
  });
  it('deletes unscheduled and not-ready pods first', () => {
    const a = reconcileReplicaSet(rs(1), [pod('ready'), pod('unready', {}, false), pod('pending', { spec: { containers: [] }, status: { phase: 'Pending' } })]);
    expect(a.delete.sort()).toEqual(['pending', 'unready']);
  });
  it('adopts matching orphans and ignores terminating pods', () => {
    const orphan = { ...pod('orphan'), metadata: { name: 'orphan', labels: { app: 'web' } } };
    const gone = pod('gone', { metadata: { name: 'gone', deletionTimestamp: new Date().toISOString() } });
    const a = reconcileReplicaSet(rs(2), [orphan, gone, pod('a')]);
    expect(a.adopt).toEqual(['orphan']);
    expect(a.create).toBe(0);
    expect(a.status.replicas).toBe(2);
  });
});

const node = (name: string, extra: Partial<Node> = {}): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: {},
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
  ...extra,
});

describe('scheduler', () => {
  const cp = node('cp', { spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } });
  it('spreads pods of one owner over the workers and avoids the tainted control plane', () => {
    const placed = new Map<string, Pod[]>();
    for (let i = 0; i < 4; i++) {
      const p = pod(`p${i}`, { spec: { containers: [{ name: 'c' }] } });
      const { node: at } = schedule(p, [cp, node('w1'), node('w2')], placed);
      placed.set(at ?? '', [...(placed.get(at ?? '') ?? []), { ...p, spec: { ...p.spec!, nodeName: at } }]);
    }
    expect([...placed.keys()].sort()).toEqual(['w1', 'w2']);
    expect(placed.get('w1')).toHaveLength(2);
  });
  it('explains why nothing fits, as FailedScheduling does', () => {
    const p = pod('big', { spec: { containers: [{ name: 'c', resources: { requests: { memory: '8Gi' } } }] } });
    const { node: at, message } = schedule(p, [cp, node('w1', { spec: { unschedulable: true } }), node('w2')], new Map());
    expect(at).toBeUndefined();
    expect(message).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });
  it('honours nodeSelector and tolerations', () => {
    const p = pod('x', { spec: { containers: [{ name: 'c' }], nodeSelector: { 'kubernetes.io/hostname': 'cp' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] } });
    expect(schedule(p, [cp, node('w1')], new Map()).node).toBe('cp');
  });
});

describe('disruption budget status', () => {
  it('allows disruptions above minAvailable from ready pods and the controller scale', () => {
    const pods = [pod('a'), pod('b'), pod('c', {}, false)];
    const s = pdbStatus({ metadata: { generation: 1 }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }, pods, () => 3);
    expect(s).toMatchObject({ expectedPods: 3, currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1 });
    const tight = pdbStatus({ metadata: {}, spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } } }, pods, () => 3);
    expect(tight).toMatchObject({ desiredHealthy: 1, disruptionsAllowed: 1 });
  });
});
