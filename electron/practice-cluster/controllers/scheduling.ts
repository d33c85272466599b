import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';

import { parseQuantity } from './quantity';

/** The scheduler's decision as a pure function: which node a pod goes to, or why none fits. */
export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

export function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests ?? c.resources?.limits ?? {};
    cpu += parseQuantity(r.cpu);
    memory += parseQuantity(r.memory);
  }
  return { cpu, memory };
}

export interface Placement {
  node?: string;
  /** FailedScheduling message when no node fits, worded as the real scheduler words it. */
  message?: string;
}

export function schedule(pod: Pod, nodes: Node[], podsOnNodes: Map<string, Pod[]>): Placement {
  const reasons = new Map<string, number>();
  const count = (reason: string): void => {
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  const fits: { name: string; score: number }[] = [];
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
  const want = podRequests(pod);
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    if (node.spec?.unschedulable && !tolerates(pod.spec?.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
      count('node(s) were unschedulable');
      continue;
    }
    const blocking = (node.spec?.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec?.tolerations, t));
    if (blocking) {
      count(`node(s) had untolerated taint {${blocking.key}: ${blocking.value ?? ''}}`);
      continue;
    }
    const selector = pod.spec?.nodeSelector ?? {};
    if (!Object.entries(selector).every(([k, v]) => node.metadata?.labels?.[k] === v)) {
      count("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const here = (podsOnNodes.get(name) ?? []).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const used = here.reduce((acc, p) => {
      const r = podRequests(p);
      return { cpu: acc.cpu + r.cpu, memory: acc.memory + r.memory };
    }, { cpu: 0, memory: 0 });
    const allocatable = node.status?.allocatable ?? {};
    const maxPods = parseQuantity(allocatable.pods ?? '110');
    let ok = true;
    if (here.length + 1 > maxPods) {
      count('Too many pods');
      ok = false;
    }
    if (want.cpu && used.cpu + want.cpu > parseQuantity(allocatable.cpu ?? '0')) {
      count('Insufficient cpu');
      ok = false;
    }
    if (want.memory && used.memory + want.memory > parseQuantity(allocatable.memory ?? '0')) {
      count('Insufficient memory');
      ok = false;
    }
    if (!ok) continue;
    // Spread: fewest pods of the same owner first, then fewest pods overall.
    const siblings = owner ? here.filter((p) => p.metadata?.ownerReferences?.some((r) => r.uid === owner)).length : 0;
    fits.push({ name, score: siblings * 1000 + here.length });
  }
  if (fits.length) {
    fits.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1));
    return { node: fits[0]?.name };
  }
  const parts = [...reasons.entries()].map(([reason, n]) => `${n} ${reason}`).sort();
  const total = nodes.length;
  return {
    message: `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
  };
}
