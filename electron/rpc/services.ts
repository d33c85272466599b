import type { EngineService } from '../services/docker/engine';
import { SystemService } from '../services/docker/system';

/** Every service the router calls, built once per backend; each gets its clients through its constructor. */
export interface Services {
  engine: EngineService;
  system: SystemService;
}

export function createServices(engine: EngineService): Services {
  return {
    engine,
    system: new SystemService(engine),
  };
}

/** Stops what the services hold open (streams, helper containers, workers). */
export function disposeServices(services: Services): void {
  services.engine.stop();
}
