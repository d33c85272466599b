import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { writeFileAtomic } from './fsutil';
import { type KObject } from './types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of the store. `old` is the object before a MODIFIED or DELETED. */
export interface StoreEvent {
  type: EventType;
  /** The resource key, `pods` for the core group and `apps/deployments` for others. */
  resource: string;
  object: KObject;
  old?: KObject;
  rv: number;
}

export class StoreError extends Error {
  constructor(
    readonly reason: 'AlreadyExists' | 'NotFound' | 'Conflict',
    message: string,
  ) {
    super(message);
  }
}

const key = (namespace: string | undefined, name: string): string => (namespace ? `${namespace}/${name}` : name);

/**
 * Persistence: a snapshot (written atomically) plus a journal of changes since it, one JSON line per change,
 * written before the change is acknowledged. A torn last line (a crash mid-write) is ignored on load.
 */
export class Journal {
  private fd: number | undefined;
  private entries = 0;
  private readonly snapshotPath: string;
  private readonly journalPath: string;

  constructor(
    dir: string,
    private readonly compactAfter = 5000,
  ) {
    mkdirSync(dir, { recursive: true });
    this.snapshotPath = join(dir, 'snapshot.json');
    this.journalPath = join(dir, 'journal.log');
  }

  load(): { rv: number; objects: Map<string, Map<string, KObject>> } {
    const objects = new Map<string, Map<string, KObject>>();
    let rv = 0;
    if (existsSync(this.snapshotPath)) {
      const snap = JSON.parse(readFileSync(this.snapshotPath, 'utf8')) as { rv: number; objects: Record<string, KObject[]> };
      rv = snap.rv;
      for (const [resource, list] of Object.entries(snap.objects)) {
        objects.set(resource, new Map(list.map((o) => [key(o.metadata.namespace, o.metadata.name ?? ''), Object.freeze(o)])));
      }
    }
    const snapshotRv = rv;
    if (existsSync(this.journalPath)) {
      for (const line of readFileSync(this.journalPath, 'utf8').split('\n')) {
        if (!line) continue;
        let entry: { rv: number; r: string; o?: KObject; d?: string };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue; // torn write at the end
        }
        if (entry.rv <= snapshotRv) continue;
        rv = Math.max(rv, entry.rv);
        let map = objects.get(entry.r);
        if (!map) objects.set(entry.r, (map = new Map<string, KObject>()));
        if (entry.o) map.set(key(entry.o.metadata.namespace, entry.o.metadata.name ?? ''), Object.freeze(entry.o));
        else if (entry.d) map.delete(entry.d);
        this.entries++;
      }
    }
    return { rv, objects };
  }

  private open(): number {
    this.fd ??= openSync(this.journalPath, 'a');
    return this.fd;
  }

  put(rv: number, resource: string, object: KObject): void {
    writeSync(this.open(), `${JSON.stringify({ rv, r: resource, o: object })}\n`);
    this.entries++;
  }

  remove(rv: number, resource: string, objectKey: string): void {
    writeSync(this.open(), `${JSON.stringify({ rv, r: resource, d: objectKey })}\n`);
    this.entries++;
  }

  needsCompaction(): boolean {
    return this.entries >= this.compactAfter;
  }

  compact(rv: number, objects: Map<string, Map<string, KObject>>): void {
    const out: Record<string, KObject[]> = {};
    for (const [resource, map] of objects) if (map.size) out[resource] = [...map.values()];
    writeFileAtomic(this.snapshotPath, JSON.stringify({ rv, objects: out }));
    // Entries up to rv are in the snapshot now; a crash before this truncation is harmless (they are skipped).
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = openSync(this.journalPath, 'w');
    this.entries = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * The object store: one global resourceVersion counter, objects frozen once stored, and a ring buffer of recent
 * events so watches can resume from a resourceVersion.
 */
export class Store {
  private readonly objects: Map<string, Map<string, KObject>>;
  private rv: number;
  private readonly ring: (StoreEvent | undefined)[];
  private ringStart = 0;
  private ringSize = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(
    private readonly journal?: Journal,
    ringCapacity = 20_000,
  ) {
    const loaded = journal?.load() ?? { rv: 0, objects: new Map<string, Map<string, KObject>>() };
    this.objects = loaded.objects;
    this.rv = loaded.rv;
    this.ring = new Array<StoreEvent | undefined>(ringCapacity);
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can resume from (events after it are all in the ring). */
  get oldestResumable(): number {
    if (this.ringSize < this.ring.length) return this.ringSize === 0 ? this.rv : (this.ring[this.ringStart]?.rv ?? this.rv) - 1;
    return this.ring[this.ringStart]?.rv ?? this.rv;
  }

  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.objects.get(resource)?.get(key(namespace, name));
  }

  /** Objects of a resource, optionally in one namespace, sorted by namespace and name. */
  list(resource: string, namespace?: string): KObject[] {
    const map = this.objects.get(resource);
    if (!map) return [];
    const all = [...map.entries()];
    const picked = namespace ? all.filter(([, o]) => o.metadata.namespace === namespace) : all;
    return picked.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  }

  count(resource: string): number {
    return this.objects.get(resource)?.size ?? 0;
  }

  resources(): string[] {
    return [...this.objects.keys()];
  }

  create(resource: string, object: KObject): KObject {
    const name = object.metadata.name ?? '';
    const k = key(object.metadata.namespace, name);
    let map = this.objects.get(resource);
    if (!map) this.objects.set(resource, (map = new Map<string, KObject>()));
    if (map.has(k)) throw new StoreError('AlreadyExists', `${resource} ${k} already exists`);
    return this.write(resource, map, k, object, 'ADDED', undefined);
  }

  /** Replaces a stored object; with `expectRv`, only when the stored resourceVersion still matches. */
  update(resource: string, object: KObject, expectRv?: string): KObject {
    const k = key(object.metadata.namespace, object.metadata.name ?? '');
    const map = this.objects.get(resource);
    const old = map?.get(k);
    if (!map || !old) throw new StoreError('NotFound', `${resource} ${k} not found`);
    if (expectRv !== undefined && expectRv !== old.metadata.resourceVersion) throw new StoreError('Conflict', 'the object has been modified');
    return this.write(resource, map, k, object, 'MODIFIED', old);
  }

  delete(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const k = key(namespace, name);
    const map = this.objects.get(resource);
    const old = map?.get(k);
    if (!map || !old) return undefined;
    map.delete(k);
    const rv = ++this.rv;
    this.journal?.remove(rv, resource, k);
    // The DELETED event carries the object with the deletion's resourceVersion, as the real API server does.
    const gone = Object.freeze({ ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } });
    this.emit({ type: 'DELETED', resource, object: gone, old, rv });
    return gone;
  }

  private write(resource: string, map: Map<string, KObject>, k: string, object: KObject, type: EventType, old: KObject | undefined): KObject {
    const rv = ++this.rv;
    const stored = deepFreeze({ ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } });
    this.journal?.put(rv, resource, stored);
    map.set(k, stored);
    this.emit({ type, resource, object: stored, old, rv });
    return stored;
  }

  private emit(event: StoreEvent): void {
    const capacity = this.ring.length;
    if (this.ringSize < capacity) {
      this.ring[(this.ringStart + this.ringSize) % capacity] = event;
      this.ringSize++;
    } else {
      this.ring[this.ringStart] = event;
      this.ringStart = (this.ringStart + 1) % capacity;
    }
    if (this.journal?.needsCompaction()) this.journal.compact(this.rv, this.objects);
    for (const listener of this.listeners) listener(event);
  }

  /** Events after `rv`, or 'expired' when the ring no longer holds all of them. */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.oldestResumable) return 'expired';
    const out: StoreEvent[] = [];
    const capacity = this.ring.length;
    for (let i = 0; i < this.ringSize; i++) {
      const event = this.ring[(this.ringStart + i) % capacity];
      if (event && event.rv > rv) out.push(event);
    }
    return out;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes a fresh snapshot and empties the journal (on a clean stop). */
  flush(): void {
    this.journal?.compact(this.rv, this.objects);
  }

  close(): void {
    this.journal?.close();
  }

  /** Removes every object (a reset); the journal records nothing, the snapshot is rewritten empty. */
  clear(): void {
    this.objects.clear();
    this.ringSize = 0;
    this.ringStart = 0;
    this.journal?.compact(this.rv, this.objects);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
