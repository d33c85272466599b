import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';

import { ApiError } from '../api/status';
import { R } from '../api/resources';
import type { ClusterContext } from '../cluster';
import type { StoreEvent } from '../store';
import { as, clone, type KObject, type OwnerReference } from '../types';
import { Controller, nsKey, splitKey } from './controller';
import { reconcileDeployment, templateHash } from './deployment-logic';
import { controllerOf, isActive, isAvailable, isReady, reconcileReplicaSet } from './replicaset-logic';
import { tolerates } from './scheduling';

const CONTROLLER_SOURCE = { deployment: { component: 'deployment-controller' }, replicaset: { component: 'replicaset-controller' }, daemonset: { component: 'daemonset-controller' } };

function ownerKey(o: KObject | undefined, kind: string): string | undefined {
  if (!o) return undefined;
  const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
  return ref ? nsKey(o.metadata.namespace, ref.name) : undefined;
}

function ownerRef(o: KObject, kind: string): OwnerReference {
  return { apiVersion: 'apps/v1', kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** Pods from a template, owned by their controller. */
export function podFromTemplate(owner: KObject, kind: string, template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown }, extra: { nodeName?: string; labels?: Record<string, string> } = {}): KObject {
  const spec = clone(template.spec ?? {}) as Record<string, unknown>;
  if (extra.nodeName) spec.nodeName = extra.nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name ?? ''}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(owner, kind)],
    },
    spec,
  };
}

export class DeploymentController extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.deployments) return [nsKey(e.object.metadata.namespace, e.object.metadata.name)];
    if (e.resource === R.replicasets) return [ownerKey(e.object, 'Deployment'), ownerKey(e.old, 'Deployment')].filter((k): k is string => !!k);
    return [];
  }

  protected allKeys(): string[] {
    return this.ctx.store.list(R.deployments).map((d) => nsKey(d.metadata.namespace, d.metadata.name));
  }

  protected reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const object = this.ctx.store.get(R.deployments, ns, name);
    if (!object || object.metadata.deletionTimestamp) return;
    const d = as<Deployment>(object);
    const owned = this.ctx.store.list(R.replicasets, ns).filter((rs) => controllerOf(rs)?.uid === object.metadata.uid).map((rs) => as<ReplicaSet>(rs));
    const actions = reconcileDeployment(d, owned);
    const { objects } = this.ctx;
    if (actions.create) {
      try {
        objects.createInternal(R.replicasets, actions.create as unknown as KObject);
      } catch (error) {
        if (error instanceof ApiError && error.reason === 'AlreadyExists') {
          // A ReplicaSet of that name with another template: the next hash gets a collision count.
          objects.writeStatus(R.deployments, object, { ...(object.status as object), collisionCount: ((d.status?.collisionCount ?? 0) + 1) });
          return;
        }
        throw error;
      }
    }
    for (const rs of actions.update) {
      const current = this.ctx.store.get(R.replicasets, ns, rs.metadata?.name ?? '');
      if (current) objects.updateInternal(R.replicasets, { ...current, metadata: { ...current.metadata, annotations: rs.metadata?.annotations }, spec: rs.spec });
    }
    for (const rsName of actions.delete) {
      if (this.ctx.store.get(R.replicasets, ns, rsName)) objects.delete(R.replicasets, ns, rsName, { propagationPolicy: 'Background' });
    }
    for (const e of actions.events) objects.recordEvent(object, e.type, e.reason, e.message, CONTROLLER_SOURCE.deployment);
    let current = this.ctx.store.get(R.deployments, ns, name) ?? object;
    const revision = actions.annotations['deployment.kubernetes.io/revision'];
    if (revision && current.metadata.annotations?.['deployment.kubernetes.io/revision'] !== revision) {
      current = objects.updateInternal(R.deployments, { ...current, metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...actions.annotations } } });
    }
    objects.writeStatus(R.deployments, current, actions.status);
  }
}

export class ReplicaSetController extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.replicasets) return [nsKey(e.object.metadata.namespace, e.object.metadata.name)];
    if (e.resource === R.pods) return [ownerKey(e.object, 'ReplicaSet'), ownerKey(e.old, 'ReplicaSet')].filter((k): k is string => !!k);
    return [];
  }

  protected allKeys(): string[] {
    return this.ctx.store.list(R.replicasets).map((d) => nsKey(d.metadata.namespace, d.metadata.name));
  }

  protected reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const object = this.ctx.store.get(R.replicasets, ns, name);
    if (!object) return;
    const rs = as<ReplicaSet>(object);
    const pods = this.ctx.store.list(R.pods, ns).map((p) => as<Pod>(p));
    const actions = reconcileReplicaSet(rs, pods);
    const { objects } = this.ctx;
    for (const podName of actions.adopt) {
      const pod = this.ctx.store.get(R.pods, ns, podName);
      if (pod) objects.updateInternal(R.pods, { ...pod, metadata: { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), ownerRef(object, 'ReplicaSet')] } });
    }
    for (const podName of actions.release) {
      const pod = this.ctx.store.get(R.pods, ns, podName);
      if (pod) objects.updateInternal(R.pods, { ...pod, metadata: { ...pod.metadata, ownerReferences: (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== object.metadata.uid) } });
    }
    for (let i = 0; i < actions.create; i++) {
      const pod = objects.createInternal(R.pods, podFromTemplate(object, 'ReplicaSet', rs.spec?.template ?? {}));
      objects.recordEvent(object, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name ?? ''}`, CONTROLLER_SOURCE.replicaset);
    }
    for (const podName of actions.delete) {
      objects.delete(R.pods, ns, podName);
      objects.recordEvent(object, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`, CONTROLLER_SOURCE.replicaset);
    }
    if (actions.recheckAfterMs) this.enqueueAfter(key, actions.recheckAfterMs + 50);
    objects.writeStatus(R.replicasets, this.ctx.store.get(R.replicasets, ns, name) ?? object, actions.status);
  }
}

const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** Whether a DaemonSet's pod belongs on a node: node selector and taints (cordon does not count). */
export function daemonPodFits(ds: DaemonSet, node: Node): boolean {
  const spec = ds.spec?.template.spec;
  const selector = spec?.nodeSelector ?? {};
  if (!Object.entries(selector).every(([k, v]) => node.metadata?.labels?.[k] === v)) return false;
  const tolerations = [...(spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  return (node.spec?.taints ?? []).every((t) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerates(tolerations, t));
}

export class DaemonSetController extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.daemonsets) return [nsKey(e.object.metadata.namespace, e.object.metadata.name)];
    if (e.resource === R.pods) return [ownerKey(e.object, 'DaemonSet'), ownerKey(e.old, 'DaemonSet')].filter((k): k is string => !!k);
    if (e.resource === R.nodes) return this.allKeys();
    return [];
  }

  protected allKeys(): string[] {
    return this.ctx.store.list(R.daemonsets).map((d) => nsKey(d.metadata.namespace, d.metadata.name));
  }

  protected reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const object = this.ctx.store.get(R.daemonsets, ns, name);
    if (!object || object.metadata.deletionTimestamp) return;
    const ds = as<DaemonSet>(object);
    const { objects, store } = this.ctx;
    const hash = templateHash(ds.spec?.template);
    const pods = store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === object.metadata.uid).map((p) => as<Pod>(p));
    const nodes = store.list(R.nodes).map((n) => as<Node>(n));
    const now = Date.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let availableCount = 0;
    let updated = 0;
    const outdated: Pod[] = [];
    let unavailable = 0;
    for (const node of nodes) {
      const nodeName = node.metadata?.name ?? '';
      const here = pods.filter((p) => p.spec?.nodeName === nodeName && isActive(p));
      const should = daemonPodFits(ds, node);
      if (should) {
        desired++;
        if (!here.length) {
          const template = clone(ds.spec?.template ?? {});
          const spec = (template.spec ?? {}) as { tolerations?: object[] };
          spec.tolerations = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS.filter((t) => !(spec.tolerations ?? []).some((x) => (x as { key?: string }).key === t.key))];
          const pod = objects.createInternal(R.pods, podFromTemplate(object, 'DaemonSet', { ...template, spec }, { nodeName, labels: { 'controller-revision-hash': hash, 'pod-template-generation': String(object.metadata.generation ?? 1) } }));
          objects.recordEvent(object, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name ?? ''}`, CONTROLLER_SOURCE.daemonset);
          unavailable++;
          continue;
        }
        current++;
        for (const extra of here.slice(1)) objects.delete(R.pods, ns, extra.metadata?.name ?? '');
        const pod = here[0] as Pod;
        if (isReady(pod)) ready++;
        if (isAvailable(pod, minReady, now)) availableCount++;
        else unavailable++;
        if (pod.metadata?.labels?.['controller-revision-hash'] === hash) updated++;
        else outdated.push(pod);
      } else if (here.length) {
        misscheduled++;
        for (const p of here) objects.delete(R.pods, ns, p.metadata?.name ?? '');
      }
    }
    // Rolling update: replace outdated pods while no more than maxUnavailable are unavailable.
    const maxUnavailable = Number(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1) || 1;
    if (ds.spec?.updateStrategy?.type !== 'OnDelete') {
      for (const pod of outdated) {
        if (unavailable >= maxUnavailable) break;
        objects.delete(R.pods, ns, pod.metadata?.name ?? '');
        objects.recordEvent(object, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`, CONTROLLER_SOURCE.daemonset);
        unavailable++;
      }
    }
    const status: Record<string, number> = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: object.metadata.generation ?? 1,
      updatedNumberScheduled: updated,
      numberAvailable: availableCount,
      numberUnavailable: Math.max(0, desired - availableCount),
    };
    if (!status.numberAvailable) delete status.numberAvailable;
    if (!status.numberUnavailable) delete status.numberUnavailable;
    if (!status.updatedNumberScheduled) delete status.updatedNumberScheduled;
    if (minReady && ready > availableCount) this.enqueueAfter(key, minReady * 1000 + 50);
    objects.writeStatus(R.daemonsets, store.get(R.daemonsets, ns, name) ?? object, status);
  }
}
