import { hasVolumeAllFilter } from '@shared/cli/prune';
import type { PruneItem, PruneKept, PruneKindTotal, PruneObjectType, PruneRequest } from '@shared/dto/prune';
import { splitReference } from '@shared/rules/names';
import { ANONYMOUS_VOLUME_LABEL, isAnonymousVolume } from '@shared/rules/volumes';

/** The engine's state as the prune rules need it; gathered by PruneService, plain data here. */
export interface ImageFact {
  id: string;
  parentId: string;
  /** Tags and digests, familiar form (`name:tag`, `name@sha256:…`). */
  refs: string[];
  labels: Record<string, string>;
  /** Unix seconds (the engine's own value, truncated). */
  created: number;
  /** The image's layers from the bottom: chain id and the size of its diff. */
  layers: { chainId: string; size: number }[];
}
export interface ContainerFact {
  id: string;
  name: string;
  state: string;
  imageId: string;
  labels: Record<string, string>;
  created: number;
  sizeRw: number;
  volumes: string[];
  /** Network id → endpoint id ('' while the container is not running). */
  endpoints: Record<string, string>;
}
export interface VolumeFact {
  name: string;
  driver: string;
  labels: Record<string, string>;
  sizeBytes: number;
  created: number | undefined;
}
export interface NetworkFact {
  id: string;
  name: string;
  labels: Record<string, string>;
  /** Epoch milliseconds. */
  created: number;
  configOnly: boolean;
}
export interface BuildCacheFact {
  id: string;
  type: string;
  description: string;
  inUse: boolean;
  shared: boolean;
  size: number;
  lastUsed: number;
}
export interface EngineFacts {
  apiVersion: string;
  images: ImageFact[];
  containers: ContainerFact[];
  volumes: VolumeFact[];
  networks: NetworkFact[];
  buildCache: BuildCacheFact[];
}

export interface LabelFilters {
  labels: string[];
  notLabels: string[];
  /** Unix seconds; objects created at or after it stay. */
  until: number | undefined;
}

export interface Plan {
  items: PruneItem[];
  kept: PruneKept[];
  layers: number;
  notes: string[];
}

/** filters.Args.MatchKVList: every `key` or `key=value` must be present. No filters: match. */
function matchKVList(filters: string[], labels: Record<string, string>): boolean {
  if (filters.length === 0) return true;
  if (Object.keys(labels).length === 0) return false;
  return filters.every((filter) => {
    const at = filter.indexOf('=');
    const key = at < 0 ? filter : filter.slice(0, at);
    if (!Object.hasOwn(labels, key)) return false;
    return at < 0 || labels[key] === filter.slice(at + 1);
  });
}

/** daemon/prune.go matchLabels: `label` all match, and not (`label!` given and all of them match). */
export function matchLabels(filters: LabelFilters, labels: Record<string, string>): boolean {
  if (!matchKVList(filters.labels, labels)) return false;
  return !(filters.notLabels.length > 0 && matchKVList(filters.notLabels, labels));
}

/** The engine compares nanosecond times with `created.After(until)`; we see whole seconds. */
function tooNew(createdSeconds: number, filters: LabelFilters): boolean {
  return filters.until !== undefined && createdSeconds >= filters.until;
}


const RUNNING_STATES = new Set(['running', 'paused', 'restarting']);

/** Mutable working copy: a system prune runs its steps one after another on the same state. */
interface State {
  containers: ContainerFact[];
  images: Map<string, ImageFact & { children: Set<string>; refs: string[] }>;
  original: Map<string, ImageFact>;
}

function initialState(facts: EngineFacts): State {
  const images = new Map<string, ImageFact & { children: Set<string>; refs: string[] }>();
  for (const image of facts.images) images.set(image.id, { ...image, refs: [...image.refs], children: new Set() });
  for (const image of images.values()) if (image.parentId) images.get(image.parentId)?.children.add(image.id);
  return { containers: [...facts.containers], images, original: new Map(facts.images.map((i) => [i.id, i])) };
}

/** `docker container prune`: every container that is not running (paused and restarting count as running). */
function pruneContainers(state: State, filters: LabelFilters, plan: Plan): void {
  const gone = new Set<string>();
  for (const c of state.containers) {
    const base = { type: 'container' as const, id: c.id, name: c.name };
    if (RUNNING_STATES.has(c.state)) plan.kept.push({ ...base, reason: 'running' });
    else if (tooNew(c.created, filters)) plan.kept.push({ ...base, reason: 'too-new' });
    else if (!matchLabels(filters, c.labels)) plan.kept.push({ ...base, reason: 'label-mismatch' });
    else {
      gone.add(c.id);
      plan.items.push({ ...base, action: 'delete', sizeBytes: c.sizeRw, reason: c.state, labels: c.labels, created: c.created * 1000 });
    }
  }
  state.containers = state.containers.filter((c) => !gone.has(c.id));
}

const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** `docker network prune`: user networks without endpoints; a stopped container holds no endpoint. */
function pruneNetworks(state: State, facts: EngineFacts, filters: LabelFilters, plan: Plan): void {
  const endpoints = new Map<string, string>();
  for (const c of state.containers) {
    for (const [networkId, endpointId] of Object.entries(c.endpoints)) if (endpointId) endpoints.set(networkId, c.name);
  }
  for (const n of facts.networks) {
    const base = { type: 'network' as const, id: n.id, name: n.name };
    if (n.configOnly) continue;
    if (filters.until !== undefined && n.created > filters.until * 1000) plan.kept.push({ ...base, reason: 'too-new' });
    else if (!matchLabels(filters, n.labels)) plan.kept.push({ ...base, reason: 'label-mismatch' });
    else if (PREDEFINED_NETWORKS.has(n.name)) plan.kept.push({ ...base, reason: 'predefined' });
    else if (endpoints.has(n.id)) plan.kept.push({ ...base, reason: 'has-endpoints', heldBy: endpoints.get(n.id) ?? '' });
    else plan.items.push({ ...base, action: 'delete', sizeBytes: 0, reason: 'no-endpoints', labels: n.labels, created: n.created });
  }
}

/** `docker volume prune`: local volumes no container (running or stopped) references. */
function pruneVolumes(state: State, facts: EngineFacts, filters: LabelFilters, all: boolean, plan: Plan): void {
  // Engines from API 1.42 (Docker 23) prune only anonymous volumes unless `all=true`.
  const allByDefault = !hasVolumeAllFilter(facts.apiVersion);
  plan.notes.push(allByDefault ? 'volumes-all-unused' : all ? 'volumes-all' : 'volumes-anonymous-only');
  const users = new Map<string, string>();
  for (const c of state.containers) for (const v of c.volumes) users.set(v, c.name);
  for (const v of facts.volumes) {
    const base = { type: 'volume' as const, id: v.name, name: v.name };
    const anonymous = isAnonymousVolume(v);
    if (v.driver !== 'local') plan.kept.push({ ...base, reason: 'not-local' });
    else if (!matchLabels(filters, v.labels)) plan.kept.push({ ...base, reason: 'label-mismatch' });
    else if (users.has(v.name)) plan.kept.push({ ...base, reason: 'used-by-container', heldBy: users.get(v.name) ?? '' });
    else if (!allByDefault && !all && !Object.hasOwn(v.labels, ANONYMOUS_VOLUME_LABEL)) plan.kept.push({ ...base, reason: 'named-volume' });
    else {
      plan.items.push({
        ...base,
        action: 'delete',
        sizeBytes: v.sizeBytes,
        reason: anonymous ? 'anonymous' : 'unreferenced',
        labels: v.labels,
        ...(v.created === undefined ? {} : { created: v.created }),
      });
    }
  }
}

const isDigestRef = (ref: string): boolean => splitReference(ref).digest !== undefined;
const refName = (ref: string): string => splitReference(ref).name;
/** Go's sort of the reference store (lexicalRefs): byte order of the familiar strings. */
const sortRefs = (refs: string[]): string[] => [...refs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** daemon/images/image_delete.go isSingleReference: one tag, plus digests of that repository only. */
function isSingleReference(refs: string[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: string | undefined;
  const digestRepos = new Set<string>();
  for (const ref of refs) {
    if (isDigestRef(ref)) digestRepos.add(refName(ref));
    else if (single === undefined) single = ref;
    else return false;
  }
  const chosen = single ?? refs[0] ?? '';
  return digestRepos.size === 1 && digestRepos.has(refName(chosen));
}

/**
 * `docker image prune [-a]`, simulated step by step as daemon/images/image_prune.go and
 * image_delete.go do it: untag, delete, then delete untagged parents nothing else needs.
 */
function pruneImages(state: State, filters: LabelFilters, danglingOnly: boolean, plan: Plan): void {
  const running = new Map<string, string>();
  const stopped = new Map<string, string>();
  for (const c of state.containers) (RUNNING_STATES.has(c.state) ? running : stopped).set(c.imageId, c.name);
  const images = state.images;
  const deleted: string[] = [];
  const untagged: { ref: string; id: string }[] = [];
  const before = new Map<string, number>();
  for (const image of images.values()) for (const l of image.layers) before.set(l.chainId, l.size);

  // imageDeleteHelper: delete, then try the parent; any conflict (children, containers, refs) stops it.
  const deleteHelper = (id: string): void => {
    const image = images.get(id);
    if (!image) return;
    const conflict = image.children.size > 0 || running.has(id) || image.refs.length > 0 || stopped.has(id);
    // A conflict ends this deletion: silently for parents (quiet), as an error the prune swallows otherwise.
    if (conflict) return;
    images.delete(id);
    if (image.parentId) images.get(image.parentId)?.children.delete(id);
    deleted.push(id);
    if (image.parentId) deleteHelper(image.parentId);
  };
  const deleteByRef = (ref: string): void => {
    const image = [...images.values()].find((i) => i.refs.includes(ref));
    if (!image) return;
    if (isSingleReference(sortRefs(image.refs)) && (running.has(image.id) || stopped.has(image.id))) return;
    image.refs = image.refs.filter((r) => r !== ref);
    untagged.push({ ref, id: image.id });
    if (!isDigestRef(ref) && !image.refs.some((r) => !isDigestRef(r) && refName(r) === refName(ref))) {
      for (const r of image.refs.filter((r) => isDigestRef(r) && refName(r) === refName(ref))) untagged.push({ ref: r, id: image.id });
      image.refs = image.refs.filter((r) => !(isDigestRef(r) && refName(r) === refName(ref)));
    }
    if (image.refs.length > 0) return;
    deleteHelper(image.id);
  };

  const top: string[] = [];
  for (const image of [...images.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const base = { type: 'image' as const, id: image.id, name: image.refs[0] ?? shortId(image.id) };
    if (danglingOnly && image.children.size > 0) continue;
    if (image.refs.length === 0 && image.children.size > 0) continue;
    if (tooNew(image.created, filters)) plan.kept.push({ ...base, reason: 'too-new' });
    else if (!matchLabels(filters, image.labels)) plan.kept.push({ ...base, reason: 'label-mismatch' });
    else top.push(image.id);
  }
  for (const id of top) {
    const image = images.get(id);
    if (!image) continue;
    const refs = sortRefs(image.refs);
    if (refs.length > 0) {
      const shouldDelete = !danglingOnly || !refs.some((r) => !isDigestRef(r));
      if (shouldDelete) for (const ref of refs) deleteByRef(ref);
    } else {
      deleteHelper(id);
    }
  }

  // Space: the diffs of layers no remaining image needs (the engine sums DiffSize of deleted chain ids).
  const after = new Set<string>();
  for (const image of images.values()) for (const l of image.layers) after.add(l.chainId);
  const freed = new Set([...before.keys()].filter((chain) => !after.has(chain)));
  plan.layers += freed.size;
  // Each freed layer is counted once: for the deleted image it tops, else the first deleted image holding it.
  const owner = new Map<string, string>();
  for (const id of deleted) {
    const topLayer = state.original.get(id)?.layers.at(-1)?.chainId;
    if (topLayer && freed.has(topLayer) && !owner.has(topLayer)) owner.set(topLayer, id);
  }
  for (const id of deleted) {
    for (const l of state.original.get(id)?.layers ?? []) if (freed.has(l.chainId) && !owner.has(l.chainId)) owner.set(l.chainId, id);
  }
  const sizeOf = (id: string): number =>
    (state.original.get(id)?.layers ?? []).filter((l) => owner.get(l.chainId) === id).reduce((sum, l) => sum + l.size, 0);

  const deletedSet = new Set(deleted);
  for (const { ref, id } of untagged) {
    plan.items.push({ type: 'image', action: 'untag', id, name: ref, sizeBytes: 0, reason: deletedSet.has(id) ? 'unused' : 'untag-only' });
  }
  const topSet = new Set(top);
  for (const id of deleted) {
    const fact = state.original.get(id);
    const firstRef = untagged.find((u) => u.id === id)?.ref;
    plan.items.push({
      type: 'image',
      action: 'delete',
      id,
      name: firstRef ?? shortId(id),
      sizeBytes: sizeOf(id),
      reason: !topSet.has(id) ? 'parent-of-removed' : firstRef ? 'unused' : 'dangling',
      labels: fact?.labels ?? {},
      ...(fact ? { created: fact.created * 1000 } : {}),
    });
  }
  for (const id of top) {
    const image = images.get(id);
    if (!image) continue;
    const base = { type: 'image' as const, id, name: image.refs[0] ?? shortId(id) };
    if (running.has(id)) plan.kept.push({ ...base, reason: 'running', heldBy: running.get(id) ?? '' });
    else if (stopped.has(id)) plan.kept.push({ ...base, reason: 'used-by-container', heldBy: stopped.get(id) ?? '' });
    else if (image.children.size > 0) plan.kept.push({ ...base, reason: 'has-children' });
    else if (image.refs.length > 0) plan.kept.push({ ...base, reason: 'tagged' });
  }
  if (untagged.some((u) => !deletedSet.has(u.id))) plan.notes.push('image-untag-inuse');
}

const INTERNAL_CACHE_TYPES = new Set(['internal', 'frontend']);

/** `docker builder prune [-a]`: cache records not in use; without -a only private, regular ones. */
function pruneBuildCache(facts: EngineFacts, filters: LabelFilters, all: boolean, plan: Plan): void {
  if (facts.buildCache.length === 0) plan.notes.push('buildcache-empty');
  for (const r of facts.buildCache) {
    const base = { type: 'buildCache' as const, id: r.id, name: r.description || shortId(r.id) };
    if (r.inUse) plan.kept.push({ ...base, reason: 'in-use' });
    else if (!all && (r.shared || INTERNAL_CACHE_TYPES.has(r.type))) plan.kept.push({ ...base, reason: 'shared' });
    else if (filters.until !== undefined && r.lastUsed >= filters.until * 1000) plan.kept.push({ ...base, reason: 'too-new' });
    // Cache records carry no labels: a label filter matches none of them.
    else if (filters.labels.length > 0 || filters.notLabels.length > 0) plan.kept.push({ ...base, reason: 'label-mismatch' });
    else plan.items.push({ ...base, action: 'delete', sizeBytes: r.size, reason: 'unused', created: r.lastUsed });
  }
}

/** The whole prune, step by step in the order `docker system prune` runs them. */
export function planPrune(request: PruneRequest, facts: EngineFacts, filters: LabelFilters): Plan {
  const plan: Plan = { items: [], kept: [], layers: 0, notes: [] };
  const state = initialState(facts);
  const kind = request.kind;
  if (kind === 'containers' || kind === 'system') pruneContainers(state, filters, plan);
  if (kind === 'networks' || kind === 'system') pruneNetworks(state, facts, filters, plan);
  if (kind === 'volumes' || (kind === 'system' && request.volumes)) pruneVolumes(state, facts, filters, request.all, plan);
  if (kind === 'images' || kind === 'system') pruneImages(state, filters, !request.all, plan);
  if (kind === 'buildCache' || kind === 'system') pruneBuildCache(facts, filters, request.all, plan);
  return plan;
}

export function totalsOf(items: PruneItem[]): Record<PruneObjectType, PruneKindTotal> {
  const totals: Record<PruneObjectType, PruneKindTotal> = {
    container: { count: 0, untagged: 0, bytes: 0 },
    image: { count: 0, untagged: 0, bytes: 0 },
    volume: { count: 0, untagged: 0, bytes: 0 },
    network: { count: 0, untagged: 0, bytes: 0 },
    buildCache: { count: 0, untagged: 0, bytes: 0 },
  };
  for (const item of items) {
    const total = totals[item.type];
    if (item.action === 'untag') total.untagged++;
    else total.count++;
    total.bytes += item.sizeBytes;
  }
  return totals;
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
