import type { PruneItem, PruneSkipped } from '@shared/dto/prune';

import type { EngineFacts, Plan } from './rules';

/**
 * One object's identity across two evaluations: containers, networks, images and cache records by
 * id; an untag by image and tag; a volume by name and creation time (a volume removed and created
 * again under the same name is another volume).
 */
export function itemKey(item: PruneItem): string {
  if (item.type === 'image') return item.action === 'untag' ? `image:untag:${item.id}:${item.name}` : `image:delete:${item.id}`;
  if (item.type === 'volume') return `volume:${item.id}:${item.created ?? ''}`;
  return `${item.type}:${item.id}`;
}

export interface Confirmation {
  /** Previewed objects the rules still remove, in the preview's order, with their sizes as they are now. */
  confirmed: PruneItem[];
  /** Previewed objects that changed since, with the reason. */
  skipped: PruneSkipped[];
  /** Objects the rules remove now that the preview did not show: they stay. */
  untouched: PruneItem[];
}

/** Compares the confirmed preview with the same request evaluated on the engine's state now. */
export function confirmPreview(previewed: PruneItem[], now: Plan, facts: EngineFacts): Confirmation {
  const current = new Map(now.items.map((item) => [itemKey(item), item]));
  const shown = new Set(previewed.map(itemKey));
  const kept = new Map(now.kept.map((k) => [`${k.type}:${k.id}`, k]));
  // Deleting an image takes its tags: one tagged since the preview would lose a tag nobody saw go.
  const untags = new Set(previewed.filter((i) => i.type === 'image' && i.action === 'untag').map((i) => `${i.id}:${i.name}`));
  const newlyTagged = (item: PruneItem): boolean =>
    item.type === 'image' &&
    item.action === 'delete' &&
    (facts.images.find((i) => i.id === item.id)?.refs ?? []).some((ref) => !untags.has(`${item.id}:${ref}`));
  const confirmed: PruneItem[] = [];
  const skipped: PruneSkipped[] = [];
  for (const item of previewed) {
    const match = current.get(itemKey(item));
    if (match && newlyTagged(item)) {
      skipped.push({ item, reason: 'tagged' });
      continue;
    }
    if (match) {
      confirmed.push({ ...item, sizeBytes: match.sizeBytes });
      continue;
    }
    const changed = changeOf(item, facts);
    const held = changed ? undefined : kept.get(`${item.type}:${item.id}`);
    if (held) skipped.push({ item, reason: held.reason, ...(held.heldBy ? { heldBy: held.heldBy } : {}) });
    else skipped.push({ item, reason: changed ?? fallbackReason(item, facts) });
  }
  const untouched = now.items.filter((item) => !shown.has(itemKey(item)));
  return { confirmed, skipped, untouched };
}

/** 'gone', 'replaced' or 'changed' when the object itself is not the one the preview showed. */
function changeOf(item: PruneItem, facts: EngineFacts): string | undefined {
  switch (item.type) {
    case 'container':
      return facts.containers.some((c) => c.id === item.id) ? undefined : 'gone';
    case 'network':
      return facts.networks.some((n) => n.id === item.id) ? undefined : 'gone';
    case 'buildCache':
      return facts.buildCache.some((b) => b.id === item.id) ? undefined : 'gone';
    case 'volume': {
      const volume = facts.volumes.find((v) => v.name === item.id);
      if (!volume) return 'gone';
      return volume.created === item.created ? undefined : 'replaced';
    }
    case 'image': {
      const image = facts.images.find((i) => i.id === item.id);
      if (!image) return 'gone';
      if (item.action === 'untag' && !image.refs.includes(item.name)) {
        return facts.images.some((i) => i.refs.includes(item.name)) ? 'changed' : 'gone';
      }
      return undefined;
    }
  }
}

/** The object is still there and the rules keep it without naming a reason (an image that now has children). */
function fallbackReason(item: PruneItem, facts: EngineFacts): string {
  if (item.type === 'image' && facts.images.some((i) => i.parentId === item.id)) return 'has-children';
  return 'changed';
}
