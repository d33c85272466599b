import { z } from 'zod';

import { ErrorData } from '../errors';

export const ContainerState = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof ContainerState>;

export const HealthState = z.enum(['none', 'starting', 'healthy', 'unhealthy']);
export type HealthState = z.infer<typeof HealthState>;

export const PublishedPort = z.object({
  hostIp: z.string().optional(),
  hostPort: z.number().optional(),
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});
export type PublishedPort = z.infer<typeof PublishedPort>;

export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  state: ContainerState,
  health: HealthState,
  /** The engine's own words: "Up 3 minutes (healthy)", "Exited (0) 2 hours ago". */
  status: z.string(),
  ports: z.array(PublishedPort),
  /** Epoch milliseconds. */
  created: z.number(),
  /** Epoch milliseconds; only for running/paused containers (read from inspect). */
  startedAt: z.number().optional(),
  labels: z.record(z.string(), z.string()),
  composeProject: z.string().optional(),
  composeService: z.string().optional(),
  swarmService: z.string().optional(),
  networks: z.array(z.string()),
  mounts: z.number(),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

export const RestartPolicyName = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);
export type RestartPolicyName = z.infer<typeof RestartPolicyName>;

export const PortSpec = z.object({
  hostIp: z.string().optional(),
  /** Empty: the engine picks a free port. */
  hostPort: z.number().int().min(1).max(65535).optional(),
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
});
export type PortSpec = z.infer<typeof PortSpec>;

export const KeyValue = z.object({ key: z.string(), value: z.string() });
export type KeyValue = z.infer<typeof KeyValue>;

export const MountSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bind'), source: z.string(), target: z.string(), readOnly: z.boolean().default(false) }),
  /** No source: an anonymous volume. */
  z.object({ type: z.literal('volume'), source: z.string().optional(), target: z.string(), readOnly: z.boolean().default(false) }),
  /** size as the CLI writes it: 64m, 1g. */
  z.object({ type: z.literal('tmpfs'), target: z.string(), size: z.string().optional() }),
]);
export type MountSpec = z.infer<typeof MountSpec>;

/** Everything `docker run` / `docker create` takes that the course teaches, as the learner typed it. */
export const RunSpec = z.object({
  image: z.string().min(1),
  name: z.string().optional(),
  /** Arguments after the image (CMD override). */
  command: z.array(z.string()).default([]),
  entrypoint: z.string().optional(),
  detach: z.boolean().default(true),
  interactive: z.boolean().default(false),
  tty: z.boolean().default(false),
  autoRemove: z.boolean().default(false),
  ports: z.array(PortSpec).default([]),
  env: z.array(KeyValue).default([]),
  /** Host paths read the way `--env-file` reads them. */
  envFiles: z.array(z.string()).default([]),
  mounts: z.array(MountSpec).default([]),
  readOnly: z.boolean().default(false),
  network: z.string().optional(),
  networkAliases: z.array(z.string()).default([]),
  hostname: z.string().optional(),
  restart: z.object({ name: RestartPolicyName, maxRetries: z.number().int().min(0).optional() }).default({ name: 'no' }),
  user: z.string().optional(),
  workdir: z.string().optional(),
  labels: z.array(KeyValue).default([]),
  /** As typed: 256m, 1g, 512k (binary units, like the CLI). */
  memory: z.string().optional(),
  /** As typed; -1 means unlimited swap. */
  memorySwap: z.string().optional(),
  cpuShares: z.number().int().optional(),
  cpus: z.string().optional(),
});
export type RunSpec = z.infer<typeof RunSpec>;
export type RunSpecInput = z.input<typeof RunSpec>;

/** The form fields a problem belongs to. */
export const RunField = z.enum([
  'image',
  'name',
  'command',
  'entrypoint',
  'autoRemove',
  'ports',
  'env',
  'envFiles',
  'mounts',
  'network',
  'networkAliases',
  'hostname',
  'restart',
  'user',
  'workdir',
  'labels',
  'memory',
  'memorySwap',
  'cpuShares',
  'cpus',
]);
export type RunField = z.infer<typeof RunField>;

export const FieldIssue = z.object({
  field: RunField,
  /** Which row of a list field (ports, mounts, env...). */
  index: z.number().optional(),
  message: z.string(),
  hint: z.string().optional(),
  /** Names the problem for the UI to say in the learner's language (containers:issues.<code>). */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const RunResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    id: z.string(),
    name: z.string(),
    started: z.boolean(),
    warnings: z.array(z.string()),
    /** Set when a started container stopped within the first moment: the learner needs to know why. */
    exitedAtOnce: z.object({ exitCode: z.number(), error: z.string().optional(), logTail: z.array(z.string()) }).optional(),
  }),
  z.object({
    ok: z.literal(false),
    issues: z.array(FieldIssue),
    /** True when a created container was kept on purpose (keepOnFailure). */
    kept: z.boolean(),
  }),
]);
export type RunResult = z.infer<typeof RunResult>;

export const BulkOutcome = z.array(z.object({ id: z.string(), ok: z.boolean(), error: ErrorData.optional() }));
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const MountInfo = z.object({
  type: z.string(),
  source: z.string(),
  destination: z.string(),
  name: z.string().optional(),
  readOnly: z.boolean(),
});

export const ContainerDetails = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  created: z.number(),
  path: z.string(),
  args: z.array(z.string()),
  config: z.object({
    entrypoint: z.array(z.string()),
    cmd: z.array(z.string()),
    env: z.array(z.string()),
    workdir: z.string(),
    user: z.string(),
    hostname: z.string(),
    tty: z.boolean(),
    openStdin: z.boolean(),
    labels: z.record(z.string(), z.string()),
    exposedPorts: z.array(z.string()),
  }),
  state: z.object({
    status: ContainerState,
    running: z.boolean(),
    paused: z.boolean(),
    restarting: z.boolean(),
    oomKilled: z.boolean(),
    pid: z.number(),
    exitCode: z.number(),
    error: z.string(),
    startedAt: z.number().optional(),
    finishedAt: z.number().optional(),
    health: HealthState,
    healthLog: z.array(z.object({ start: z.number(), exitCode: z.number(), output: z.string() })),
  }),
  restartCount: z.number(),
  restartPolicy: z.object({ name: z.string(), maxRetries: z.number() }),
  autoRemove: z.boolean(),
  readOnly: z.boolean(),
  ports: z.array(PublishedPort),
  mounts: z.array(MountInfo),
  networks: z.array(
    z.object({ name: z.string(), ipAddress: z.string(), gateway: z.string(), macAddress: z.string(), aliases: z.array(z.string()) }),
  ),
  resources: z.object({
    memoryBytes: z.number(),
    memorySwapBytes: z.number(),
    cpuShares: z.number(),
    nanoCpus: z.number(),
  }),
  logDriver: z.string(),
  /** The engine's inspect answer as it came. */
  raw: z.record(z.string(), z.unknown()),
});
export type ContainerDetails = z.infer<typeof ContainerDetails>;

export const DiffEntry = z.object({ path: z.string(), kind: z.enum(['A', 'C', 'D']) });
export type DiffEntry = z.infer<typeof DiffEntry>;

export const LogLine = z.object({
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** Epoch milliseconds, with timestamps on. */
  time: z.number().optional(),
  /** The engine's RFC 3339 timestamp as sent (nanoseconds). */
  timestamp: z.string().optional(),
});
export type LogLine = z.infer<typeof LogLine>;

/**
 * A followed stream's word about the engine: `lost` when it went away (the stream waits for it),
 * `reconnected` when the stream runs again after that.
 */
export const StreamEngineMark = z.enum(['lost', 'reconnected']);
export type StreamEngineMark = z.infer<typeof StreamEngineMark>;

export const LogBatch = z.object({
  lines: z.array(LogLine),
  /** Lines dropped since the last batch because more came than the UI can take. */
  dropped: z.number(),
  /** The stream ended (container stopped, or not following). */
  ended: z.boolean(),
  error: ErrorData.optional(),
  engine: StreamEngineMark.optional(),
});
export type LogBatch = z.infer<typeof LogBatch>;

export const StatsSample = z.object({
  time: z.number(),
  cpuPercent: z.number(),
  onlineCpus: z.number(),
  memoryUsedBytes: z.number(),
  memoryLimitBytes: z.number(),
  memoryPercent: z.number(),
  networkRxBytes: z.number(),
  networkTxBytes: z.number(),
  blockReadBytes: z.number(),
  blockWriteBytes: z.number(),
  pids: z.number(),
});
export type StatsSample = z.infer<typeof StatsSample>;

export const StatsEvent = z.object({
  sample: StatsSample.optional(),
  ended: z.boolean(),
  error: ErrorData.optional(),
  engine: StreamEngineMark.optional(),
});
export type StatsEvent = z.infer<typeof StatsEvent>;

export const SessionEvent = z.object({
  /** Terminal output (UTF-8 text). */
  data: z.string().optional(),
  /** Set once when the process ends or the connection closes. */
  exit: z.object({ code: z.number().optional(), reason: z.string() }).optional(),
});
export type SessionEvent = z.infer<typeof SessionEvent>;

export const ArchiveFile = z.object({
  name: z.string(),
  /** File content, base64. */
  base64: z.string(),
});
export type ArchiveFile = z.infer<typeof ArchiveFile>;

export const CopyOutResult = z.object({
  /** 'file' when the path was one regular file (content as is), else 'tar' (the archive the engine sent). */
  kind: z.enum(['file', 'tar']),
  name: z.string(),
  bytes: z.number(),
  base64: z.string(),
});
export type CopyOutResult = z.infer<typeof CopyOutResult>;
