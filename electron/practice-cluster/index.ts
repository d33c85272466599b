import type Docker from 'dockerode';

import { PracticeCluster, type ClusterOptions } from './cluster';
import { DisruptionController, EndpointsController, EventReaper, GarbageCollector, NamespaceController, Scheduler } from './controllers/cluster-controllers';
import { workloadSubresources } from './controllers/subresources';
import { DaemonSetController, DeploymentController, ReplicaSetController } from './controllers/workloads';
import { DockerKubelet } from './runtime/kubelet';
import { NodePorts } from './runtime/nodeports';
import { StreamServer } from './runtime/streams';

export { PracticeCluster } from './cluster';
export type { ClusterOptions } from './cluster';

export interface CreateOptions extends ClusterOptions {
  /** `docker` runs pods as containers on the engine; `none` keeps them as objects only. */
  runtime?: 'docker' | 'none';
  /** The engine (default: dockerode's defaults, i.e. DOCKER_HOST or the local socket). */
  docker?: Docker;
}

export type RunningCluster = PracticeCluster & {
  kubelet?: DockerKubelet;
  /** What a reset would remove: objects per resource and the containers on the engine. */
  resetPreview(): Promise<{ objects: Record<string, number>; containers: number }>;
  /** Removes every object and container; the cluster then starts over as fresh. */
  reset(): Promise<void>;
};

/** A practice cluster with its controllers, scheduler and (with a runtime) kubelet and node ports. */
export async function createPracticeCluster(options: CreateOptions): Promise<RunningCluster> {
  // dockerode (and what it loads) only when pods run as containers.
  const docker = options.runtime === 'docker' ? (options.docker ?? new (await import('dockerode')).default()) : undefined;
  const nodeFacts = options.nodeFacts ?? (docker ? await DockerKubelet.facts(docker) : undefined);
  const cluster = new PracticeCluster({ ...options, ...(nodeFacts ? { nodeFacts } : {}) }) as RunningCluster;
  Object.assign(cluster.subresources, workloadSubresources(cluster));
  cluster.add(new NamespaceController(cluster, cluster.pki.caCert));
  cluster.add(new GarbageCollector(cluster));
  cluster.add(new DeploymentController(cluster));
  cluster.add(new ReplicaSetController(cluster));
  cluster.add(new DaemonSetController(cluster));
  cluster.add(new Scheduler(cluster));
  cluster.add(new EndpointsController(cluster));
  cluster.add(new DisruptionController(cluster));
  cluster.add(new EventReaper(cluster));
  if (docker) {
    const kubelet = new DockerKubelet(cluster, docker);
    cluster.kubelet = kubelet;
    cluster.subresources.log = (ctx, pod) => kubelet.log(ctx, pod);
    const streams = new StreamServer(cluster, kubelet);
    cluster.upgradeHandlers.push((req, socket, head, user) => streams.handle(req, socket, head, user));
    cluster.add(kubelet);
    cluster.add(new NodePorts(cluster));
  }
  cluster.resetPreview = async () => {
    const objects: Record<string, number> = {};
    for (const resource of cluster.store.resources()) {
      const n = cluster.store.count(resource);
      if (n) objects[resource] = n;
    }
    return { objects, containers: (await cluster.kubelet?.containers())?.length ?? 0 };
  };
  cluster.reset = async () => {
    await cluster.kubelet?.removeContainers();
    cluster.store.clear();
    cluster.bootstrap();
  };
  return cluster;
}
