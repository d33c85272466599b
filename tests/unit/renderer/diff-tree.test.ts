import { describe, expect, it } from 'vitest';

import type { DiffEntry } from '@shared/dto/containers';

import { diffRows } from '../../../renderer/views/containers/diff-tree';

describe('the docker diff tree', () => {
  it('shows nothing changed as no rows, whatever form the nothing takes', () => {
    expect(diffRows(null)).toEqual([]);
    expect(diffRows(undefined)).toEqual([]);
    expect(diffRows([])).toEqual([]);
  });

  it('lays out paths as a tree with their kind', () => {
    expect(diffRows([{ path: '/etc', kind: 'C' }, { path: '/etc/hostname', kind: 'A' }, { path: '/bin/vi', kind: 'D' }])).toEqual([
      { path: '/etc', kind: 'C', depth: 0, base: 'etc' },
      { path: '/etc/hostname', kind: 'A', depth: 1, base: 'hostname' },
      { path: '/bin/vi', kind: 'D', depth: 1, base: 'vi' },
    ]);
  });

  it('leaves out entries without a path instead of failing', () => {
    const broken = [{ kind: 'A' }, { path: 42 }, null, { path: '/tmp', kind: 'A' }] as unknown as Partial<DiffEntry>[];
    expect(diffRows(broken)).toEqual([{ path: '/tmp', kind: 'A', depth: 0, base: 'tmp' }]);
  });
});
