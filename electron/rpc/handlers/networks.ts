import type { AreaHandlers } from './area';

export const networksHandlers: AreaHandlers<'networks', 'networks'> = {
  services: { networks: true },
  methods: ({ networks }) => ({
    'networks.list': () => networks.list(),
    'networks.inspect': (params) => networks.inspect(params.id),
    'networks.create': (params) => networks.create(params),
    'networks.remove': async (params) => {
      await networks.remove(params.id);
      return null;
    },
    'networks.connect': async (params) => {
      await networks.connect(params);
      return null;
    },
    'networks.disconnect': async (params) => {
      await networks.disconnect(params.network, params.container, params.force);
      return null;
    },
    'networks.interfaces': () => Promise.resolve(networks.interfaces()),
    'networks.topology': () => networks.topology(),
    'networks.dnsDemo': (params, ctx) => networks.dnsDemo(params.mode, ctx.signal),
  }),
};
