import type { engineMethods, engineTopics } from '@shared/api/engine';

import type { Handlers, TopicSources } from '../router';
import type { Services } from '../services';

type EngineMethod = keyof typeof engineMethods;
type EngineTopic = keyof typeof engineTopics;

export function engineHandlers({ engine, system }: Services): Pick<Handlers, EngineMethod> {
  return {
    'engine.state': () => Promise.resolve(engine.state),
    'engine.reconnect': () => engine.reconnect(),
    'system.counts': () => system.counts(),
    'system.df': () => system.diskUsage(),
  };
}

export function engineTopicSources({ engine }: Services): Pick<TopicSources, EngineTopic> {
  return {
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
  };
}
