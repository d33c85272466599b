import { drainCommand, type Target } from '../cli/kube';
import type { DrainOptions, DrainPlan, DrainPodPlan, KDaemonSet, KNode, KPod, KPodDisruptionBudget, KReplicaSet } from '../dto/kube';
import { matchesSelector } from './selectors';
import { controllerOf, fitsOn, isFinished, isMirrorPod, ownerChain } from './workloads';

export interface DrainInput {
  node: string;
  nodes: readonly KNode[];
  /** Every pod of the cluster (the others count for where replacements fit). */
  pods: readonly KPod[];
  replicaSets: readonly KReplicaSet[];
  daemonSets: readonly KDaemonSet[];
  budgets: readonly KPodDisruptionBudget[];
  options: DrainOptions;
  target?: Target;
}

/** A budget that allows no disruption whatever happens: all expected pods must stay. */
export function budgetNeverAllows(pdb: KPodDisruptionBudget): boolean {
  const min = pdb.minAvailable;
  const max = pdb.maxUnavailable;
  if (max !== undefined) return max === 0 || max === '0' || max === '0%';
  if (min !== undefined) {
    if (typeof min === 'string' && min.endsWith('%')) return Number(min.slice(0, -1)) >= 100;
    return Number(min) >= pdb.status.expectedPods && pdb.status.expectedPods > 0;
  }
  return false;
}

/**
 * What `kubectl drain` would do with each pod of a node, before anything is done, in kubectl's order of
 * filters: DaemonSet pods (skipped with --ignore-daemonsets, else refused), mirror pods (skipped), pods with
 * emptyDir data (refused without --delete-emptydir-data), pods no controller recreates (refused without
 * --force); then the evictions, each checked against the PodDisruptionBudgets that select the pod.
 */
export function planDrain(input: DrainInput): DrainPlan {
  const { node, options } = input;
  const nodeObject = input.nodes.find((n) => n.meta.name === node);
  const onNode = input.pods.filter((p) => p.nodeName === node).sort((a, b) => ((a.meta.namespace ?? '') + a.meta.name < (b.meta.namespace ?? '') + b.meta.name ? -1 : 1));
  const daemonSets = new Set(input.daemonSets.map((d) => `${d.meta.namespace ?? ''}/${d.meta.name}`));
  // Disruptions each budget still allows as the plan hands them out.
  const allowance = new Map(input.budgets.map((b) => [b, b.status.disruptionsAllowed]));
  const pods: DrainPodPlan[] = [];
  const needs = new Set<DrainPlan['needs'][number]>();

  for (const pod of onNode) {
    const ns = pod.meta.namespace ?? 'default';
    const owners = ownerChain(pod, input.replicaSets);
    const controller = controllerOf(pod.meta);
    const emptyDir = pod.volumes.filter((v) => v.type === 'emptyDir').map((v) => v.name);
    const plan = (action: DrainPodPlan['action'], extra: Partial<DrainPodPlan> = {}): DrainPodPlan => ({
      namespace: ns,
      name: pod.meta.name,
      action,
      owners,
      fitsOn: [],
      emptyDir,
      ...extra,
    });

    if (pod.meta.deleting) {
      pods.push(plan('terminating'));
      continue;
    }
    if (controller?.kind === 'DaemonSet') {
      const exists = daemonSets.has(`${ns}/${controller.name}`);
      if (!exists && options.force) {
        // An orphan of a DaemonSet that is gone: with --force kubectl deletes it like an unmanaged pod.
      } else if (options.ignoreDaemonsets) {
        pods.push(plan('skip-daemonset'));
        continue;
      } else {
        needs.add('--ignore-daemonsets');
        pods.push(plan('refuse-daemonset'));
        continue;
      }
    }
    if (isMirrorPod(pod)) {
      pods.push(plan('skip-mirror'));
      continue;
    }
    const finished = isFinished(pod);
    if (emptyDir.length && !finished && !options.deleteEmptydirData) {
      needs.add('--delete-emptydir-data');
      pods.push(plan('refuse-emptydir'));
      continue;
    }
    const managed = controller !== undefined && !(controller.kind === 'DaemonSet' && !daemonSets.has(`${ns}/${controller.name}`));
    if (!managed && !finished && !options.force) {
      needs.add('--force');
      pods.push(plan('refuse-unmanaged'));
      continue;
    }
    if (finished) {
      pods.push(plan('delete-finished'));
      continue;
    }

    const replaced = managed && controller.kind !== 'DaemonSet';
    const fit = replaced ? fitsOn(pod, input.nodes, input.pods, node) : undefined;
    const where: Partial<DrainPodPlan> = fit ? { fitsOn: fit.fits, ...(fit.fits.length ? {} : { fitsNowhere: summarize(fit.reasons) }) } : {};
    const budget = input.budgets.find((b) => b.meta.namespace === ns && matchesSelector(b.selector, pod.meta.labels));
    if (!budget) {
      pods.push(plan('evict', where));
      continue;
    }
    const left = allowance.get(budget) ?? 0;
    const never = budgetNeverAllows(budget);
    const facts = {
      name: budget.meta.name,
      disruptionsAllowed: budget.status.disruptionsAllowed,
      currentHealthy: budget.status.currentHealthy,
      desiredHealthy: budget.status.desiredHealthy,
      expectedPods: budget.status.expectedPods,
      never,
    };
    if (left > 0 && !never) {
      allowance.set(budget, left - 1);
      pods.push(plan('evict', { ...where, budget: facts }));
    } else if (never || (left <= 0 && budget.status.disruptionsAllowed <= 0 && budget.status.currentHealthy >= budget.status.expectedPods)) {
      // Nothing changes by itself: every expected pod is healthy and still none may go.
      pods.push(plan('blocked-budget', { ...where, budget: { ...facts, never: true } }));
    } else {
      pods.push(plan('wait-budget', { ...where, budget: facts }));
    }
  }
  const canProceed = !pods.some((p) => p.action.startsWith('refuse-'));
  return {
    node,
    cordoned: nodeObject?.unschedulable ?? false,
    pods,
    canProceed,
    needs: [...needs].sort(),
    command: drainCommand(input.target ?? {}, node, options),
  };
}

function summarize(reasons: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const r of Object.values(reasons)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()].map(([r, n]) => (n > 1 ? `${r} (${n})` : r)).join(', ') || 'no-nodes';
}
