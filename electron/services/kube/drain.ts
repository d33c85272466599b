import type { DrainOptions, DrainPlan, DrainProgress, DrainResult, KPod, KubeResource } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';
import type { Target } from '@shared/cli/kube';
import { toDto } from '@shared/kube/convert';
import { type DrainInput, planDrain } from '@shared/kube/drain';
import { applyWatchEvent, emptyList, type ListState } from '@shared/kube/reducer';
import { controllerOf } from '@shared/kube/workloads';

import type { Clients, ContextConnection } from './connection';
import { KubeApiError, toKubeError } from './http';
import { Informer } from './informer';
import { collectionPath, objectPath } from './resources';

const MERGE = 'application/merge-patch+json';
/** kubectl waits this long between eviction attempts a budget refused. */
export const BUDGET_RETRY_MS = 5000;

export async function cordon(c: Clients, node: string, unschedulable: boolean): Promise<void> {
  await c.raw.request('PATCH', objectPath('nodes', undefined, node), { body: { spec: { unschedulable: unschedulable ? true : null } }, contentType: MERGE });
}

async function list<R extends KubeResource>(c: Clients, resource: R, query?: Record<string, string>): Promise<ReturnType<typeof toDto<R>>[]> {
  const body = await c.raw.get<{ items?: unknown[] }>(collectionPath(resource), query);
  return (body.items ?? []).map((item) => toDto(resource, item));
}

/** What the plan needs from the API: nodes, every pod, ReplicaSets, DaemonSets, budgets. */
export async function drainInput(c: Clients, node: string, options: DrainOptions, target: Target): Promise<DrainInput> {
  const [nodes, pods, replicaSets, daemonSets, budgets] = await Promise.all([
    list(c, 'nodes'),
    list(c, 'pods'),
    list(c, 'replicasets'),
    list(c, 'daemonsets'),
    list(c, 'poddisruptionbudgets'),
  ]);
  if (!nodes.some((n) => n.meta.name === node)) throw new LotseError('NOT_FOUND', `There is no node "${node}".`, undefined, { reason: 'k8sNotFound' });
  return { node, nodes, pods, replicaSets, daemonSets, budgets, options, target };
}

/** The preview, and how long the API and the planning took. */
export async function previewDrain(c: Clients, node: string, options: DrainOptions, target: Target): Promise<{ plan: DrainPlan; apiMs: number; planMs: number }> {
  const t0 = performance.now();
  const input = await drainInput(c, node, options, target);
  const t1 = performance.now();
  const plan = planDrain(input);
  return { plan, apiMs: t1 - t0, planMs: performance.now() - t1 };
}

const EVICTING = new Set(['evict', 'wait-budget', 'blocked-budget', 'delete-finished']);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * `kubectl drain`: cordon, then evict each pod through the eviction API (never a plain delete, which would
 * pass by PodDisruptionBudgets), retrying what a budget refuses every 5 seconds as kubectl does, until the
 * evicted pods are gone and their replacements are scheduled. Cancellable; an RBAC refusal stops it with
 * the refusal; it says "drained" only when the pods are gone and replaced, never when evictions were
 * merely accepted.
 */
export async function drain(
  c: Clients,
  connection: ContextConnection,
  node: string,
  options: DrainOptions,
  target: Target,
  signal: AbortSignal,
  progress: (p: DrainProgress) => void,
): Promise<DrainResult> {
  const command = planDrain({ node, nodes: [], pods: [], replicaSets: [], daemonSets: [], budgets: [], options, target }).command;
  const result = (outcome: DrainResult['outcome'], extra: Partial<DrainResult> = {}): DrainResult => ({ outcome, evicted: [], remaining: [], unscheduled: [], command, ...extra });

  await cordon(c, node, true);
  progress({ phase: 'cordoned' });
  const input = await drainInput(c, node, options, target);
  const plan = planDrain(input);
  if (!plan.canProceed) {
    const refused = plan.pods.filter((p) => p.action.startsWith('refuse-')).map((p) => `${p.namespace}/${p.name}`);
    for (const p of plan.pods.filter((x) => x.action.startsWith('refuse-'))) progress({ pod: { namespace: p.namespace, name: p.name }, phase: 'refused', message: p.action });
    return result('not-started', { remaining: refused });
  }

  // Local state: every pod of the cluster, kept by a watch while the drain runs.
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  signal.addEventListener('abort', abort);
  let pods: ListState<KPod> = emptyList<KPod>();
  const changed = new Set<() => void>();
  const informer = new Informer(connection, 'pods', undefined, (event) => {
    pods = applyWatchEvent(pods, event);
    for (const wake of [...changed]) wake();
  });
  informer.start();
  const deadline = options.timeout ? Date.now() + options.timeout * 1000 : undefined;
  const timedOut = (): boolean => deadline !== undefined && Date.now() > deadline;
  const until = (done: () => boolean): Promise<boolean> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (done()) finish(true);
        else if (controller.signal.aborted || timedOut()) finish(false);
      };
      const timer = deadline ? setTimeout(check, Math.max(0, deadline - Date.now()) + 10) : undefined;
      const finish = (value: boolean): void => {
        changed.delete(check);
        controller.signal.removeEventListener('abort', check);
        clearTimeout(timer);
        resolve(value);
      };
      changed.add(check);
      controller.signal.addEventListener('abort', check);
      check();
    });

  const targets = input.pods.filter((p) => plan.pods.some((x) => x.namespace === p.meta.namespace && x.name === p.meta.name && (EVICTING.has(x.action) || x.action === 'terminating')));
  const evicted: string[] = [];
  let refusal: LotseError | undefined;
  let failure: LotseError | undefined;
  const key = (p: KPod): string => `${p.meta.namespace ?? ''}/${p.meta.name}`;

  try {
    await Promise.all(
      targets.map(async (pod) => {
        if (pod.meta.deleting) return;
        const ref = { namespace: pod.meta.namespace ?? 'default', name: pod.meta.name };
        for (let attempt = 1; !controller.signal.aborted; attempt++) {
          if (timedOut()) return;
          progress({ pod: ref, phase: 'evicting', attempt });
          try {
            await c.raw.request('POST', objectPath('pods', ref.namespace, ref.name, 'eviction'), {
              body: {
                apiVersion: 'policy/v1',
                kind: 'Eviction',
                metadata: ref,
                ...(options.gracePeriod !== undefined ? { deleteOptions: { gracePeriodSeconds: options.gracePeriod } } : {}),
              },
            });
            evicted.push(key(pod));
            progress({ pod: ref, phase: 'evicted' });
            return;
          } catch (error) {
            if (error instanceof KubeApiError && error.status === 404) {
              evicted.push(key(pod));
              progress({ pod: ref, phase: 'gone' });
              return;
            }
            if (error instanceof KubeApiError && error.status === 429) {
              progress({ pod: ref, phase: 'budget-retry', message: error.apiStatus.message ?? '', attempt });
              await sleep(BUDGET_RETRY_MS, controller.signal);
              continue;
            }
            const lotse = toKubeError(error);
            if (lotse.code === 'K8S_FORBIDDEN' || lotse.code === 'DENIED') refusal ??= lotse;
            else failure ??= lotse;
            progress({ pod: ref, phase: lotse.code === 'K8S_FORBIDDEN' ? 'refused' : 'failed', message: lotse.message });
            controller.abort();
            return;
          }
        }
      }),
    );
    if (refusal) return result('refused', { evicted, remaining: remaining(), error: refusal.toData() });
    if (failure) return result('failed', { evicted, remaining: remaining(), error: failure.toData() });
    if (signal.aborted) return result('cancelled', { evicted, remaining: remaining() });
    if (timedOut()) return result('timeout', { evicted, remaining: remaining() });

    // The evicted pods must be gone: their uids no longer in the list.
    const uids = new Set(targets.map((p) => p.meta.uid));
    progress({ phase: 'waiting', message: 'pods-gone' });
    const gone = await until(() => pods.resourceVersion !== '' && ![...pods.items.values()].some((p) => uids.has(p.meta.uid)));
    if (!gone) return result(signal.aborted ? 'cancelled' : 'timeout', { evicted, remaining: remaining() });

    // Their controllers must have scheduled replacements: as many scheduled pods as each ReplicaSet wants.
    const owners = new Map<string, { uid: string; namespace: string; name: string; want: number }>();
    for (const pod of targets) {
      const owner = controllerOf(pod.meta);
      if (owner?.kind !== 'ReplicaSet') continue;
      const rs = input.replicaSets.find((r) => r.meta.uid === owner.uid);
      if (rs) owners.set(owner.uid, { uid: owner.uid, namespace: rs.meta.namespace ?? '', name: rs.meta.name, want: rs.replicas });
    }
    const unscheduled = (): string[] =>
      [...owners.values()]
        .filter((o) => [...pods.items.values()].filter((p) => !p.meta.deleting && p.nodeName && p.meta.owners.some((x) => x.uid === o.uid)).length < o.want)
        .map((o) => `${o.namespace}/${o.name}`);
    progress({ phase: 'waiting', message: 'replacements' });
    const replaced = await until(() => unscheduled().length === 0);
    if (!replaced) return result(signal.aborted ? 'cancelled' : 'timeout', { evicted, unscheduled: unscheduled() });
    for (const o of owners.values()) progress({ phase: 'replaced', message: `${o.namespace}/${o.name}` });
    return result('drained', { evicted });
  } finally {
    signal.removeEventListener('abort', abort);
    controller.abort();
    informer.stop();
  }

  function remaining(): string[] {
    const left = [...pods.items.values()].filter((p) => p.nodeName === node && targets.some((t) => t.meta.uid === p.meta.uid)).map(key);
    return pods.resourceVersion ? left : targets.map(key).filter((k) => !evicted.includes(k));
  }
}
