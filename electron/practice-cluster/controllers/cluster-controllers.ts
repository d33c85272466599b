import type { Endpoints, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

import { mapSelectorMatches, selectorMatches } from '../api/selectors';
import { R, RESOURCES, storeKey } from '../api/resources';
import type { ClusterContext } from '../cluster';
import type { StoreEvent } from '../store';
import { as, timestamp, type KObject } from '../types';
import { Controller, nsKey, splitKey } from './controller';
import { controllerScale, pdbStatus } from './pdb-logic';
import { isReady } from './replicaset-logic';
import { schedule } from './scheduling';

/** Owner references: dependents of a deleted owner go (Background), Foreground deletion waits for them. */
export class GarbageCollector extends Controller {
  private static readonly DEPENDENT_KINDS = [R.replicasets, R.pods, R.endpointslices, R.daemonsets];

  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    const keys: string[] = [];
    if (e.type === 'DELETED') keys.push(`gone|${e.object.metadata.namespace ?? ''}|${e.object.metadata.uid ?? ''}`);
    if (e.object.metadata.finalizers?.includes('foregroundDeletion') && e.object.metadata.deletionTimestamp) keys.push(`fg|${e.resource}|${nsKey(e.object.metadata.namespace, e.object.metadata.name)}`);
    if (e.type === 'DELETED') {
      // A dependent went: its foreground-deleting owner may be done now.
      for (const ref of e.object.metadata.ownerReferences ?? []) {
        const ownerType = RESOURCES.find((r) => r.kind === ref.kind && (ref.apiVersion === (r.group ? `${r.group}/${r.version}` : r.version)));
        if (ownerType) keys.push(`fg|${storeKey(ownerType)}|${nsKey(ownerType.namespaced ? e.object.metadata.namespace : '', ref.name)}`);
      }
    }
    return keys;
  }

  protected allKeys(): string[] {
    // After a restart: dependents whose owners are gone.
    const uids = new Set<string>();
    for (const resource of this.ctx.store.resources()) for (const o of this.ctx.store.list(resource)) if (o.metadata.uid) uids.add(o.metadata.uid);
    const keys: string[] = [];
    for (const resource of GarbageCollector.DEPENDENT_KINDS) {
      for (const o of this.ctx.store.list(resource)) {
        for (const ref of o.metadata.ownerReferences ?? []) if (!uids.has(ref.uid)) keys.push(`gone|${o.metadata.namespace ?? ''}|${ref.uid}`);
      }
    }
    return keys;
  }

  private dependentsOf(namespace: string, uid: string): { resource: string; object: KObject }[] {
    const out: { resource: string; object: KObject }[] = [];
    for (const resource of GarbageCollector.DEPENDENT_KINDS) {
      for (const o of this.ctx.store.list(resource, namespace || undefined)) if (o.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ resource, object: o });
    }
    return out;
  }

  protected reconcile(key: string): void {
    const { objects, store } = this.ctx;
    const parts = key.split('|');
    if (parts[0] === 'gone') {
      const uid = parts[2] ?? '';
      for (const { resource, object } of this.dependentsOf(parts[1] ?? '', uid)) {
        const remaining = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.ownerExists(object, r.uid));
        if (remaining.length) objects.updateInternal(resource, { ...object, metadata: { ...object.metadata, ownerReferences: remaining } });
        else if (!object.metadata.deletionTimestamp) objects.delete(resource, object.metadata.namespace, object.metadata.name ?? '', { propagationPolicy: 'Background' });
      }
      return;
    }
    const resource = parts[1] ?? '';
    const [ns, name] = splitKey(parts[2] ?? '/');
    const owner = store.get(resource, ns || undefined, name);
    if (!owner?.metadata.deletionTimestamp || !owner.metadata.finalizers?.includes('foregroundDeletion')) return;
    const dependents = this.dependentsOf(ns, owner.metadata.uid ?? '');
    for (const { resource: r, object } of dependents) {
      if (!object.metadata.deletionTimestamp) objects.delete(r, object.metadata.namespace, object.metadata.name ?? '', { propagationPolicy: 'Foreground' });
    }
    if (!dependents.length) {
      objects.updateInternal(resource, { ...owner, metadata: { ...owner.metadata, finalizers: owner.metadata.finalizers.filter((f) => f !== 'foregroundDeletion') } });
    }
  }

  private ownerExists(object: KObject, uid: string): boolean {
    for (const resource of this.ctx.store.resources()) {
      if (this.ctx.store.list(resource, resource === R.namespaces || resource === R.nodes ? undefined : object.metadata.namespace).some((o) => o.metadata.uid === uid)) return true;
    }
    return false;
  }
}

/** Namespaces: the default ServiceAccount and kube-root-ca.crt in each, and deletion that empties them first. */
export class NamespaceController extends Controller {
  constructor(
    ctx: ClusterContext,
    private readonly caCert: string,
  ) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.namespaces) return [e.object.metadata.name ?? ''];
    if (e.type === 'DELETED' && e.object.metadata.namespace) {
      const ns = this.ctx.store.get(R.namespaces, undefined, e.object.metadata.namespace);
      if (ns?.metadata.deletionTimestamp || (e.resource === R.serviceaccounts && e.object.metadata.name === 'default')) return [e.object.metadata.namespace];
    }
    return [];
  }

  protected allKeys(): string[] {
    return this.ctx.store.list(R.namespaces).map((n) => n.metadata.name ?? '');
  }

  protected reconcile(name: string): void {
    const { store, objects } = this.ctx;
    const ns = store.get(R.namespaces, undefined, name);
    if (!ns) return;
    if (ns.metadata.deletionTimestamp) {
      let left = 0;
      for (const type of RESOURCES.filter((r) => r.namespaced && r.verbs.includes('delete'))) {
        const resource = storeKey(type);
        for (const o of store.list(resource, name)) {
          left++;
          if (resource === R.events) objects.remove(resource, name, o.metadata.name ?? '');
          else if (!o.metadata.deletionTimestamp) objects.delete(resource, name, o.metadata.name ?? '', { propagationPolicy: 'Background' });
        }
      }
      if (!left) objects.remove(R.namespaces, undefined, name);
      else this.enqueueAfter(name, 1000);
      return;
    }
    if (!store.get(R.serviceaccounts, name, 'default')) objects.createInternal(R.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    if (!store.get(R.configmaps, name, 'kube-root-ca.crt')) {
      objects.createInternal(R.configmaps, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': this.caCert },
      });
    }
  }
}

/** The scheduler: binds pending pods to nodes, or records why none fits. */
export class Scheduler extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  private pending(o: KObject): boolean {
    const pod = as<Pod>(o);
    return !pod.spec?.nodeName && !o.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.pods) {
      if (e.type !== 'DELETED' && this.pending(e.object)) return [nsKey(e.object.metadata.namespace, e.object.metadata.name)];
      if (e.type === 'DELETED' || as<Pod>(e.object).status?.phase !== (e.old && as<Pod>(e.old).status?.phase)) return this.waiting();
      return [];
    }
    if (e.resource === R.nodes) return this.waiting();
    return [];
  }

  private waiting(): string[] {
    return this.ctx.store
      .list(R.pods)
      .filter((p) => this.pending(p) && as<Pod>(p).status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'))
      .map((p) => nsKey(p.metadata.namespace, p.metadata.name));
  }

  protected allKeys(): string[] {
    return this.ctx.store
      .list(R.pods)
      .filter((p) => this.pending(p))
      .map((p) => nsKey(p.metadata.namespace, p.metadata.name));
  }

  protected reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, objects } = this.ctx;
    const object = store.get(R.pods, ns, name);
    if (!object || !this.pending(object)) return;
    const pod = as<Pod>(object);
    const nodes = store.list(R.nodes).map((n) => as<Node>(n));
    const byNode = new Map<string, Pod[]>();
    for (const p of store.list(R.pods)) {
      const nodeName = as<Pod>(p).spec?.nodeName;
      if (nodeName) byNode.set(nodeName, [...(byNode.get(nodeName) ?? []), as<Pod>(p)]);
    }
    const placement = schedule(pod, nodes, byNode);
    const now = timestamp();
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    if (placement.node) {
      const bound = objects.updateInternal(R.pods, {
        ...object,
        spec: { ...(object.spec as object), nodeName: placement.node },
        status: { ...(pod.status ?? {}), conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }] },
      });
      objects.recordEvent(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${placement.node}`, { component: 'default-scheduler' });
      return;
    }
    const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (previous?.message === placement.message) return;
    const updated = objects.updateInternal(R.pods, {
      ...object,
      status: {
        ...(pod.status ?? {}),
        phase: 'Pending',
        conditions: [...conditions, { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'Unschedulable', message: placement.message }],
      },
    });
    objects.recordEvent(updated, 'Warning', 'FailedScheduling', placement.message ?? '', { component: 'default-scheduler' });
  }
}

/** Endpoints and EndpointSlices of services with a selector, from the pods that match it. */
export class EndpointsController extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.services) return [nsKey(e.object.metadata.namespace, e.object.metadata.name)];
    if (e.resource === R.pods) {
      return this.ctx.store
        .list(R.services, e.object.metadata.namespace)
        .filter((s) => {
          const sel = as<Service>(s).spec?.selector;
          return mapSelectorMatches(sel, e.object.metadata.labels) || mapSelectorMatches(sel, e.old?.metadata.labels);
        })
        .map((s) => nsKey(s.metadata.namespace, s.metadata.name));
    }
    return [];
  }

  protected allKeys(): string[] {
    return this.ctx.store.list(R.services).map((s) => nsKey(s.metadata.namespace, s.metadata.name));
  }

  protected reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, objects } = this.ctx;
    const object = store.get(R.services, ns, name);
    if (!object) {
      if (store.get(R.endpoints, ns, name)) objects.remove(R.endpoints, ns, name);
      return;
    }
    const svc = as<Service>(object);
    const selector = svc.spec?.selector;
    if (!selector || !Object.keys(selector).length) return;
    const pods = store
      .list(R.pods, ns)
      .map((p) => as<Pod>(p))
      .filter((p) => mapSelectorMatches(selector, p.metadata?.labels) && p.status?.podIP && !p.metadata?.deletionTimestamp && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
    const resolvePort = (pod: Pod, target: number | string | undefined, fallback: number): number | undefined => {
      if (target === undefined) return fallback;
      if (typeof target === 'number') return target;
      if (/^\d+$/.test(target)) return Number(target);
      for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
      return undefined;
    };
    const ports = svc.spec?.ports ?? [];
    const subsets: NonNullable<Endpoints['subsets']> = [];
    const sliceEndpoints: Record<string, unknown>[] = [];
    const slicePorts = new Map<string, { name?: string; port: number; protocol: string }>();
    for (const pod of pods) {
      const ready = isReady(pod);
      const address = { ip: pod.status?.podIP ?? '', nodeName: pod.spec?.nodeName, targetRef: { kind: 'Pod', namespace: ns, name: pod.metadata?.name, uid: pod.metadata?.uid } };
      const podPorts = ports
        .map((p) => ({ name: p.name, port: resolvePort(pod, p.targetPort, p.port), protocol: p.protocol ?? 'TCP' }))
        .filter((p): p is { name: string | undefined; port: number; protocol: string } => p.port !== undefined)
        .map((p): { name?: string; port: number; protocol: string } => (p.name ? { name: p.name, port: p.port, protocol: p.protocol } : { port: p.port, protocol: p.protocol }));
      if (!podPorts.length) continue;
      const signature = JSON.stringify(podPorts);
      let subset = subsets.find((s) => JSON.stringify(s.ports) === signature);
      if (!subset) subsets.push((subset = { ports: podPorts }));
      if (ready) (subset as { addresses?: object[] }).addresses = [...(subset.addresses ?? []), address];
      else (subset as { notReadyAddresses?: object[] }).notReadyAddresses = [...(subset.notReadyAddresses ?? []), address];
      for (const p of podPorts) slicePorts.set(`${p.name ?? ''}/${p.port}`, { ...p, name: p.name ?? '' });
      sliceEndpoints.push({
        addresses: [address.ip],
        conditions: { ready, serving: ready, terminating: false },
        nodeName: address.nodeName,
        targetRef: address.targetRef,
      });
    }
    const endpoints: KObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels: { ...(object.metadata.labels ?? {}) } },
      ...(subsets.length ? { subsets } : {}),
    };
    const existing = store.get(R.endpoints, ns, name);
    if (!existing) objects.createInternal(R.endpoints, endpoints);
    else if (JSON.stringify(existing.subsets ?? null) !== JSON.stringify(endpoints.subsets ?? null)) {
      objects.updateInternal(R.endpoints, { ...endpoints, metadata: { ...existing.metadata, labels: endpoints.metadata.labels } });
    }
    const slice = {
      addressType: 'IPv4',
      endpoints: sliceEndpoints,
      ports: [...slicePorts.values()],
    };
    const existingSlice = store.list(R.endpointslices, ns).find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    if (!existingSlice) {
      objects.createInternal(R.endpointslices, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace: ns,
          labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: object.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        ...slice,
      });
    } else if (JSON.stringify({ a: existingSlice.endpoints, b: existingSlice.ports }) !== JSON.stringify({ a: slice.endpoints, b: slice.ports })) {
      objects.updateInternal(R.endpointslices, { ...existingSlice, ...slice });
    }
  }
}

/** PodDisruptionBudget status, kept current as pods come and go. */
export class DisruptionController extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx);
  }

  protected keysFor(e: StoreEvent): string[] {
    if (e.resource === R.pdbs) return [nsKey(e.object.metadata.namespace, e.object.metadata.name)];
    if (e.resource === R.pods || e.resource === R.replicasets || e.resource === R.daemonsets) {
      return this.ctx.store.list(R.pdbs, e.object.metadata.namespace).map((p) => nsKey(p.metadata.namespace, p.metadata.name));
    }
    return [];
  }

  protected allKeys(): string[] {
    return this.ctx.store.list(R.pdbs).map((p) => nsKey(p.metadata.namespace, p.metadata.name));
  }

  protected reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const object = this.ctx.store.get(R.pdbs, ns, name);
    if (!object) return;
    this.ctx.objects.writeStatus(R.pdbs, object, livePdbStatus(this.ctx, as<PodDisruptionBudget>(object)));
  }
}

export function livePdbStatus(ctx: ClusterContext, pdb: PodDisruptionBudget): ReturnType<typeof pdbStatus> {
  const ns = pdb.metadata?.namespace;
  const pods = ctx.store.list(R.pods, ns).map((p) => as<Pod>(p));
  const scaleOf = (kind: string, name: string): number | undefined => {
    const resource = kind === 'ReplicaSet' ? R.replicasets : kind === 'DaemonSet' ? R.daemonsets : undefined;
    const o = resource ? ctx.store.get(resource, ns, name) : undefined;
    return o ? controllerScale(kind, o) : undefined;
  };
  const status = pdbStatus(pdb, pods, scaleOf);
  // Keep the transition time when nothing changed, so the status does not churn.
  const prev = pdb.status?.conditions?.[0];
  const cond = status.conditions?.[0];
  if (prev && cond && prev.status === cond.status) cond.lastTransitionTime = prev.lastTransitionTime;
  return status;
}

export function pdbsFor(ctx: ClusterContext, pod: KObject): PodDisruptionBudget[] {
  return ctx.store
    .list(R.pdbs, pod.metadata.namespace)
    .map((p) => as<PodDisruptionBudget>(p))
    .filter((p) => selectorMatches(p.spec?.selector, pod.metadata.labels));
}

/** Events expire after an hour, as with the real API server's default TTL. */
export class EventReaper extends Controller {
  constructor(ctx: ClusterContext) {
    super(ctx, 5 * 60_000);
  }

  protected keysFor(): string[] {
    return [];
  }

  protected allKeys(): string[] {
    return ['all'];
  }

  protected reconcile(): void {
    const limit = Date.now() - 60 * 60_000;
    for (const e of this.ctx.store.list(R.events)) {
      const last = Date.parse((e.lastTimestamp as string | undefined) ?? e.metadata.creationTimestamp ?? '');
      if (!Number.isNaN(last) && last < limit) this.ctx.objects.remove(R.events, e.metadata.namespace, e.metadata.name ?? '');
    }
  }
}
