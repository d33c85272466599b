import jsonpatch, { type Operation } from 'fast-json-patch';

import { clone, isRecord } from '../types';
import { loadModel, type TypeRef } from './openapi';

/**
 * Patches as the API server applies them: JSON merge patch (RFC 7396), JSON patch (RFC 6902, fast-json-patch),
 * strategic merge patch and server-side apply. The strategic parts know which lists merge by which key from the
 * table below (the patchMergeKey/patchStrategy facts of the Kubernetes API types) and walk the object along the
 * client-node models to find where they are.
 */
export class PatchError extends Error {}

interface ListRule {
  key?: string;
  strategy: 'merge' | 'retainKeys' | 'merge,retainKeys';
}

/** `<model>.<field>` → how that list (or struct, for retainKeys) is patched. */
export const MERGE_RULES: Record<string, ListRule> = {
  'V1PodSpec.containers': { key: 'name', strategy: 'merge' },
  'V1PodSpec.initContainers': { key: 'name', strategy: 'merge' },
  'V1PodSpec.ephemeralContainers': { key: 'name', strategy: 'merge' },
  'V1PodSpec.volumes': { key: 'name', strategy: 'merge,retainKeys' },
  'V1PodSpec.imagePullSecrets': { key: 'name', strategy: 'merge' },
  'V1PodSpec.hostAliases': { key: 'ip', strategy: 'merge' },
  'V1PodSpec.topologySpreadConstraints': { key: 'topologyKey', strategy: 'merge' },
  'V1PodSpec.schedulingGates': { key: 'name', strategy: 'merge' },
  'V1PodSpec.resourceClaims': { key: 'name', strategy: 'merge,retainKeys' },
  'V1Container.ports': { key: 'containerPort', strategy: 'merge' },
  'V1Container.env': { key: 'name', strategy: 'merge' },
  'V1Container.volumeMounts': { key: 'mountPath', strategy: 'merge' },
  'V1Container.volumeDevices': { key: 'devicePath', strategy: 'merge' },
  'V1EphemeralContainer.ports': { key: 'containerPort', strategy: 'merge' },
  'V1EphemeralContainer.env': { key: 'name', strategy: 'merge' },
  'V1EphemeralContainer.volumeMounts': { key: 'mountPath', strategy: 'merge' },
  'V1ServiceSpec.ports': { key: 'port', strategy: 'merge' },
  'V1ObjectMeta.finalizers': { strategy: 'merge' },
  'V1ObjectMeta.ownerReferences': { key: 'uid', strategy: 'merge' },
  'V1ServiceAccount.secrets': { key: 'name', strategy: 'merge' },
  'V1DeploymentSpec.strategy': { strategy: 'retainKeys' },
  'V1DaemonSetSpec.updateStrategy': { strategy: 'retainKeys' },
  'V1PodStatus.conditions': { key: 'type', strategy: 'merge' },
  'V1PodStatus.podIPs': { key: 'ip', strategy: 'merge' },
  'V1NodeStatus.conditions': { key: 'type', strategy: 'merge' },
  'V1NodeStatus.addresses': { key: 'type', strategy: 'merge' },
  'V1NodeSpec.podCIDRs': { strategy: 'merge' },
  'V1DeploymentStatus.conditions': { key: 'type', strategy: 'merge' },
  'V1ReplicaSetStatus.conditions': { key: 'type', strategy: 'merge' },
  'V1DaemonSetStatus.conditions': { key: 'type', strategy: 'merge' },
  'V1NamespaceStatus.conditions': { key: 'type', strategy: 'merge' },
  'V1PodDisruptionBudgetStatus.conditions': { key: 'type', strategy: 'merge' },
};

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------
// JSON merge patch

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const out: Obj = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// JSON patch

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations');
  try {
    return jsonpatch.applyPatch(clone(target), ops as Operation[], true, false).newDocument;
  } catch (error) {
    const e = error as { name?: string; message?: string; operation?: { op?: string; path?: string } };
    const op = e.operation;
    if (e.name === 'TEST_OPERATION_FAILED') throw new PatchError(`testing value ${op?.path ?? ''} failed: test failed`);
    if (e.name === 'OPERATION_PATH_UNRESOLVABLE') throw new PatchError(`${op?.op ?? 'patch'} operation does not apply: doc is missing path: "${op?.path ?? ''}": missing value`);
    throw new PatchError((e.message ?? String(error)).split('\n')[0] ?? 'invalid json patch');
  }
}

// ---------------------------------------------------------------------------------------------------------
// strategic merge patch and apply

function modelOf(type: TypeRef | undefined): string | undefined {
  if (!type) return undefined;
  if (type.t === 'ref') return type.model;
  if (type.t === 'array' || type.t === 'map') return modelOf(type.of);
  return undefined;
}

function fieldType(model: string | undefined, field: string): TypeRef | undefined {
  return model ? loadModel(model)?.fields.get(field)?.type : undefined;
}

function keyOf(item: unknown, key: string): unknown {
  return isRecord(item) ? item[key] : undefined;
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const sameKey = (a: unknown, b: unknown): boolean => a !== undefined && (a === b || (scalar(a) !== undefined && scalar(a) === scalar(b)));

/**
 * Applies a strategic merge patch (directives honoured) or, with `apply`, a server-side apply configuration
 * (lists merged by the same keys, no directives) to `original` of the given client-node model.
 */
export function strategicMerge(original: unknown, patch: unknown, model: string | undefined, options: { apply?: boolean } = {}): unknown {
  return mergeMap(isRecord(original) ? original : {}, isRecord(patch) ? patch : {}, model, options.apply ?? false);
}

function mergeMap(original: Obj, patch: Obj, model: string | undefined, apply: boolean): Obj {
  if (!apply) {
    const directive = patch.$patch;
    if (directive === 'replace') {
      const rest = { ...patch };
      delete rest.$patch;
      return clone(rest);
    }
    if (directive === 'delete') return {};
    if (directive !== undefined && directive !== 'merge') throw new PatchError(`unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`);
  }
  const out: Obj = { ...original };
  const orders = new Map<string, unknown[]>();
  let retain: unknown[] | undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (!apply) {
      if (k === '$patch') continue;
      if (k === '$retainKeys') {
        if (!Array.isArray(v)) throw new PatchError('$retainKeys must be a list of strings');
        retain = v;
        continue;
      }
      if (k.startsWith('$setElementOrder/')) {
        if (!Array.isArray(v)) throw new PatchError(`${k} must be a list`);
        orders.set(k.slice('$setElementOrder/'.length), v);
        continue;
      }
      if (k.startsWith('$deleteFromPrimitiveList/')) {
        const field = k.slice('$deleteFromPrimitiveList/'.length);
        if (!Array.isArray(v)) throw new PatchError(`${k} must be a list`);
        const current = out[field];
        if (Array.isArray(current)) out[field] = current.filter((x) => !v.includes(x));
        continue;
      }
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const type = fieldType(model, k);
    const rule = model ? MERGE_RULES[`${model}.${k}`] : undefined;
    const current = out[k];
    if (Array.isArray(v)) {
      if (rule && rule.strategy.includes('merge') && Array.isArray(current)) {
        out[k] = rule.key ? mergeKeyedList(current, v, rule.key, modelOf(type), apply) : mergePrimitiveList(current, v, apply);
      } else if (rule && rule.strategy.includes('merge') && !apply) {
        out[k] = stripDirectives(v);
      } else out[k] = clone(v);
    } else if (isRecord(v)) {
      if (!apply && v.$patch === 'delete') {
        delete out[k];
        continue;
      }
      if (type?.t === 'map') {
        if (type.of.t === 'ref') {
          const itemModel = type.of.model;
          const merged: Obj = isRecord(current) ? { ...current } : {};
          for (const [mk, mv] of Object.entries(v)) {
            if (mv === null) delete merged[mk];
            else merged[mk] = mergeMap(isRecord(merged[mk]) ? (merged[mk]) : {}, isRecord(mv) ? mv : {}, itemModel, apply);
          }
          out[k] = merged;
        } else if (!apply && v.$patch === 'replace') {
          const rest = { ...v };
          delete rest.$patch;
          out[k] = rest;
        } else out[k] = mergePatch(current, v);
      } else if (!type || type.t === 'ref' || type.t === 'any') {
        out[k] = mergeMap(isRecord(current) ? current : {}, v, type?.t === 'ref' ? type.model : undefined, apply);
      } else out[k] = clone(v);
    } else out[k] = v;
  }
  for (const [field, order] of orders) {
    const rule = model ? MERGE_RULES[`${model}.${field}`] : undefined;
    const list = out[field];
    if (Array.isArray(list)) out[field] = applyOrder(list, order, rule?.key);
  }
  if (retain) for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
  return out;
}

function stripDirectives(list: unknown[]): unknown[] {
  return list.filter((item) => !(isRecord(item) && (item.$patch === 'delete' || item.$patch === 'replace'))).map((item) => {
    if (!isRecord(item)) return item;
    const copy = { ...item };
    delete copy.$patch;
    return copy;
  });
}

function mergeKeyedList(original: unknown[], patch: unknown[], key: string, itemModel: string | undefined, apply: boolean): unknown[] {
  if (!apply && patch.some((item) => isRecord(item) && item.$patch === 'replace' && Object.keys(item).length === 1)) {
    return stripDirectives(patch.filter((item) => !(isRecord(item) && item.$patch === 'replace' && Object.keys(item).length === 1)));
  }
  const out = [...original];
  for (const item of patch) {
    if (!isRecord(item)) throw new PatchError(`expected a map with the merge key "${key}" in a list, got ${JSON.stringify(item)}`);
    const k = item[key];
    if (k === undefined) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const at = out.findIndex((o) => sameKey(keyOf(o, key), k));
    if (!apply && item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) out[at] = mergeMap(isRecord(out[at]) ? (out[at]) : {}, item, itemModel, apply);
    else out.push(mergeMap({}, item, itemModel, apply));
  }
  return out;
}

function mergePrimitiveList(original: unknown[], patch: unknown[], apply: boolean): unknown[] {
  const out = [...original];
  for (const item of patch) {
    if (!apply && isRecord(item) && item.$patch === 'replace') return patch.filter((x) => !isRecord(x));
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

function applyOrder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const position = (item: unknown): number => order.findIndex((o) => (key ? sameKey(keyOf(item, key), keyOf(o, key)) : o === item));
  const inOrder = list.filter((item) => position(item) >= 0).sort((a, b) => position(a) - position(b));
  const rest = list.filter((item) => position(item) < 0);
  return [...inOrder, ...rest];
}
