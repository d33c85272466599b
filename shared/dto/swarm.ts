import { z } from 'zod';

import { ErrorData } from '../errors';
import { ImageReference, NetworkRef } from '../rules/names';
import { LocalAddress, NodeLabelKey, NodeRef, ServiceName } from '../rules/swarm-names';

// ---------------------------------------------------------------------------------------------
// The swarm itself

/** `docker info` → Swarm.LocalNodeState: where this engine stands. */
export const SwarmLocalState = z.enum(['inactive', 'pending', 'active', 'locked', 'error']);
export type SwarmLocalState = z.infer<typeof SwarmLocalState>;

export const SwarmState = z.object({
  localState: SwarmLocalState,
  /** This engine's node id ('' outside a swarm). */
  nodeId: z.string(),
  nodeAddr: z.string(),
  /** This engine is a manager: it can list nodes, services and tasks, and change them. */
  manager: z.boolean(),
  /** This engine is the leader of the managers. */
  leader: z.boolean(),
  clusterId: z.string(),
  managers: z.number(),
  nodes: z.number(),
  /** The engine's own words when the state is error (or a join is pending). */
  error: z.string(),
  remoteManagers: z.array(z.object({ nodeId: z.string(), addr: z.string() })),
  /** Managers only: autolock on (a restarted manager needs the unlock key). */
  autolock: z.boolean(),
  /** Managers only: how many old tasks per slot the swarm keeps (docker service ps history). */
  taskHistoryLimit: z.number(),
  /** Epoch ms; managers only. */
  createdAt: z.number().optional(),
});
export type SwarmState = z.infer<typeof SwarmState>;

/** An address of this machine a swarm could advertise. */
export const AddressCandidate = z.object({ interface: z.string(), address: z.string(), family: z.enum(['IPv4', 'IPv6']), internal: z.boolean() });
export type AddressCandidate = z.infer<typeof AddressCandidate>;

export const InitRequest = z
  .object({
    advertiseAddr: LocalAddress,
    /** Where the manager listens for the others (default 0.0.0.0:2377). */
    listenAddr: LocalAddress.optional(),
    /** Address pools overlay networks get their subnets from, in CIDR form. */
    defaultAddrPool: z.array(z.string().trim().max(64)).max(16).default([]),
    autolock: z.boolean().default(false),
  })
  .strict();
export type InitRequest = z.infer<typeof InitRequest>;
export type InitRequestInput = z.input<typeof InitRequest>;

export const JoinTokens = z.object({ worker: z.string(), manager: z.string() });
export type JoinTokens = z.infer<typeof JoinTokens>;

// ---------------------------------------------------------------------------------------------
// Nodes

export const NodeAvailability = z.enum(['active', 'pause', 'drain']);
export type NodeAvailability = z.infer<typeof NodeAvailability>;
export const NodeRole = z.enum(['manager', 'worker']);
export type NodeRole = z.infer<typeof NodeRole>;

export const NodeSummary = z.object({
  id: z.string(),
  hostname: z.string(),
  role: NodeRole,
  leader: z.boolean(),
  /** reachable | unreachable | unknown for managers, '' for workers. */
  reachability: z.string(),
  availability: NodeAvailability,
  /** ready | down | disconnected | unknown. */
  status: z.string(),
  statusMessage: z.string(),
  address: z.string(),
  engineVersion: z.string(),
  os: z.string(),
  architecture: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  labels: z.record(z.string(), z.string()),
  engineLabels: z.record(z.string(), z.string()),
  /** The engine Lotse is connected to. */
  self: z.boolean(),
  version: z.number(),
});
export type NodeSummary = z.infer<typeof NodeSummary>;

export const NodeUpdate = z
  .object({
    node: NodeRef,
    availability: NodeAvailability.optional(),
    role: NodeRole.optional(),
    labelsAdd: z.record(NodeLabelKey, z.string().max(1024)).default({}),
    labelsRemove: z.array(NodeLabelKey).max(100).default([]),
  })
  .strict();
export type NodeUpdate = z.infer<typeof NodeUpdate>;
export type NodeUpdateInput = z.input<typeof NodeUpdate>;

/** Why a node cannot take a task. */
export const PlacementBlocker = z.enum(['unavailable', 'constraint', 'resources', 'imageMissing', 'maxReplicas', 'global']);
export type PlacementBlocker = z.infer<typeof PlacementBlocker>;

export const PlacementCandidate = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  fits: z.boolean(),
  blockers: z.array(z.object({ kind: PlacementBlocker, detail: z.string() })),
  /** yes: a task of this image ran there, or it is this engine and has it; no: a task there failed for want of it. */
  image: z.enum(['present', 'missing', 'unknown']),
  /** How many more tasks of the service it can take (reservations, max per node); null: no limit. */
  room: z.number().nullable(),
});
export type PlacementCandidate = z.infer<typeof PlacementCandidate>;

/** What setting a node to drain (or pause) will do, read before it is done. */
export const DrainPreview = z.object({
  node: z.object({ id: z.string(), hostname: z.string() }),
  availability: NodeAvailability,
  services: z.array(
    z.object({
      serviceId: z.string(),
      serviceName: z.string(),
      mode: z.enum(['replicated', 'global']),
      /** Tasks of this service that stop on the node. */
      leaving: z.array(z.object({ taskId: z.string(), slot: z.number().optional(), image: z.string() })),
      /** moves: another node takes them; pending: no node can, they wait; stops: a global task just ends. */
      outcome: z.enum(['moves', 'pending', 'stops']),
      candidates: z.array(PlacementCandidate),
      /** Every running task of the service is on this node: nothing answers until the replacements run. */
      downtime: z.boolean(),
    }),
  ),
  /** Containers on this engine that no service made (docker run, Compose): a drain leaves them alone. */
  plainContainers: z.number().optional(),
});
export type DrainPreview = z.infer<typeof DrainPreview>;

// ---------------------------------------------------------------------------------------------
// Services and tasks

export const ServiceMode = z.enum(['replicated', 'global']);
export type ServiceMode = z.infer<typeof ServiceMode>;

export const PortMode = z.enum(['ingress', 'host']);
export type PortMode = z.infer<typeof PortMode>;

export const ServicePort = z.object({
  /** Empty for ingress: the swarm picks one from 30000–32767. */
  published: z.number().int().min(1).max(65535).optional(),
  target: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  mode: PortMode.default('ingress'),
});
export type ServicePort = z.infer<typeof ServicePort>;

export const ServiceMount = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs']),
  /** Volume name or host path; none for tmpfs or an anonymous volume. */
  source: z.string().max(4096).optional(),
  target: z.string().min(1).max(4096),
  readOnly: z.boolean().default(false),
});
export type ServiceMount = z.infer<typeof ServiceMount>;

export const KeyValue = z.object({ key: z.string().max(256), value: z.string().max(4096) });
export type KeyValue = z.infer<typeof KeyValue>;

/** CPUs as typed (0.5) and memory as typed (256m); empty means none. */
export const ResourceSpec = z.object({ cpus: z.string().max(32).optional(), memory: z.string().max(32).optional() });
export type ResourceSpec = z.infer<typeof ResourceSpec>;

/** Durations as the CLI takes them: 10s, 1m30s, 500ms. */
const Duration = z.string().trim().max(32);

export const UpdatePolicy = z.object({
  /** Tasks replaced at once; 0 = all at once. */
  parallelism: z.number().int().min(0).max(1000).default(1),
  delay: Duration.default('0s'),
  failureAction: z.enum(['pause', 'continue', 'rollback']).default('pause'),
  monitor: Duration.default('5s'),
  maxFailureRatio: z.number().min(0).max(1).default(0),
  order: z.enum(['stop-first', 'start-first']).default('stop-first'),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;

export const RestartSpec = z.object({
  condition: z.enum(['none', 'on-failure', 'any']).default('any'),
  delay: Duration.default('5s'),
  /** 0: no limit. */
  maxAttempts: z.number().int().min(0).max(1000).default(0),
  window: Duration.default('0s'),
});
export type RestartSpec = z.infer<typeof RestartSpec>;

/** What `docker service create` takes that the course and a learner need: a service as a form. */
export const ServiceForm = z
  .object({
    name: ServiceName,
    image: ImageReference,
    mode: ServiceMode.default('replicated'),
    replicas: z.number().int().min(0).max(1000).default(1),
    /** Arguments after the image. */
    command: z.array(z.string().max(4096)).max(100).default([]),
    env: z.array(KeyValue).max(200).default([]),
    publish: z.array(ServicePort).max(50).default([]),
    mounts: z.array(ServiceMount).max(50).default([]),
    networks: z.array(NetworkRef).max(20).default([]),
    /** node.role==manager, node.labels.zone!=b, node.hostname==… */
    constraints: z.array(z.string().trim().max(512)).max(50).default([]),
    /** spread=node.labels.zone */
    placementPrefs: z.array(z.string().trim().max(512)).max(10).default([]),
    /** 0: no limit. */
    maxReplicasPerNode: z.number().int().min(0).max(1000).default(0),
    limits: ResourceSpec.default({}),
    reservations: ResourceSpec.default({}),
    restart: RestartSpec.default({ condition: 'any', delay: '5s', maxAttempts: 0, window: '0s' }),
    update: UpdatePolicy.default({ parallelism: 1, delay: '0s', failureAction: 'pause', monitor: '5s', maxFailureRatio: 0, order: 'stop-first' }),
    rollback: UpdatePolicy.default({ parallelism: 1, delay: '0s', failureAction: 'pause', monitor: '5s', maxFailureRatio: 0, order: 'stop-first' }),
    /** How long a task may take to stop before it is killed (10s when left out). */
    stopGracePeriod: Duration.optional(),
    labels: z.array(KeyValue).max(100).default([]),
  })
  .strict();
export type ServiceForm = z.infer<typeof ServiceForm>;
export type ServiceFormInput = z.input<typeof ServiceForm>;

/** `docker service update`: what changes; fields left out stay as they are. */
export const ServiceChanges = z
  .object({
    image: ImageReference.optional(),
    /** The whole new list (the command says it as --env-add / --env-rm). */
    env: z.array(KeyValue).max(200).optional(),
    replicas: z.number().int().min(0).max(1000).optional(),
    limits: ResourceSpec.optional(),
    reservations: ResourceSpec.optional(),
    update: UpdatePolicy.partial().optional(),
    /** Redeploy every task even when nothing else changed (--force). */
    force: z.boolean().default(false),
  })
  .strict();
export type ServiceChanges = z.infer<typeof ServiceChanges>;
export type ServiceChangesInput = z.input<typeof ServiceChanges>;

export const UpdateState = z.enum(['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed']);
export type UpdateState = z.infer<typeof UpdateState>;

export const UpdateStatus = z.object({
  state: UpdateState,
  message: z.string(),
  /** Epoch ms. */
  startedAt: z.number().optional(),
  completedAt: z.number().optional(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const ServiceSummary = z.object({
  id: z.string(),
  name: z.string(),
  mode: ServiceMode,
  /** Replicated: desired replicas; global: one per eligible node (from the tasks). */
  desired: z.number(),
  running: z.number(),
  image: z.string(),
  ports: z.array(ServicePort.extend({ published: z.number().optional() })),
  update: UpdateStatus.optional(),
  labels: z.record(z.string(), z.string()),
  /** Epoch ms. */
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
  /** A previous spec exists: rollback can go back to it. */
  canRollback: z.boolean(),
  updateConfig: UpdatePolicy,
  /** Overlay networks the service is attached to (ids). */
  networks: z.array(z.string()),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceDetail = z.object({
  summary: ServiceSummary,
  form: ServiceForm,
  /** The spec before the last update, as a form (what rollback returns to). */
  previous: ServiceForm.optional(),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

export const TaskSummary = z.object({
  id: z.string(),
  serviceId: z.string(),
  /** Replicated tasks have a slot (web.3); global ones run per node. */
  slot: z.number().optional(),
  nodeId: z.string(),
  image: z.string(),
  desiredState: z.string(),
  state: z.string(),
  message: z.string(),
  err: z.string(),
  /** Epoch ms: the task was created / its state last changed. */
  createdAt: z.number(),
  stateAt: z.number(),
  containerId: z.string(),
  exitCode: z.number().optional(),
  /** Overlay addresses by network id (without the prefix length). */
  addresses: z.record(z.string(), z.string()),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

/** Everything the swarm area shows, read together; re-sent after every change. */
export const SwarmSnapshot = z.object({
  state: SwarmState,
  nodes: z.array(NodeSummary),
  services: z.array(ServiceSummary),
  tasks: z.array(TaskSummary),
  /** Something converges (an update, tasks starting or stopping): the backend re-reads on a timer until it is done. */
  converging: z.boolean(),
  /** Epoch ms of the read. */
  at: z.number(),
  error: ErrorData.optional(),
});
export type SwarmSnapshot = z.infer<typeof SwarmSnapshot>;

// ---------------------------------------------------------------------------------------------
// The rollout timeline

export const TimelineTask = z.object({
  taskId: z.string(),
  nodeId: z.string(),
  image: z.string(),
  /** Made by this rollout (true) or one of the tasks it replaces. */
  fresh: z.boolean(),
  state: z.string(),
  desiredState: z.string(),
  err: z.string(),
  createdAt: z.number(),
  /** When it was seen running first (live) or its state's time when that is running. */
  runningAt: z.number().optional(),
  /** When it stopped (its last state's time once shut down, failed, rejected or complete). */
  endedAt: z.number().optional(),
  /** Index of the batch it belongs to (fresh tasks only). */
  batch: z.number().optional(),
});
export type TimelineTask = z.infer<typeof TimelineTask>;

export const RolloutTimeline = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  kind: z.enum(['update', 'rollback', 'none']),
  update: UpdateStatus.optional(),
  /** The image before and after (the same when something else changed). */
  fromImage: z.string(),
  toImage: z.string(),
  parallelism: z.number(),
  delayMs: z.number(),
  order: z.enum(['stop-first', 'start-first']),
  /** One row per slot (replicated) or node (global), oldest task first. */
  rows: z.array(z.object({ key: z.string(), label: z.string(), tasks: z.array(TimelineTask) })),
  /** Fresh tasks in the order the swarm made them, grouped into batches. */
  batches: z.array(z.object({ index: z.number(), startedAt: z.number(), taskIds: z.array(z.string()) })),
  /** Measured: the old task stopped before its replacement ran (stop-first) or after (start-first), per slot. */
  overlaps: z.number(),
  /** Rollout still running. */
  live: z.boolean(),
  /** The engine says completed but fewer tasks run than desired (a failed one-replica update). */
  completedShort: z.boolean(),
});
export type RolloutTimeline = z.infer<typeof RolloutTimeline>;

// ---------------------------------------------------------------------------------------------
// Logs and load spread

export const ServiceLogLine = z.object({
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  taskId: z.string(),
  nodeId: z.string(),
  /** Epoch ms. */
  time: z.number().optional(),
});
export type ServiceLogLine = z.infer<typeof ServiceLogLine>;

export const ServiceLogBatch = z.object({
  lines: z.array(ServiceLogLine),
  ended: z.boolean(),
  error: ErrorData.optional(),
});
export type ServiceLogBatch = z.infer<typeof ServiceLogBatch>;

export const LoadSpreadResult = z.object({
  service: z.string(),
  network: z.string(),
  port: z.number(),
  /** Addresses `tasks.<service>` resolved to, with the task and node behind each. */
  tasks: z.array(z.object({ address: z.string(), taskId: z.string(), slot: z.number().optional(), nodeId: z.string(), answered: z.boolean() })),
  /** Each request in order: which address (task) answered. */
  requests: z.array(z.object({ address: z.string(), status: z.number() })),
  /** The service's virtual IP (the routing mesh's way inside the network) answered. */
  vipAnswered: z.boolean(),
  commands: z.array(z.string()),
  durationMs: z.number(),
});
export type LoadSpreadResult = z.infer<typeof LoadSpreadResult>;
