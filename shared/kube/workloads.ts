import type { KNode, KPod, KReplicaSet, Meta, Taint, Toleration } from '../dto/kube';
import { parseQuantity } from './quantity';

/** The owner that controls an object (ownerReferences with controller: true). */
export const controllerOf = (meta: Meta): Meta['owners'][number] | undefined => meta.owners.find((o) => o.controller);

/** Pod → ReplicaSet → Deployment (nearest first), as far as the objects are known. */
export function ownerChain(pod: { meta: Meta }, replicaSets: Iterable<KReplicaSet>): { kind: string; name: string }[] {
  const chain: { kind: string; name: string }[] = [];
  const owner = controllerOf(pod.meta);
  if (!owner) return chain;
  chain.push({ kind: owner.kind, name: owner.name });
  if (owner.kind === 'ReplicaSet') {
    for (const rs of replicaSets) {
      if (rs.meta.uid === owner.uid || (rs.meta.name === owner.name && rs.meta.namespace === pod.meta.namespace)) {
        const up = controllerOf(rs.meta);
        if (up) chain.push({ kind: up.kind, name: up.name });
        break;
      }
    }
  }
  return chain;
}

export const isMirrorPod = (pod: KPod): boolean => Object.hasOwn(pod.meta.annotations, 'kubernetes.io/config.mirror');
export const isFinished = (pod: KPod): boolean => pod.phase === 'Succeeded' || pod.phase === 'Failed';
export const podReady = (pod: KPod): boolean => pod.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

/** The node's roles from its node-role.kubernetes.io/<role> labels. */
export function nodeRoles(node: KNode): string[] {
  const prefix = 'node-role.kubernetes.io/';
  return Object.keys(node.meta.labels)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .filter(Boolean)
    .sort();
}

export const nodeReady = (node: KNode): boolean => node.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

/** Whether a toleration tolerates a taint (the scheduler's rule). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}

/** Taints that keep a pod off a node (NoSchedule and NoExecute it does not tolerate). */
export function untoleratedTaints(pod: Pick<KPod, 'tolerations'>, node: KNode): Taint[] {
  return node.taints.filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !pod.tolerations.some((tol) => tolerates(tol, t)));
}

export interface FitAnswer {
  fits: string[];
  /** Per node that does not fit: why (cordoned, not-ready, taint:<key>, node-selector, cpu, memory, pods). */
  reasons: Record<string, string>;
}

function requested(pod: KPod, resource: 'cpu' | 'memory'): number {
  return pod.containers.reduce((sum, c) => sum + (parseQuantity(c.requests[resource]) ?? 0), 0);
}

/**
 * The nodes a copy of this pod could be scheduled on, other than `except`: schedulable, ready, taints
 * tolerated, nodeSelector met, requests within what is left of the allocatable CPU, memory and pod slots.
 */
export function fitsOn(pod: KPod, nodes: Iterable<KNode>, pods: Iterable<KPod>, except?: string): FitAnswer {
  const used = new Map<string, { cpu: number; memory: number; count: number }>();
  for (const p of pods) {
    if (!p.nodeName || isFinished(p)) continue;
    const u = used.get(p.nodeName) ?? { cpu: 0, memory: 0, count: 0 };
    u.cpu += requested(p, 'cpu');
    u.memory += requested(p, 'memory');
    u.count++;
    used.set(p.nodeName, u);
  }
  const fits: string[] = [];
  const reasons: Record<string, string> = {};
  const cpu = requested(pod, 'cpu');
  const memory = requested(pod, 'memory');
  for (const node of nodes) {
    const name = node.meta.name;
    if (name === except) continue;
    const taint = untoleratedTaints(pod, node)[0];
    const u = used.get(name) ?? { cpu: 0, memory: 0, count: 0 };
    const left = (key: string, taken: number): number => (parseQuantity(node.allocatable[key]) ?? Number.POSITIVE_INFINITY) - taken;
    let reason: string | undefined;
    if (node.unschedulable) reason = 'cordoned';
    else if (!nodeReady(node)) reason = 'not-ready';
    else if (taint) reason = `taint:${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
    else if (Object.entries(pod.nodeSelector).some(([k, v]) => node.meta.labels[k] !== v)) reason = 'node-selector';
    else if (left('pods', u.count) < 1) reason = 'pods';
    else if (cpu > 0 && left('cpu', u.cpu) < cpu) reason = 'cpu';
    else if (memory > 0 && left('memory', u.memory) < memory) reason = 'memory';
    if (reason) reasons[name] = reason;
    else fits.push(name);
  }
  return { fits: fits.sort(), reasons };
}
