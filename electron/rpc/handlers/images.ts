import type { AreaHandlers } from './area';

export const imagesHandlers: AreaHandlers<'images', 'images' | 'transfer' | 'build'> = {
  services: { images: true, transfer: true, build: true },
  methods: ({ images, transfer, build }) => ({
    'images.list': () => images.list(),
    'images.sharedSizes': (_params, ctx) => images.sharedSizes(ctx.signal),
    'images.inspect': ({ ref }) => images.inspect(ref),
    'images.history': ({ ref }) => images.history(ref),
    'images.analyze': ({ ref }, ctx) =>
      images.analyze(ref, { signal: ctx.signal, progress: (value) => ctx.progress(value) }),
    'images.family': ({ ref }) => images.family(ref),
    'images.usage': ({ ref }) => images.usage(ref),
    'images.tag': async ({ source, target }) => {
      await images.tag(source, target);
      return { target };
    },
    'images.remove': ({ ref, force }) => images.remove(ref, force),
    'images.pull': ({ ref }, ctx) => transfer.pull(ref, { signal: ctx.signal, progress: (value) => ctx.progress(value) }),
    'images.push': ({ ref }, ctx) => transfer.push(ref, { signal: ctx.signal, progress: (value) => ctx.progress(value) }),
    'registry.accounts': () => Promise.resolve(transfer.accounts()),
    'registry.login': ({ server, username, password }) => transfer.login(server, username, password),
    'registry.logout': ({ server }) => Promise.resolve(transfer.logout(server)),
    'images.build': (params, ctx) => build.build(params, { signal: ctx.signal, progress: (line) => ctx.progress(line) }),
  }),
};
