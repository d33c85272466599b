import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';

import { matchesRequirements, requirementsOf } from '../api/selectors';
import type { OwnerReference } from '../types';

/**
 * The ReplicaSet controller as a pure function: from a ReplicaSet and the pods of its namespace to the pods to
 * create, delete, adopt and release, and the new status.
 */
export interface ReplicaSetActions {
  create: number;
  delete: string[];
  adopt: string[];
  release: string[];
  status: ReplicaSetStatus;
  /** When pods will become available (minReadySeconds); the controller looks again then. */
  recheckAfterMs?: number;
}

export const controllerOf = (pod: { metadata?: { ownerReferences?: OwnerReference[] | readonly OwnerReference[] } }): OwnerReference | undefined =>
  pod.metadata?.ownerReferences?.find((r) => r.controller);

export function isActive(pod: Pod): boolean {
  return !pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Ready for at least minReadySeconds. */
export function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = Date.parse(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
  return !Number.isNaN(since) && now - since >= minReadySeconds * 1000;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Which pods go first when scaling down: unscheduled, pending, not ready, restarting, newest. */
export function deletionOrder(a: Pod, b: Pod): number {
  const scheduled = (p: Pod): number => (p.spec?.nodeName ? 1 : 0);
  if (scheduled(a) !== scheduled(b)) return scheduled(a) - scheduled(b);
  const phase = (p: Pod): number => PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Pod): number => (isReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: Pod): number => (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return (Date.parse(b.metadata?.creationTimestamp ?? '') || 0) - (Date.parse(a.metadata?.creationTimestamp ?? '') || 0);
}

export function reconcileReplicaSet(rs: ReplicaSet, podsInNamespace: Pod[], now = Date.now()): ReplicaSetActions {
  const uid = rs.metadata?.uid;
  const selector = requirementsOf(rs.spec?.selector);
  const matches = (p: Pod): boolean => selector.length > 0 && matchesRequirements(selector, p.metadata?.labels);
  const adopt: string[] = [];
  const release: string[] = [];
  const mine: Pod[] = [];
  for (const pod of podsInNamespace) {
    const ref = controllerOf(pod);
    if (ref?.uid === uid) {
      if (matches(pod)) mine.push(pod);
      else release.push(pod.metadata?.name ?? '');
    } else if (!ref && matches(pod) && !pod.metadata?.deletionTimestamp && !rs.metadata?.deletionTimestamp) {
      adopt.push(pod.metadata?.name ?? '');
      mine.push(pod);
    }
  }
  const active = mine.filter(isActive);
  const replicas = rs.spec?.replicas ?? 1;
  const diff = active.length - replicas;
  const actions: ReplicaSetActions = { create: 0, delete: [], adopt, release, status: {} as ReplicaSetStatus };
  if (rs.metadata?.deletionTimestamp) {
    // A ReplicaSet being deleted creates nothing.
  } else if (diff < 0) actions.create = -diff;
  else if (diff > 0) {
    actions.delete = [...active]
      .sort(deletionOrder)
      .slice(0, diff)
      .map((p) => p.metadata?.name ?? '');
  }
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const fully = active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata?.labels?.[k] === v)).length;
  const ready = active.filter(isReady).length;
  const availableCount = active.filter((p) => isAvailable(p, minReady, now)).length;
  if (minReady && ready > availableCount) actions.recheckAfterMs = minReady * 1000;
  actions.status = {
    replicas: active.length,
    fullyLabeledReplicas: fully,
    readyReplicas: ready,
    availableReplicas: availableCount,
    observedGeneration: rs.metadata?.generation ?? 1,
  };
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (!actions.status[k]) delete actions.status[k];
  return actions;
}
