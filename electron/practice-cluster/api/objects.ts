import { randomBytes, randomUUID } from 'node:crypto';

import type { Service } from 'kubernetes-types/core/v1';

import { type Store, StoreError } from '../store';
import { as, clone, isRecord, timestamp, type KObject, type ObjectMeta, type OwnerReference } from '../types';
import { applyDefaults } from './defaults';
import { checkFields } from './openapi';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from './patch';
import { apiVersionOf, R, storeKey, type ResourceType, RESOURCES } from './resources';
import { ApiError, errors, type StatusCause } from './status';
import { validateObject, invalid } from './validation';

/**
 * Object semantics shared by the HTTP API and the controllers: metadata (names, uids, generations,
 * resourceVersions), defaulting, validation, patches, status and scale subresources, graceful and cascading
 * deletion. Every error is an ApiError worded as the real API server words it.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /** Set by the HTTP layer: checks a client may not skip. Controllers write without them. */
  fromClient?: boolean;
}

export interface WriteResult {
  object: KObject;
  warnings: string[];
  created?: boolean;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** Admission checks that need I/O (a NodePort's host port); run before a create or update is stored. */
export type AsyncCheck = (resource: string, object: KObject, old: KObject | undefined) => Promise<StatusCause[]>;

const GENERATION = new Set<string>([R.deployments, R.replicasets, R.daemonsets, R.pdbs, R.networkpolicies]);
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += NAME_CHARS[b % NAME_CHARS.length];
  return out;
}

function typeOf(resource: string): ResourceType {
  const t = RESOURCES.find((r) => storeKey(r) === resource);
  if (!t) throw errors.internal(`unknown resource ${resource}`);
  return t;
}

function specOf(o: KObject): unknown {
  const rest: Record<string, unknown> = { ...o };
  delete rest.metadata;
  delete rest.status;
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
}

export class ObjectApi {
  readonly asyncChecks: AsyncCheck[] = [];
  /** Runtime hook: true when a kubelet will finish a pod's graceful deletion. */
  podNeedsGracefulStop: (pod: KObject) => boolean = () => false;

  constructor(readonly store: Store) {}

  get(resource: string, namespace: string | undefined, name: string): KObject {
    const o = this.store.get(resource, namespace, name);
    if (!o) {
      const t = typeOf(resource);
      throw errors.notFound(t.group, t.resource, name);
    }
    return o;
  }

  find(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.store.get(resource, namespace, name);
  }

  // -------------------------------------------------------------------------------------------------------
  // create

  async create(resource: string, input: KObject, namespace: string | undefined, options: WriteOptions = {}): Promise<WriteResult> {
    const t = typeOf(resource);
    const warnings: string[] = [];
    const object = this.prepareCreate(t, input, namespace, options, warnings);
    const causes = validateObject(resource, object);
    if (causes.length) throw errors.invalid(t.kind, t.group, object.metadata.name ?? '', causes);
    for (const check of this.asyncChecks) {
      const more = await check(resource, object, undefined);
      if (more.length) throw errors.invalid(t.kind, t.group, object.metadata.name ?? '', more);
    }
    if (resource === R.networkpolicies) warnings.push('NetworkPolicies are stored but not enforced by the Lotse practice cluster: all pods can still reach each other');
    if (options.dryRun) return { object, warnings, created: true };
    return { object: this.storeCreate(t, object), warnings, created: true };
  }

  /** Internal create for controllers: defaults and metadata, no validation. */
  createInternal(resource: string, input: KObject): KObject {
    const t = typeOf(resource);
    return this.storeCreate(t, this.prepareCreate(t, input, input.metadata.namespace, {}, []));
  }

  private storeCreate(t: ResourceType, object: KObject): KObject {
    try {
      return this.store.create(storeKey(t), object);
    } catch (error) {
      if (error instanceof StoreError && error.reason === 'AlreadyExists') throw errors.alreadyExists(t.group, t.resource, object.metadata.name ?? '');
      throw error;
    }
  }

  private prepareCreate(t: ResourceType, input: KObject, namespace: string | undefined, options: WriteOptions, warnings: string[]): KObject {
    if (!isRecord(input) || !isRecord(input.metadata)) throw errors.badRequest(`Object 'metadata' is missing or not an object`);
    this.checkBodyKind(t, input);
    this.checkFieldsOf(t, input, options, warnings);
    const object = clone(input);
    const meta = object.metadata;
    if (t.namespaced) {
      const ns = namespace ?? meta.namespace ?? 'default';
      if (meta.namespace && meta.namespace !== ns) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = ns;
      const nsObject = this.store.get(R.namespaces, undefined, ns);
      if (!nsObject) throw errors.notFound('', 'namespaces', ns);
      if (nsObject.metadata.deletionTimestamp && options.fromClient) {
        throw new ApiError(403, 'Forbidden', `${t.resource} "${meta.name ?? meta.generateName ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
          name: meta.name ?? '',
          kind: t.resource,
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
        });
      }
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    delete meta.selfLink;
    if (GENERATION.has(storeKey(t))) meta.generation = 1;
    else delete meta.generation;
    object.apiVersion = apiVersionOf(t);
    object.kind = t.kind;
    if (t.hasStatus && options.fromClient && storeKey(t) !== R.nodes) delete object.status;
    applyDefaults(storeKey(t), object);
    if (storeKey(t) === R.services) this.allocateService(object, undefined);
    return object;
  }

  private checkBodyKind(t: ResourceType, input: KObject): void {
    if (input.kind !== undefined && input.kind !== t.kind) {
      throw errors.badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: the kind of the object (${String(input.kind)}) does not match the kind of the request (${t.kind})`);
    }
    if (input.apiVersion !== undefined && input.apiVersion !== apiVersionOf(t)) {
      throw errors.badRequest(`the API version in the data (${String(input.apiVersion)}) does not match the expected API version (${apiVersionOf(t)})`);
    }
  }

  private checkFieldsOf(t: ResourceType, input: KObject, options: WriteOptions, warnings: string[]): void {
    const mode = options.fieldValidation ?? 'Warn';
    if (!options.fromClient) return;
    const problems = checkFields(t.model, input);
    const typeErrors = problems.filter((p) => p.kind === 'type');
    if (typeErrors.length) throw errors.badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${typeErrors[0]?.message ?? ''}`);
    if (mode === 'Ignore') return;
    const unknown = problems.filter((p) => p.kind === 'unknown');
    if (!unknown.length) return;
    if (mode === 'Strict') {
      const list = unknown.map((p) => p.message).join(', ');
      throw errors.badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${list}`);
    }
    for (const p of unknown) warnings.push(p.message);
  }

  // -------------------------------------------------------------------------------------------------------
  // services: cluster IPs and node ports

  private allocateService(object: KObject, old: KObject | undefined): void {
    const svc = as<Service>(object);
    const spec = svc.spec as NonNullable<Service['spec']> & { clusterIP?: string; clusterIPs?: string[] };
    const oldSpec = old ? as<Service>(old).spec : undefined;
    if (spec.type === 'ExternalName') return;
    if (oldSpec?.clusterIP && (!spec.clusterIP || spec.clusterIP === oldSpec.clusterIP)) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIP) spec.clusterIP = this.freeClusterIp();
    spec.clusterIPs = [spec.clusterIP];
    const used = this.usedNodePorts(object);
    for (const [i, p] of (spec.ports ?? []).entries()) {
      const port = p as { nodePort?: number; port: number; protocol?: string };
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        if (!port.nodePort) {
          const previous = oldSpec?.ports?.find((q) => q.port === port.port && (q.protocol ?? 'TCP') === (port.protocol ?? 'TCP'))?.nodePort;
          port.nodePort = previous && !used.has(previous) ? previous : this.freeNodePort(used);
        } else if (used.has(port.nodePort)) {
          throw errors.invalid('Service', '', object.metadata.name ?? '', [invalid(`spec.ports[${i}].nodePort`, port.nodePort, 'provided port is already allocated')]);
        }
        used.add(port.nodePort);
      } else delete port.nodePort;
    }
  }

  private freeClusterIp(): string {
    const used = new Set(this.store.list(R.services).map((s) => as<Service>(s).spec?.clusterIP));
    for (;;) {
      const n = 10 + Math.floor(Math.random() * (0xfffff - 10));
      const ip = `10.${96 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}`;
      if (!used.has(ip) && (n & 0xff) !== 0 && (n & 0xff) !== 255) return ip;
    }
  }

  private usedNodePorts(except: KObject): Set<number> {
    const used = new Set<number>();
    for (const s of this.store.list(R.services)) {
      if (s.metadata.uid === except.metadata.uid) continue;
      for (const p of as<Service>(s).spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    }
    return used;
  }

  private freeNodePort(used: Set<number>): number {
    for (;;) {
      const port = 30000 + Math.floor(Math.random() * 2768);
      if (!used.has(port)) return port;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // update

  async update(resource: string, input: KObject, namespace: string | undefined, name: string, options: WriteOptions = {}, subresource?: 'status'): Promise<WriteResult> {
    const t = typeOf(resource);
    if (!isRecord(input) || !isRecord(input.metadata)) throw errors.badRequest(`Object 'metadata' is missing or not an object`);
    if (input.metadata.name !== undefined && input.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${String(input.metadata.name)}) does not match the name on the URL (${name})`);
    }
    const old = this.get(resource, t.namespaced ? namespace : undefined, name);
    const warnings: string[] = [];
    this.checkBodyKind(t, input);
    this.checkFieldsOf(t, input, options, warnings);
    const object = this.prepareUpdate(t, input, old, subresource, options);
    const causes = validateObject(resource, object, old);
    if (causes.length) throw errors.invalid(t.kind, t.group, name, causes);
    for (const check of this.asyncChecks) {
      const more = await check(resource, object, old);
      if (more.length) throw errors.invalid(t.kind, t.group, name, more);
    }
    if (options.dryRun) return { object, warnings };
    return { object: this.commitUpdate(t, object, input.metadata.resourceVersion), warnings };
  }

  /** Internal update for controllers and the kubelet: same metadata rules, no validation, no precondition. */
  updateInternal(resource: string, object: KObject, subresource?: 'status'): KObject {
    const t = typeOf(resource);
    const old = this.store.get(resource, object.metadata.namespace, object.metadata.name ?? '');
    if (!old) throw errors.notFound(t.group, t.resource, object.metadata.name ?? '');
    return this.commitUpdate(t, this.prepareUpdate(t, object, old, subresource, {}), undefined);
  }

  /** Status written by a controller: only when something changed, so reconcilers do not loop. */
  writeStatus(resource: string, current: KObject, status: unknown): KObject {
    if (JSON.stringify(current.status ?? {}) === JSON.stringify(status ?? {})) return current;
    return this.updateInternal(resource, { ...current, status }, 'status');
  }

  private prepareUpdate(t: ResourceType, input: KObject, old: KObject, subresource: 'status' | undefined, options: WriteOptions): KObject {
    const object = clone(input);
    const resource = storeKey(t);
    const meta = object.metadata;
    meta.name = old.metadata.name;
    if (t.namespaced) meta.namespace = old.metadata.namespace;
    else delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    delete meta.managedFields;
    delete meta.selfLink;
    object.apiVersion = apiVersionOf(t);
    object.kind = t.kind;
    if (subresource === 'status') {
      // Only the status changes through /status (labels and annotations too, as on a real server).
      const merged: KObject = { ...clone(old), status: object.status };
      merged.metadata = { ...clone(old.metadata), labels: meta.labels, annotations: meta.annotations, ownerReferences: meta.ownerReferences, finalizers: meta.finalizers };
      for (const k of ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const) if (merged.metadata[k] === undefined) delete merged.metadata[k];
      return merged;
    }
    if (t.hasStatus && options.fromClient) object.status = clone(old.status);
    else if (t.hasStatus && object.status === undefined) object.status = clone(old.status);
    applyDefaults(resource, object);
    if (resource === R.services) this.allocateService(object, old);
    if (GENERATION.has(resource)) {
      const changed = JSON.stringify(specOf(object)) !== JSON.stringify(specOf(old));
      meta.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    return object;
  }

  private commitUpdate(t: ResourceType, object: KObject, expectRv: string | undefined): KObject {
    const resource = storeKey(t);
    // An object in deletion whose finalizers are gone is removed now.
    if (object.metadata.deletionTimestamp && !object.metadata.finalizers?.length && resource !== R.pods) {
      const gone = this.store.delete(resource, object.metadata.namespace, object.metadata.name ?? '');
      return gone ?? object;
    }
    try {
      return this.store.update(resource, object, expectRv || undefined);
    } catch (error) {
      if (error instanceof StoreError && error.reason === 'Conflict') throw errors.conflict(t.group, t.resource, object.metadata.name ?? '');
      if (error instanceof StoreError && error.reason === 'NotFound') throw errors.notFound(t.group, t.resource, object.metadata.name ?? '');
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // patch

  async patch(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    options: WriteOptions & { force?: boolean } = {},
    subresource?: 'status',
  ): Promise<WriteResult> {
    const t = typeOf(resource);
    const ns = t.namespaced ? namespace : undefined;
    const current = this.store.get(resource, ns, name);
    if (!current) {
      if (type !== 'apply' || subresource) throw errors.notFound(t.group, t.resource, name);
      if (!isRecord(body)) throw errors.badRequest('the apply configuration must be an object');
      const input = { ...body, metadata: { ...(isRecord(body.metadata) ? body.metadata : {}), name } } as KObject;
      return this.create(resource, input, ns, options);
    }
    const patched = this.applyPatch(t, current, type, body);
    const rv = patched.metadata.resourceVersion;
    // A resourceVersion in the patch is a precondition; the stored one is not.
    const input = { ...patched, metadata: { ...patched.metadata, resourceVersion: rv === current.metadata.resourceVersion ? undefined : rv } } as KObject;
    return this.update(resource, input, ns, name, { ...options, fieldValidation: type === 'json' ? 'Ignore' : options.fieldValidation }, subresource);
  }

  applyPatch(t: ResourceType, current: KObject, type: PatchType, body: unknown): KObject {
    const base = clone(current) as unknown as Record<string, unknown>;
    let out: unknown;
    try {
      if (type === 'json') out = jsonPatch(base, body);
      else if (!isRecord(body)) throw new PatchError(`the patch must be a JSON object, got ${Array.isArray(body) ? 'a list' : typeof body}`);
      else if (type === 'merge') out = mergePatch(base, body);
      else out = strategicMerge(base, body, t.model, { apply: type === 'apply' });
    } catch (error) {
      if (error instanceof PatchError) throw new ApiError(422, 'Invalid', `${t.kind}.${t.group || 'core'} "${current.metadata.name ?? ''}" is invalid: patch: Invalid value: "${JSON.stringify(body).slice(0, 200)}": ${error.message}`);
      throw error;
    }
    if (!isRecord(out) || !isRecord(out.metadata)) throw errors.badRequest('the patch removed the object metadata');
    return out as KObject;
  }

  // -------------------------------------------------------------------------------------------------------
  // delete

  delete(resource: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): KObject {
    const t = typeOf(resource);
    const ns = t.namespaced ? namespace : undefined;
    const current = this.get(resource, ns, name);
    if (options.preconditions?.uid && options.preconditions.uid !== current.metadata.uid) {
      throw errors.conflict(t.group, t.resource, name, `Precondition failed: UID in precondition: ${options.preconditions.uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
    }
    if (options.preconditions?.resourceVersion && options.preconditions.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(t.group, t.resource, name, `Precondition failed: ResourceVersion in precondition: ${options.preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`);
    }
    if (options.dryRun) return current;
    const policy = options.propagationPolicy ?? 'Background';
    if (resource === R.namespaces) {
      if (current.metadata.deletionTimestamp) return current;
      return this.store.update(resource, { ...current, metadata: { ...current.metadata, deletionTimestamp: timestamp() }, status: { phase: 'Terminating' } });
    }
    if (policy === 'Orphan') this.orphanDependents(current);
    if (policy === 'Foreground' && this.hasDependents(current)) {
      const finalizers = [...new Set([...(current.metadata.finalizers ?? []), 'foregroundDeletion'])];
      return this.store.update(resource, { ...current, metadata: { ...current.metadata, finalizers, deletionTimestamp: current.metadata.deletionTimestamp ?? timestamp(), deletionGracePeriodSeconds: 0 } });
    }
    if (resource === R.pods) {
      const grace = options.gracePeriodSeconds ?? (current.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30;
      if (this.podNeedsGracefulStop(current) && grace > 0) {
        if (current.metadata.deletionTimestamp) return current;
        const when = new Date(Date.now() + grace * 1000);
        return this.store.update(resource, { ...current, metadata: { ...current.metadata, deletionTimestamp: timestamp(when), deletionGracePeriodSeconds: grace } });
      }
    }
    if (current.metadata.finalizers?.length) {
      if (current.metadata.deletionTimestamp) return current;
      return this.store.update(resource, { ...current, metadata: { ...current.metadata, deletionTimestamp: timestamp(), deletionGracePeriodSeconds: 0 } });
    }
    return this.store.delete(resource, ns, name) ?? current;
  }

  /** Removes an object now, whatever its grace period (the kubelet's last step, the namespace controller). */
  remove(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.store.delete(resource, namespace, name);
  }

  private dependents(owner: KObject): { resource: string; object: KObject }[] {
    const out: { resource: string; object: KObject }[] = [];
    const uid = owner.metadata.uid;
    for (const resource of [R.replicasets, R.pods, R.endpointslices]) {
      for (const o of this.store.list(resource, owner.metadata.namespace)) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ resource, object: o });
      }
    }
    return out;
  }

  private hasDependents(owner: KObject): boolean {
    return this.dependents(owner).length > 0;
  }

  private orphanDependents(owner: KObject): void {
    for (const { resource, object } of this.dependents(owner)) {
      const refs = (object.metadata.ownerReferences ?? []).filter((r: OwnerReference) => r.uid !== owner.metadata.uid);
      const meta: ObjectMeta = { ...object.metadata, ownerReferences: refs };
      if (!refs.length) delete meta.ownerReferences;
      this.store.update(resource, { ...object, metadata: meta });
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // events

  private readonly eventIndex = new Map<string, string>();
  private eventCounter = 0;

  /** Records an Event about an object; repeats of the same reason and message count up, as the real recorder does. */
  recordEvent(involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: { component: string; host?: string }, fieldPath?: string): void {
    const ns = involved.metadata.namespace ?? 'default';
    const key = `${involved.metadata.uid ?? ''}|${reason}|${message}|${fieldPath ?? ''}`;
    const now = timestamp();
    const existingName = this.eventIndex.get(key);
    const existing = existingName ? this.store.get(R.events, ns, existingName) : undefined;
    if (existing) {
      const count = ((existing as { count?: number }).count ?? 1) + 1;
      this.store.update(R.events, { ...existing, count, lastTimestamp: now });
      return;
    }
    // Named by time, as real events are, so they sort in the order they happened.
    const name = `${involved.metadata.name ?? 'object'}.${(BigInt(Date.now()) * 1_000_000n + BigInt(this.eventCounter++ % 1_000_000)).toString(16)}`;
    this.eventIndex.set(key, name);
    if (!this.store.get(R.namespaces, undefined, ns)) return;
    this.store.create(R.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns, uid: randomUUID(), creationTimestamp: now },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
  }
}
