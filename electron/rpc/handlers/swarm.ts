import { openServiceLogs } from '../../services/swarm/logs';
import type { AreaHandlers } from './area';

export const swarmHandlers: AreaHandlers<'swarm', 'swarm' | 'engine'> = {
  services: { swarm: true, engine: true },
  methods: ({ swarm }) => ({
    'swarm.state': () => swarm.state(),
    'swarm.snapshot': () => swarm.snapshot(),
    'swarm.addresses': () => Promise.resolve(swarm.addresses()),
    'swarm.init': (p) => swarm.init(p),
    'swarm.join': (p) => swarm.join(p),
    'swarm.leave': (p) => swarm.leave(p.force),
    'swarm.tokens': () => swarm.tokens(),
    'swarm.rotateToken': (p) => swarm.rotateToken(p.role),
    'swarm.unlockKey': () => swarm.unlockKey(),
    'swarm.setAutolock': (p) => swarm.setAutolock(p.enabled),
    'swarm.unlock': (p) => swarm.unlock(p.key),
    'swarm.nodes.update': (p) => swarm.updateNode(p),
    'swarm.nodes.drainPreview': (p) => swarm.drainPreview(p.node, p.availability),
    'swarm.nodes.remove': async (p) => {
      await swarm.removeNode(p.node, p.force);
      return null;
    },
    'swarm.services.inspect': (p) => swarm.inspectService(p.service),
    'swarm.services.check': (p) => swarm.checkService(p.form),
    'swarm.services.create': (p) => swarm.createService(p.form),
    'swarm.services.scale': (p) => swarm.scale(p.service, p.replicas),
    'swarm.services.update': (p) => swarm.updateService(p.service, p.changes),
    'swarm.services.rollback': (p) => swarm.rollback(p.service),
    'swarm.services.removePreview': (p) => swarm.removePreview(p.service),
    'swarm.services.remove': async (p) => {
      await swarm.removeService(p.service);
      return null;
    },
    'swarm.services.timeline': (p) => swarm.timeline(p.service),
    'swarm.services.loadSpread': (p) => swarm.loadSpread(p.service, p.requests, p.port),
  }),
  topics: ({ swarm, engine }) => ({
    'swarm.watch': { replayLast: true, open: (_params, emit) => swarm.watch(emit) },
    'swarm.logs': { open: (params, emit, end) => openServiceLogs(engine, params, emit, end) },
  }),
};
