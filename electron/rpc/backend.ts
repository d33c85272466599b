import { type EndpointCandidate, resolveEndpoints, systemResolveInput } from '../services/docker/endpoints';
import { EngineService } from '../services/docker/engine';
import type { CredentialStore } from '../services/images/credentials';
import { wireAreas } from './handlers';
import { Router } from './router';
import { ServiceRegistry } from './services';

export interface BackendOptions {
  version: string;
  /** Overrides where the engine is looked for (tests point this at a private engine). */
  resolve?: () => EndpointCandidate[];
  strictResults?: boolean;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Where registry logins made in Lotse are kept; memory only unless the host can encrypt. */
  credentials?: CredentialStore;
  /** The app's data folder (Electron's userData); default: LOTSE_DATA_DIR or ~/.config/lotse. */
  dataDir?: string;
}

export interface Backend {
  router: Router;
  engine: EngineService;
  services: ServiceRegistry;
  close(): void;
}

/** Wires the services to the router; both the Electron main process and the bridge use this. */
export function createBackend(options: BackendOptions): Backend {
  const engine = new EngineService({
    resolve: options.resolve ?? (() => resolveEndpoints(systemResolveInput())),
    ...(options.initialBackoffMs === undefined ? {} : { initialBackoffMs: options.initialBackoffMs }),
    ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
  });
  const services = new ServiceRegistry(engine, options.credentials, options.dataDir);

  const router = new Router({
    areas: wireAreas(services),
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
      services.dispose();
    },
  };
}

/**
 * The last net for both backend processes (the Electron main process and the browser bridge): an
 * error that slipped past every handler is logged and the backend keeps serving the other windows
 * and tabs. Each request path catches its own errors; this is only for what nobody foresaw.
 */
export function keepServing(log: (message: string, error: unknown) => void = (message, error) => console.error(message, error)): void {
  process.on('uncaughtException', (error) => log('Lotse: an error no handler caught; the backend keeps serving.', error));
  process.on('unhandledRejection', (reason) => log('Lotse: a failed promise nobody waited for; the backend keeps serving.', reason));
}
