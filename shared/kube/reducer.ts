import type { KubeObject, WatchChange, WatchEvent } from '../dto/kube';

/**
 * A list kept current by a watch: list first, then the watch's events, applied by pure functions. An event
 * older than what the list already holds for its object is dropped, so a replayed or late event (after a
 * reconnect, from a second watch) never turns the list back.
 */
export interface ListState<T extends KubeObject = KubeObject> {
  /** By key (namespace/name). */
  readonly items: ReadonlyMap<string, T>;
  /** The list's resourceVersion, or the newest event's. */
  readonly resourceVersion: string;
  /** A watch is down: the list may be behind (with why). */
  readonly stale: boolean;
  /** How many events were dropped as stale (tests and the bench read this). */
  readonly dropped: number;
}

export const emptyList = <T extends KubeObject>(): ListState<T> => ({ items: new Map(), resourceVersion: '', stale: false, dropped: 0 });

export const keyOf = (o: { meta: { namespace?: string | undefined; name: string } }): string => (o.meta.namespace ? `${o.meta.namespace}/${o.meta.name}` : o.meta.name);

/**
 * Compares two resourceVersions: negative when a is older. The API calls them opaque, but every server
 * Lotse meets (etcd's revision, the practice cluster) hands out increasing integers; anything else
 * cannot be ordered and gives undefined (the event is then taken as it comes).
 */
export function compareResourceVersions(a: string, b: string): number | undefined {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return undefined;
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether an event about `incoming` is older than (or the same as) what the list holds. */
function isStale(current: KubeObject | undefined, incoming: KubeObject, type: WatchChange['type']): boolean {
  if (!current) return false;
  const order = compareResourceVersions(incoming.meta.resourceVersion, current.meta.resourceVersion);
  if (type === 'DELETED') {
    // A deletion of an earlier object of the same name (another uid) is old news once its successor is here.
    if (current.meta.uid !== incoming.meta.uid) return order === undefined ? false : order < 0;
    return false;
  }
  return order !== undefined && order <= 0;
}

function newer(a: string, b: string): string {
  if (!a) return b;
  const order = compareResourceVersions(a, b);
  return order !== undefined && order < 0 ? b : a;
}

/** Applies a batch of watch changes; returns the same state when nothing changed. */
export function applyChanges<T extends KubeObject>(state: ListState<T>, changes: readonly WatchChange[]): ListState<T> {
  let items: Map<string, T> | undefined;
  let resourceVersion = state.resourceVersion;
  let dropped = state.dropped;
  for (const change of changes) {
    const object = change.object as T;
    const key = keyOf(object);
    const map: ReadonlyMap<string, T> = items ?? state.items;
    const current = map.get(key);
    if (isStale(current, object, change.type)) {
      dropped++;
      continue;
    }
    resourceVersion = newer(resourceVersion, object.meta.resourceVersion);
    if (change.type === 'DELETED') {
      if (!current) continue;
      items ??= new Map(state.items);
      items.delete(key);
    } else {
      items ??= new Map(state.items);
      items.set(key, object);
    }
  }
  if (!items && dropped === state.dropped && resourceVersion === state.resourceVersion) return state;
  return { items: items ?? state.items, resourceVersion, stale: state.stale, dropped };
}

/** A whole list replaces what was known (first list, re-list after 410 or a reconnect). */
export function resetList<T extends KubeObject>(items: readonly T[], resourceVersion: string, dropped = 0): ListState<T> {
  return { items: new Map(items.map((o) => [keyOf(o), o])), resourceVersion, stale: false, dropped };
}

/** One event of a watch subscription applied to the list. */
export function applyWatchEvent<T extends KubeObject>(state: ListState<T>, event: WatchEvent): ListState<T> {
  switch (event.kind) {
    case 'reset':
      return resetList(event.items as T[], event.resourceVersion, state.dropped);
    case 'changes': {
      const next = applyChanges(state, event.changes);
      return next.stale ? { ...next, stale: false } : next;
    }
    case 'stale':
      return state.stale ? state : { ...state, stale: true };
  }
}

/** The list's objects, sorted by namespace and name. */
export function listItems<T extends KubeObject>(state: ListState<T>): T[] {
  return [...state.items.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
