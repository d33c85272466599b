import { homedir } from 'node:os';
import { join } from 'node:path';

import { ComposeService } from '../services/compose/compose';
import { ContainerService } from '../services/containers/containers';
import { SessionService } from '../services/containers/sessions';
import type { EngineService } from '../services/docker/engine';
import { SystemService } from '../services/docker/system';
import { BuildService } from '../services/images/build';
import { type CredentialStore, defaultDockerConfigDir, MemoryCredentialStore } from '../services/images/credentials';
import { ImagesService } from '../services/images/images';
import { TransferService } from '../services/images/transfer';
import { JournalService } from '../services/learn/journal';
import { LearnService } from '../services/learn/learn';
import { NetworkService } from '../services/networks/networks';
import { PruneService } from '../services/prune/prune';
import { SwarmService } from '../services/swarm/swarm';
import { KubeService } from '../services/kube/kube';
import { VolumeService } from '../services/volumes/volumes';

/** Every service the router calls, built once per backend; each gets its clients through its constructor. */
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

/**
 * The credential store defaults to memory only (the browser bridge has no safeStorage); the Electron
 * main process passes an encrypted one.
 */
export function createServices(engine: EngineService, credentials: CredentialStore = new MemoryCredentialStore(), dataDir = defaultDataDir()): Services {
  const kube = new KubeService();
  return {
    engine,
    system: new SystemService(engine),
    images: new ImagesService(engine),
    transfer: new TransferService(engine, { store: credentials, dockerConfigDir: defaultDockerConfigDir() }),
    build: new BuildService(engine),
    learn: new LearnService(engine, () => kube.reader()),
    journal: new JournalService(),
    containers: new ContainerService(engine),
    containerSessions: new SessionService(engine),
    prune: new PruneService(engine),
    networks: new NetworkService(engine),
    volumes: new VolumeService(engine),
    compose: new ComposeService(engine, { projectsFile: join(dataDir, 'compose-projects.json'), backupDir: join(dataDir, 'compose-backups') }),
    swarm: new SwarmService(engine),
    kube,
  };
}

/** Where Lotse keeps what it remembers (opened Compose projects, backups): the app's data folder, or LOTSE_DATA_DIR. */
export function defaultDataDir(): string {
  return process.env.LOTSE_DATA_DIR ?? join(homedir(), '.config', 'lotse');
}

/** Stops what the services hold open (streams, helper containers, workers). */
export function disposeServices(services: Services): void {
  services.containerSessions.dispose();
  // The practice cluster Lotse started stops with it (its containers go).
  void services.kube.dispose();
  services.engine.stop();
}
