import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { Journal, Store } from '../../../electron/practice-cluster/store';
import type { KObject } from '../../../electron/practice-cluster/types';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'lotse-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const cm = (name: string, data = 'x'): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k: data } });

describe('store', () => {
  it('stamps one global resourceVersion and freezes what it keeps', () => {
    const store = new Store();
    const a = store.create('configmaps', cm('a'));
    const b = store.create('configmaps', cm('b'));
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion]).toEqual(['1', '2']);
    expect(Object.isFrozen(a.metadata)).toBe(true);
    expect(() => store.create('configmaps', cm('a'))).toThrow(/already exists/);
    expect(() => store.update('configmaps', cm('a', 'y'), '99')).toThrow(/modified/);
    expect(store.update('configmaps', cm('a', 'y'), '1').metadata.resourceVersion).toBe('3');
  });

  it('replays events after a resourceVersion and says expired when the ring lost them', () => {
    const store = new Store(undefined, 3);
    for (const n of ['a', 'b', 'c', 'd']) store.create('configmaps', cm(n));
    const since = (rv: number) => {
      const events = store.eventsSince(rv);
      if (events === 'expired') throw new Error('expired');
      return events;
    };
    expect(since(2).map((e) => e.object.metadata.name)).toEqual(['c', 'd']);
    expect(store.eventsSince(0)).toBe('expired');
    const deleted = store.delete('configmaps', 'default', 'd');
    expect(deleted?.metadata.resourceVersion).toBe('5');
    expect(since(4).map((e) => e.type)).toEqual(['DELETED']);
  });

  it('persists through the journal, ignores a torn last line, and survives compaction', () => {
    const dir = tmp();
    const first = new Store(new Journal(dir, 3));
    for (const n of ['a', 'b', 'c', 'd']) first.create('configmaps', cm(n));
    first.delete('configmaps', 'default', 'b');
    first.close();
    appendFileSync(join(dir, 'journal.log'), '{"rv":99,"r":"configmaps","o":{"metad');
    const second = new Store(new Journal(dir, 3));
    expect(second.list('configmaps').map((o) => o.metadata.name)).toEqual(['a', 'c', 'd']);
    expect(second.resourceVersion).toBe(5);
    // After a restart nothing can be replayed: a watch from an older version must relist.
    expect(second.eventsSince(4)).toBe('expired');
    expect(second.eventsSince(5)).toEqual([]);
  });
});
