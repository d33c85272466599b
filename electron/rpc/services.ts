import { homedir } from 'node:os';
import { join } from 'node:path';

import type { ComposeService } from '../services/compose/compose';
import type { ContainerService } from '../services/containers/containers';
import type { SessionService } from '../services/containers/sessions';
import type { EngineService } from '../services/docker/engine';
import type { SystemService } from '../services/docker/system';
import type { BuildService } from '../services/images/build';
import { type CredentialStore, defaultDockerConfigDir, MemoryCredentialStore } from '../services/images/credentials';
import type { ImagesService } from '../services/images/images';
import type { TransferService } from '../services/images/transfer';
import type { JournalService } from '../services/learn/journal';
import type { LearnService } from '../services/learn/learn';
import type { NetworkService } from '../services/networks/networks';
import type { PruneService } from '../services/prune/prune';
import type { SwarmService } from '../services/swarm/swarm';
import type { KubeService } from '../services/kube/kube';
import type { VolumeService } from '../services/volumes/volumes';

/** Every service the router calls; each gets its clients through its constructor. */
export interface Services {
  engine: EngineService;
  system: SystemService;
  images: ImagesService;
  transfer: TransferService;
  build: BuildService;
  learn: LearnService;
  journal: JournalService;
  containers: ContainerService;
  containerSessions: SessionService;
  prune: PruneService;
  networks: NetworkService;
  volumes: VolumeService;
  compose: ComposeService;
  swarm: SwarmService;
  kube: KubeService;
}

export type ServiceName = keyof Services;
type Made = Exclude<ServiceName, 'engine'>;

/**
 * How each service is made. Its module loads only then: the code and the data of an area a learner
 * never opens cost the backend nothing.
 */
const makers: { [K in Made]: (registry: ServiceRegistry) => Promise<Services[K]> } = {
  system: async ({ engine }) => new (await import('../services/docker/system')).SystemService(engine),
  images: async ({ engine }) => new (await import('../services/images/images')).ImagesService(engine),
  transfer: async ({ engine, credentials }) =>
    new (await import('../services/images/transfer')).TransferService(engine, { store: credentials, dockerConfigDir: defaultDockerConfigDir() }),
  build: async ({ engine }) => new (await import('../services/images/build')).BuildService(engine),
  // Exercise 14 reads the cluster the learner works with; the Kubernetes service is made when it is asked.
  learn: async (registry) => new (await import('../services/learn/learn')).LearnService(registry.engine, async () => (await registry.get('kube')).reader()),
  journal: async () => new (await import('../services/learn/journal')).JournalService(),
  containers: async ({ engine }) => new (await import('../services/containers/containers')).ContainerService(engine),
  containerSessions: async ({ engine }) => new (await import('../services/containers/sessions')).SessionService(engine),
  prune: async ({ engine }) => new (await import('../services/prune/prune')).PruneService(engine),
  networks: async ({ engine }) => new (await import('../services/networks/networks')).NetworkService(engine),
  volumes: async ({ engine }) => new (await import('../services/volumes/volumes')).VolumeService(engine),
  compose: async ({ engine, dataDir }) =>
    new (await import('../services/compose/compose')).ComposeService(engine, { projectsFile: join(dataDir, 'compose-projects.json'), backupDir: join(dataDir, 'compose-backups') }),
  swarm: async ({ engine }) => new (await import('../services/swarm/swarm')).SwarmService(engine),
  kube: async () => new (await import('../services/kube/kube')).KubeService(),
};

/**
 * The services of one backend, each made once on first use and shared by every area that uses it.
 * The credential store defaults to memory only (the browser bridge has no safeStorage); the Electron
 * main process passes an encrypted one.
 */
export class ServiceRegistry {
  private readonly making = new Map<Made, Promise<unknown>>();
  private readonly made: Partial<Services> = {};

  constructor(
    readonly engine: EngineService,
    readonly credentials: CredentialStore = new MemoryCredentialStore(),
    readonly dataDir = defaultDataDir(),
  ) {}

  get<K extends Made>(name: K): Promise<Services[K]> {
    let service = this.making.get(name) as Promise<Services[K]> | undefined;
    if (!service) {
      const started = makers[name](this).then((made) => (this.made[name] = made));
      service = started;
      this.making.set(name, started);
      // A module that failed to load is tried again by the next caller.
      started.catch(() => this.making.get(name) === started && this.making.delete(name));
    }
    return service;
  }

  /** The named services, made if they are not yet. */
  async pick<K extends ServiceName>(names: readonly K[]): Promise<Pick<Services, K>> {
    const picked: Partial<Services> = {};
    await Promise.all(names.map(async (name) => Object.assign(picked, { [name]: name === 'engine' ? this.engine : await this.get(name) })));
    return picked as Pick<Services, K>;
  }

  /** Stops what the services made so far hold open (streams, helper containers, workers). */
  dispose(): void {
    this.made.containerSessions?.dispose();
    // The practice cluster Lotse started stops with it (its containers go).
    void this.made.kube?.dispose();
    this.engine.stop();
  }
}

/** Where Lotse keeps what it remembers (opened Compose projects, backups): the app's data folder, or LOTSE_DATA_DIR. */
export function defaultDataDir(): string {
  return process.env.LOTSE_DATA_DIR ?? join(homedir(), '.config', 'lotse');
}
