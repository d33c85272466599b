import type { DiffEntry } from '@shared/dto/containers';

export interface DiffRow {
  path: string;
  kind: DiffEntry['kind'];
  /** How deep the path lies below `/` (0 for `/etc`). */
  depth: number;
  /** The last part of the path, shown in the tree. */
  base: string;
}

/**
 * `docker diff` as the rows of a tree. Nothing (the engine's `null` for an unchanged container) is
 * no rows, and an entry without a path is left out rather than taking the view down.
 */
export function diffRows(diff: readonly (Partial<DiffEntry> | null)[] | null | undefined): DiffRow[] {
  if (!Array.isArray(diff)) return [];
  const entries = diff as readonly (Partial<DiffEntry> | null)[];
  return entries.flatMap((entry): DiffRow[] => {
    const path = entry?.path;
    if (typeof path !== 'string' || !path.startsWith('/')) return [];
    const kind = entry?.kind === 'A' || entry?.kind === 'D' ? entry.kind : 'C';
    return [{ path, kind, depth: Math.max(0, path.split('/').length - 2), base: path.slice(path.lastIndexOf('/') + 1) || '/' }];
  });
}
