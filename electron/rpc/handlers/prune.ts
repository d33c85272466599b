import type { AreaHandlers } from './area';

export const pruneHandlers: AreaHandlers<'prune', 'prune'> = {
  services: { prune: true },
  methods: ({ prune }) => ({
    'prune.preview': (params, ctx) => prune.preview(params, ctx.signal),
    'prune.run': (params, ctx) => prune.run(params.previewId, { signal: ctx.signal, progress: (p) => ctx.progress(p) }),
    'prune.diskDetails': (params, ctx) => prune.diskDetails(params.limit, ctx.signal),
  }),
};
