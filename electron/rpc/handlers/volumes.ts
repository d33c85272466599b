import type { AreaHandlers } from './area';

export const volumesHandlers: AreaHandlers<'volumes', 'volumes'> = {
  services: { volumes: true },
  methods: ({ volumes }) => ({
    'volumes.list': () => volumes.list(),
    'volumes.sizes': (_params, ctx) => volumes.sizes(ctx.signal),
    'volumes.inspect': (params) => volumes.inspect(params.name),
    'volumes.create': (params) => volumes.create(params),
    'volumes.remove': async (params) => {
      await volumes.remove(params.name, params.force);
      return null;
    },
    'volumes.browse': (params, ctx) => volumes.browse(params.name, params.path, ctx.signal),
    'volumes.readFile': (params) => volumes.readFile(params.name, params.path),
    'volumes.mounts': () => volumes.mounts(),
  }),
};
