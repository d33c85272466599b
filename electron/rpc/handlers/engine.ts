import type { AreaHandlers } from './area';

/** The dashboard's area: the engine's state, its counts and disk usage, its event stream. */
export const engineHandlers: AreaHandlers<'dashboard', 'engine' | 'system'> = {
  services: { engine: true, system: true },
  methods: ({ engine, system }) => ({
    'engine.state': () => Promise.resolve(engine.state),
    'engine.reconnect': () => engine.reconnect(),
    'system.counts': () => system.counts(),
    'system.df': () => system.diskUsage(),
  }),
  topics: ({ engine }) => ({
    'engine.state': {
      replayLast: true,
      open: (_params, emit) => {
        emit(engine.state);
        return engine.onState(emit);
      },
    },
    'docker.events': {
      open: (params, emit) => {
        const types = params.types ? new Set(params.types) : undefined;
        return engine.onEvent((event) => {
          if (!types || types.has(event.type)) emit(event);
        });
      },
    },
  }),
};
