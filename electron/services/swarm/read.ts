import type {
  KeyValue,
  NodeSummary,
  ServiceForm,
  ServiceMount,
  ServicePort,
  ServiceSummary,
  SwarmLocalState,
  SwarmState,
  TaskSummary,
  UpdatePolicy,
  UpdateStatus,
} from '@shared/dto/swarm';
import { formatCpus, formatDuration, formatMemory } from '@shared/rules/swarm-spec';

/** The engine's swarm objects as far as Lotse reads them (API 1.41; newer engines add fields). */
export interface RawVersion {
  Index?: number;
}

export interface RawNode {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string> | null; Role?: string; Availability?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string; Labels?: Record<string, string> | null };
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

export interface RawResources {
  NanoCPUs?: number;
  MemoryBytes?: number;
}

export interface RawUpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface RawServiceSpec {
  Name?: string;
  Labels?: Record<string, string> | null;
  TaskTemplate?: {
    ContainerSpec?: {
      Image?: string;
      Args?: string[] | null;
      Env?: string[] | null;
      Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[] | null;
      StopGracePeriod?: number;
      TTY?: boolean;
    };
    Resources?: { Limits?: RawResources; Reservations?: RawResources };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    Placement?: { Constraints?: string[] | null; Preferences?: { Spread?: { SpreadDescriptor?: string } }[] | null; MaxReplicas?: number };
    Networks?: { Target?: string; Aliases?: string[] }[] | null;
    ForceUpdate?: number;
  };
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
  UpdateConfig?: RawUpdateConfig;
  RollbackConfig?: RawUpdateConfig;
  EndpointSpec?: { Mode?: string; Ports?: RawPort[] | null };
}

export interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawService {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: RawServiceSpec;
  PreviousSpec?: RawServiceSpec;
  Endpoint?: { Ports?: RawPort[] | null; VirtualIPs?: { NetworkID?: string; Addr?: string }[] | null };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

export interface RawTask {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
  DesiredState?: string;
  NetworksAttachments?: { Network?: { ID?: string }; Addresses?: string[] | null }[] | null;
}

export interface RawSwarmInfo {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID?: string; Addr?: string }[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: {
    ID?: string;
    CreatedAt?: string;
    Spec?: { Orchestration?: { TaskHistoryRetentionLimit?: number }; EncryptionConfig?: { AutoLockManagers?: boolean } };
  };
}

const time = (stamp: string | undefined): number => {
  const ms = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(ms) || ms < 0 ? 0 : ms;
};

const LOCAL_STATES = new Set<SwarmLocalState>(['inactive', 'pending', 'active', 'locked', 'error']);

export function toSwarmState(raw: RawSwarmInfo | undefined, leader: boolean): SwarmState {
  const local = (raw?.LocalNodeState ?? 'inactive') as SwarmLocalState;
  const manager = raw?.ControlAvailable === true;
  const created = time(raw?.Cluster?.CreatedAt);
  return {
    localState: LOCAL_STATES.has(local) ? local : 'error',
    nodeId: raw?.NodeID ?? '',
    nodeAddr: raw?.NodeAddr ?? '',
    manager,
    leader: manager && leader,
    clusterId: raw?.Cluster?.ID ?? '',
    managers: raw?.Managers ?? 0,
    nodes: raw?.Nodes ?? 0,
    error: raw?.Error ?? '',
    remoteManagers: (raw?.RemoteManagers ?? []).map((m) => ({ nodeId: m.NodeID ?? '', addr: m.Addr ?? '' })),
    autolock: raw?.Cluster?.Spec?.EncryptionConfig?.AutoLockManagers === true,
    taskHistoryLimit: raw?.Cluster?.Spec?.Orchestration?.TaskHistoryRetentionLimit ?? 5,
    ...(created ? { createdAt: created } : {}),
  };
}

export function toNode(raw: RawNode, selfId: string): NodeSummary {
  const availability = raw.Spec?.Availability;
  return {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? raw.Spec?.Name ?? raw.ID.slice(0, 12),
    role: raw.Spec?.Role === 'manager' ? 'manager' : 'worker',
    leader: raw.ManagerStatus?.Leader === true,
    reachability: raw.ManagerStatus?.Reachability ?? '',
    availability: availability === 'pause' || availability === 'drain' ? availability : 'active',
    status: raw.Status?.State ?? 'unknown',
    statusMessage: raw.Status?.Message ?? '',
    address: raw.Status?.Addr ?? '',
    engineVersion: raw.Description?.Engine?.EngineVersion ?? '',
    os: raw.Description?.Platform?.OS ?? '',
    architecture: raw.Description?.Platform?.Architecture ?? '',
    cpus: (raw.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
    memoryBytes: raw.Description?.Resources?.MemoryBytes ?? 0,
    labels: raw.Spec?.Labels ?? {},
    engineLabels: raw.Description?.Engine?.Labels ?? {},
    self: raw.ID === selfId,
    version: raw.Version?.Index ?? 0,
  };
}

/** The image without the digest the CLI pins (`busybox:1.0@sha256:…` → `busybox:1.0`), as `service ls` shows it. */
export function shortImage(image: string): string {
  const at = image.indexOf('@');
  return at > 0 ? image.slice(0, at) : image;
}

export function isGlobal(spec: RawServiceSpec): boolean {
  return spec.Mode?.Global !== undefined || spec.Mode?.GlobalJob !== undefined;
}

export function toUpdatePolicy(raw: RawUpdateConfig | undefined): UpdatePolicy {
  const action = raw?.FailureAction;
  return {
    parallelism: raw?.Parallelism ?? 1,
    delay: formatDuration(raw?.Delay ?? 0),
    failureAction: action === 'continue' || action === 'rollback' ? action : 'pause',
    monitor: formatDuration(raw?.Monitor ?? 5e9),
    maxFailureRatio: raw?.MaxFailureRatio ?? 0,
    order: raw?.Order === 'start-first' ? 'start-first' : 'stop-first',
  };
}

function toPort(p: RawPort): ServicePort {
  return {
    ...(p.PublishedPort ? { published: p.PublishedPort } : {}),
    target: p.TargetPort ?? 0,
    protocol: p.Protocol === 'udp' ? 'udp' : 'tcp',
    mode: p.PublishMode === 'host' ? 'host' : 'ingress',
  };
}

function toUpdateStatus(raw: RawService['UpdateStatus']): UpdateStatus | undefined {
  if (!raw?.State) return undefined;
  const started = time(raw.StartedAt);
  const completed = time(raw.CompletedAt);
  return {
    state: raw.State as UpdateStatus['state'],
    message: raw.Message ?? '',
    ...(started ? { startedAt: started } : {}),
    ...(completed ? { completedAt: completed } : {}),
  };
}

export function toService(raw: RawService, tasks: RawTask[]): ServiceSummary {
  const spec = raw.Spec;
  const global = isGlobal(spec);
  const own = tasks.filter((t) => t.ServiceID === raw.ID);
  const running = own.filter((t) => t.Status?.State === 'running' && t.DesiredState === 'running').length;
  const desired = global ? own.filter((t) => t.DesiredState === 'running').length : (spec.Mode?.Replicated?.Replicas ?? 0);
  const update = toUpdateStatus(raw.UpdateStatus);
  return {
    id: raw.ID,
    name: spec.Name ?? raw.ID,
    mode: global ? 'global' : 'replicated',
    desired: raw.ServiceStatus?.DesiredTasks ?? desired,
    running: raw.ServiceStatus?.RunningTasks ?? running,
    image: shortImage(spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
    ports: (raw.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []).map(toPort),
    ...(update ? { update } : {}),
    labels: spec.Labels ?? {},
    createdAt: time(raw.CreatedAt),
    updatedAt: time(raw.UpdatedAt),
    version: raw.Version?.Index ?? 0,
    canRollback: raw.PreviousSpec !== undefined,
    updateConfig: toUpdatePolicy(spec.UpdateConfig),
    networks: (spec.TaskTemplate?.Networks ?? []).map((n) => n.Target ?? '').filter(Boolean),
  };
}

export function toTask(raw: RawTask): TaskSummary {
  const addresses: Record<string, string> = {};
  for (const attachment of raw.NetworksAttachments ?? []) {
    const address = attachment.Addresses?.[0];
    if (attachment.Network?.ID && address) addresses[attachment.Network.ID] = address.replace(/\/\d+$/, '');
  }
  const exit = raw.Status?.ContainerStatus?.ExitCode;
  return {
    id: raw.ID,
    serviceId: raw.ServiceID ?? '',
    ...(raw.Slot ? { slot: raw.Slot } : {}),
    nodeId: raw.NodeID ?? '',
    image: shortImage(raw.Spec?.ContainerSpec?.Image ?? ''),
    desiredState: raw.DesiredState ?? '',
    state: raw.Status?.State ?? '',
    message: raw.Status?.Message ?? '',
    err: raw.Status?.Err ?? '',
    createdAt: time(raw.CreatedAt),
    stateAt: time(raw.Status?.Timestamp),
    containerId: raw.Status?.ContainerStatus?.ContainerID ?? '',
    ...(exit === undefined || raw.Status?.State === 'running' ? {} : { exitCode: exit }),
    addresses,
  };
}

const pairOf = (entry: string): KeyValue => {
  const at = entry.indexOf('=');
  return at < 0 ? { key: entry, value: '' } : { key: entry.slice(0, at), value: entry.slice(at + 1) };
};

const resources = (raw: RawResources | undefined): { cpus?: string; memory?: string } => ({
  ...(raw?.NanoCPUs ? { cpus: formatCpus(raw.NanoCPUs) } : {}),
  ...(raw?.MemoryBytes ? { memory: formatMemory(raw.MemoryBytes) } : {}),
});

/** A service spec as the form shows it (what `service inspect --pretty` says, in the form's words). */
export function toForm(spec: RawServiceSpec): ServiceForm {
  const container = spec.TaskTemplate?.ContainerSpec ?? {};
  const restart = spec.TaskTemplate?.RestartPolicy;
  const placement = spec.TaskTemplate?.Placement;
  const condition = restart?.Condition;
  const grace = container.StopGracePeriod;
  return {
    name: spec.Name ?? '',
    image: container.Image ?? '',
    mode: isGlobal(spec) ? 'global' : 'replicated',
    replicas: spec.Mode?.Replicated?.Replicas ?? 1,
    command: container.Args ?? [],
    env: (container.Env ?? []).map(pairOf),
    publish: (spec.EndpointSpec?.Ports ?? []).map(toPort),
    mounts: (container.Mounts ?? []).map(
      (m): ServiceMount => ({
        type: m.Type === 'bind' || m.Type === 'tmpfs' ? m.Type : 'volume',
        ...(m.Source ? { source: m.Source } : {}),
        target: m.Target ?? '',
        readOnly: m.ReadOnly === true,
      }),
    ),
    networks: (spec.TaskTemplate?.Networks ?? []).map((n) => n.Target ?? '').filter(Boolean),
    constraints: placement?.Constraints ?? [],
    placementPrefs: (placement?.Preferences ?? []).map((p) => `spread=${p.Spread?.SpreadDescriptor ?? ''}`),
    maxReplicasPerNode: placement?.MaxReplicas ?? 0,
    limits: resources(spec.TaskTemplate?.Resources?.Limits),
    reservations: resources(spec.TaskTemplate?.Resources?.Reservations),
    restart: {
      condition: condition === 'none' || condition === 'on-failure' ? condition : 'any',
      delay: formatDuration(restart?.Delay ?? 5e9),
      maxAttempts: restart?.MaxAttempts ?? 0,
      window: formatDuration(restart?.Window ?? 0),
    },
    update: toUpdatePolicy(spec.UpdateConfig),
    rollback: toUpdatePolicy(spec.RollbackConfig),
    ...(grace === undefined ? {} : { stopGracePeriod: formatDuration(grace) }),
    labels: Object.entries(spec.Labels ?? {}).map(([key, value]) => ({ key, value })),
  };
}
