import { z } from 'zod';

import { DiskDetails, PrunePreview, PruneProgress, PruneRequest, PruneResult, PruneRunRequest } from '../dto/prune';
import type { MethodSpec, TopicSpec } from './common';

/** Prune with an exact preview, and the biggest items behind `docker system df`. */
export const pruneMethods = {
  'prune.preview': {
    summary: "Exactly what a prune would remove and the space it gives back, by the engine's own rules; changes nothing.",
    params: PruneRequest,
    result: PrunePreview,
  },
  'prune.run': {
    summary:
      "Removes exactly the items of a confirmed preview, one by one through the engine's remove endpoints (progress per object, cancellable); what changed since is skipped with its reason, new objects are not touched.",
    params: PruneRunRequest,
    result: PruneResult,
    progress: PruneProgress,
  },
  'prune.diskDetails': {
    summary: 'The biggest images, containers, volumes and build cache records from /system/df.',
    params: z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict(),
    result: DiskDetails,
  },
} as const satisfies Record<string, MethodSpec>;

export const pruneTopics = {} as const satisfies Record<string, TopicSpec>;
