import { z } from 'zod';

import { ErrorData } from '../errors';

/** Where the engine was found, in the order the docker CLI looks. */
export const EndpointSource = z.enum([
  'DOCKER_HOST',
  'docker-context',
  'default-socket',
  'docker-desktop',
  'rootless',
  'podman',
]);
export type EndpointSource = z.infer<typeof EndpointSource>;

export const Endpoint = z.object({
  kind: z.enum(['unix', 'tcp', 'npipe']),
  /** Socket path, pipe path or host:port. */
  address: z.string(),
  tls: z.boolean(),
  source: EndpointSource,
  /** The docker context's name when the endpoint came from one. */
  context: z.string().optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const EngineInfo = z.object({
  name: z.string(),
  product: z.enum(['docker', 'podman']),
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  osType: z.string(),
  kernelVersion: z.string(),
  architecture: z.string(),
  storageDriver: z.string(),
  rootless: z.boolean(),
  cpus: z.number(),
  memoryBytes: z.number(),
  swarm: z.enum(['inactive', 'pending', 'active', 'error', 'locked']),
});
export type EngineInfo = z.infer<typeof EngineInfo>;

export const EngineState = z.object({
  status: z.enum(['connecting', 'connected', 'disconnected']),
  /** True once any connection succeeded since start: decides between onboarding and a banner. */
  everConnected: z.boolean(),
  endpoint: Endpoint.optional(),
  info: EngineInfo.optional(),
  error: ErrorData.optional(),
  /** Milliseconds until the next attempt while disconnected. */
  retryInMs: z.number().optional(),
  attempt: z.number(),
});
export type EngineState = z.infer<typeof EngineState>;

export const ResourceCounts = z.object({
  images: z.number(),
  containers: z.object({
    total: z.number(),
    running: z.number(),
    paused: z.number(),
    stopped: z.number(),
  }),
  networks: z.number(),
  volumes: z.number(),
});
export type ResourceCounts = z.infer<typeof ResourceCounts>;

export const DiskUsageEntry = z.object({
  count: z.number(),
  active: z.number(),
  sizeBytes: z.number(),
  reclaimableBytes: z.number(),
});
export type DiskUsageEntry = z.infer<typeof DiskUsageEntry>;

export const DiskUsage = z.object({
  images: DiskUsageEntry,
  containers: DiskUsageEntry,
  volumes: DiskUsageEntry,
  buildCache: DiskUsageEntry,
});
export type DiskUsage = z.infer<typeof DiskUsage>;

export const EngineEvent = z.object({
  /** container, image, network, volume, plugin, daemon, service, node, secret, config */
  type: z.string(),
  action: z.string(),
  id: z.string(),
  name: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  scope: z.string().optional(),
  /** Epoch milliseconds. */
  time: z.number(),
});
export type EngineEvent = z.infer<typeof EngineEvent>;
