import type { DiskDetails, DiskItem } from '@shared/dto/prune';
import { containerDisplayName } from '@shared/rules/containers';

import { summarizeDiskUsage } from '../docker/system';
import { type RawDf, refsOf } from './facts';

/** The biggest images, containers, volumes and build cache records of one /system/df answer. */
export function diskDetailsOf(df: RawDf, limit: number): DiskDetails {
  const top = (items: DiskItem[]): DiskItem[] => items.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, limit);
  return {
    usage: summarizeDiskUsage(df),
    images: top(
      (df.Images ?? []).map((i) => ({
        type: 'image',
        id: i.Id,
        name: refsOf(i).find((r) => !r.includes('@')) ?? i.Id.replace(/^sha256:/, '').slice(0, 12),
        sizeBytes: i.Size ?? 0,
        reclaimable: (i.Containers ?? 0) === 0,
      })),
    ),
    containers: top(
      (df.Containers ?? []).map((c) => ({
        type: 'container',
        id: c.Id,
        name: containerDisplayName(c),
        sizeBytes: Math.max(0, c.SizeRw ?? 0),
        reclaimable: !['running', 'paused', 'restarting'].includes(c.State ?? ''),
      })),
    ),
    volumes: top(
      (df.Volumes ?? []).map((v) => ({
        type: 'volume',
        id: v.Name,
        name: v.Name,
        sizeBytes: Math.max(0, v.UsageData?.Size ?? 0),
        reclaimable: (v.UsageData?.RefCount ?? 0) === 0,
      })),
    ),
    buildCache: top(
      (df.BuildCache ?? []).map((b) => ({
        type: 'buildCache',
        id: b.ID,
        name: b.Description || b.ID.slice(0, 12),
        sizeBytes: b.Size ?? 0,
        reclaimable: !b.InUse,
      })),
    ),
  };
}
