import type { DaemonSet, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';

import { selectorMatches } from '../api/selectors';
import { timestamp } from '../types';
import { resolveIntOrPercent } from './deployment-logic';
import { controllerOf, isReady } from './replicaset-logic';

/**
 * A PodDisruptionBudget's status from the live pods, as the disruption controller computes it: expected pods
 * from the controllers' scale, healthy = ready and not terminating.
 */
export function pdbStatus(
  pdb: PodDisruptionBudget,
  pods: Pod[],
  scaleOf: (kind: string, name: string) => number | undefined,
  now = new Date(),
): PodDisruptionBudgetStatus {
  const matching = pods.filter((p) => selectorMatches(pdb.spec?.selector, p.metadata?.labels) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const owners = new Map<string, number>();
  let unowned = 0;
  for (const p of matching) {
    const ref = controllerOf(p);
    if (!ref) {
      unowned++;
      continue;
    }
    const key = `${ref.kind}/${ref.name}`;
    if (!owners.has(key)) owners.set(key, scaleOf(ref.kind, ref.name) ?? 1);
  }
  const expected = [...owners.values()].reduce((a, b) => a + b, 0) + unowned;
  const healthy = matching.filter((p) => !p.metadata?.deletionTimestamp && isReady(p)).length;
  let desired: number;
  if (pdb.spec?.minAvailable !== undefined) desired = resolveIntOrPercent(pdb.spec.minAvailable, expected, true);
  else if (pdb.spec?.maxUnavailable !== undefined) desired = Math.max(0, expected - resolveIntOrPercent(pdb.spec.maxUnavailable, expected, true));
  else desired = expected;
  const allowed = Math.max(0, healthy - desired);
  const previous = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const status = allowed > 0 ? 'True' : 'False';
  return {
    observedGeneration: pdb.metadata?.generation ?? 1,
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: desired,
    expectedPods: expected,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status,
        reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        message: '',
        observedGeneration: pdb.metadata?.generation ?? 1,
        lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : timestamp(now),
      },
    ],
  };
}

/** The scale of a pod's controller, for expected pods. */
export function controllerScale(kind: string, object: unknown): number | undefined {
  if (kind === 'ReplicaSet') return (object as ReplicaSet).spec?.replicas ?? 1;
  if (kind === 'DaemonSet') return (object as DaemonSet).status?.desiredNumberScheduled ?? 0;
  return undefined;
}
