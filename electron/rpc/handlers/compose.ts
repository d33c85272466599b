import { openProjectLogs } from '../../services/compose/logs';
import type { AreaHandlers } from './area';

export const composeHandlers: AreaHandlers<'compose', 'compose' | 'engine'> = {
  services: { compose: true, engine: true },
  methods: ({ compose }) => ({
    'compose.cli': (p) => compose.cli(p.refresh),
    'compose.projects': (p) => compose.projects(p.projects),
    'compose.open': ({ projectName, ...rest }) => compose.open({ ...rest, name: projectName }),
    'compose.analyze': (p) => compose.analysis(p.project, p.overrides),
    'compose.save': (p) => Promise.resolve(compose.save(p.project, p.path, p.text, p.version)),
    'compose.forget': (p) => Promise.resolve({ forgotten: compose.forget(p.project) }),
    'compose.run': (p, ctx) => compose.run(p.project, p.action, ctx.signal, (line) => ctx.progress(line)),
    'compose.downPreview': (p) => compose.downPreview(p.project),
  }),
  topics: ({ engine }) => ({
    'compose.logs': { open: (params, emit, end) => openProjectLogs(engine, params, emit, end) },
  }),
};
