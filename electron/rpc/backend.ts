import { type EndpointCandidate, resolveEndpoints, systemResolveInput } from '../services/docker/endpoints';
import { EngineService } from '../services/docker/engine';
import { SystemService } from '../services/docker/system';
import { type Handlers, Router, type TopicSources } from './router';

export interface BackendOptions {
  version: string;
  /** Overrides where the engine is looked for (tests point this at a private engine). */
  resolve?: () => EndpointCandidate[];
  strictResults?: boolean;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface Backend {
  router: Router;
  engine: EngineService;
  close(): void;
}

/** Wires the services to the router; both the Electron main process and the bridge use this. */
export function createBackend(options: BackendOptions): Backend {
  const engine = new EngineService({
    resolve: options.resolve ?? (() => resolveEndpoints(systemResolveInput())),
    ...(options.initialBackoffMs === undefined ? {} : { initialBackoffMs: options.initialBackoffMs }),
    ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
  });
  const system = new SystemService(engine);

  const handlers: Handlers = {
    'engine.state': () => Promise.resolve(engine.state),
    'engine.reconnect': () => engine.reconnect(),
    'system.counts': () => system.counts(),
    'system.df': (_params, ctx) => system.diskUsage(ctx.signal),
  };

  const topics: TopicSources = {
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

  const router = new Router({
    handlers,
    topics,
    version: options.version,
    ...(options.strictResults === undefined ? {} : { strictResults: options.strictResults }),
  });
  engine.start();
  return {
    router,
    engine,
    close: () => {
      router.close();
      engine.stop();
    },
  };
}
