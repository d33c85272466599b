import { type EndpointCandidate, resolveEndpoints, systemResolveInput } from '../services/docker/endpoints';
import { EngineService } from '../services/docker/engine';
import type { CredentialStore } from '../services/images/credentials';
import { wireAreas } from './handlers';
import { Router } from './router';
import { createServices, disposeServices, type Services } from './services';

export interface BackendOptions {
  version: string;
  /** Overrides where the engine is looked for (tests point this at a private engine). */
  resolve?: () => EndpointCandidate[];
  strictResults?: boolean;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Where registry logins made in Lotse are kept; memory only unless the host can encrypt. */
  credentials?: CredentialStore;
}

export interface Backend {
  router: Router;
  engine: EngineService;
  services: Services;
  close(): void;
}

/** Wires the services to the router; both the Electron main process and the bridge use this. */
export function createBackend(options: BackendOptions): Backend {
  const engine = new EngineService({
    resolve: options.resolve ?? (() => resolveEndpoints(systemResolveInput())),
    ...(options.initialBackoffMs === undefined ? {} : { initialBackoffMs: options.initialBackoffMs }),
    ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
  });
  const services = createServices(engine, options.credentials);

  const { handlers, topics } = wireAreas(services);
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
    services,
    close: () => {
      router.close();
      disposeServices(services);
    },
  };
}
