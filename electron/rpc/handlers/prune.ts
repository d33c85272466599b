import type { pruneMethods } from '@shared/api/prune';

import type { Handlers } from '../router';
import type { Services } from '../services';

type PruneMethod = keyof typeof pruneMethods;

export function pruneHandlers({ prune }: Services): Pick<Handlers, PruneMethod> {
  return {
    'prune.preview': (params, ctx) => prune.preview(params, ctx.signal),
    'prune.run': (params, ctx) => prune.run(params.previewId, { signal: ctx.signal, progress: (p) => ctx.progress(p) }),
    'prune.diskDetails': (params, ctx) => prune.diskDetails(params.limit, ctx.signal),
  };
}
