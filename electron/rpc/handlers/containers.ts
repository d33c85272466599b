import { openLogs, openStats } from '../../services/containers/streams';
import type { AreaHandlers } from './area';

export const containersHandlers: AreaHandlers<'containers', 'containers' | 'containerSessions' | 'engine'> = {
  services: { containers: true, containerSessions: true, engine: true },
  methods: ({ containers, containerSessions }) => ({
    'containers.list': (p) => containers.list(p.ids),
    'containers.check': (p) => containers.check(p.spec),
    'containers.run': (p) => containers.run(p.spec, p.start, p.keepOnFailure),
    'containers.start': (p) => containers.start(p.ids),
    'containers.stop': (p) => containers.stop(p.ids, p.timeout),
    'containers.restart': (p) => containers.restart(p.ids, p.timeout),
    'containers.kill': (p) => containers.kill(p.ids, p.signal),
    'containers.pause': (p) => containers.pause(p.ids),
    'containers.unpause': (p) => containers.unpause(p.ids),
    'containers.remove': (p) => containers.remove(p.ids, p.force, p.volumes),
    'containers.rename': (p) => containers.rename(p.id, p.name),
    'containers.inspect': (p) => containers.inspect(p.id),
    'containers.diff': (p) => containers.diff(p.id),
    'containers.copyOut': (p, ctx) => containers.copyOut(p.id, p.path, ctx.signal),
    'containers.copyIn': (p) => containers.copyIn(p.id, p.directory, p.files),
    'containers.session.open': (p) => containerSessions.open(p),
    'containers.session.input': (p) => Promise.resolve(containerSessions.input(p.session, p.data)),
    'containers.session.resize': (p) => containerSessions.resize(p.session, p.cols, p.rows),
  }),
  topics: ({ engine, containerSessions }) => ({
    'containers.logs': { open: (params, emit, end) => openLogs(engine, params, emit, end) },
    'containers.stats': { open: (params, emit, end) => openStats(engine, params.id, emit, end) },
    'containers.session': { open: (params, emit) => containerSessions.run(params.session, emit) },
  }),
};
