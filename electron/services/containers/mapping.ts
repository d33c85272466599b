import type { ContainerInfo, ContainerInspectInfo } from 'dockerode';

import type { ContainerDetails, ContainerState, ContainerSummary, HealthState, PublishedPort } from '@shared/dto/containers';
import { containerDisplayName } from '@shared/rules/containers';

// The engine's container objects as Lotse's DTOs: a list row (toSummary) and the details (toDetails).

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function toState(state: string): ContainerState {
  return (STATES as readonly string[]).includes(state) ? (state as ContainerState) : 'dead';
}

function healthFromStatus(status: string): HealthState {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

function toPorts(ports: ContainerInfo['Ports']): PublishedPort[] {
  const seen = new Set<string>();
  const result: PublishedPort[] = [];
  for (const p of ports ?? []) {
    // The engine lists a published port once per address family; one row is enough.
    const key = `${p.PublicPort ?? ''}/${p.PrivatePort}/${p.Type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const protocol = p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp';
    result.push({ ...(p.IP ? { hostIp: p.IP } : {}), ...(p.PublicPort ? { hostPort: p.PublicPort } : {}), containerPort: p.PrivatePort, protocol });
  }
  return result.sort((a, b) => a.containerPort - b.containerPort);
}

export function toSummary(c: ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  const compose = labels['com.docker.compose.project'];
  const composeService = labels['com.docker.compose.service'];
  const swarm = labels['com.docker.swarm.service.name'];
  return {
    id: c.Id,
    name: containerDisplayName(c),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    state: toState(c.State),
    health: healthFromStatus(c.Status),
    status: c.Status,
    ports: toPorts(c.Ports),
    created: c.Created * 1000,
    labels,
    ...(compose ? { composeProject: compose } : {}),
    ...(composeService ? { composeService } : {}),
    ...(swarm ? { swarmService: swarm } : {}),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).length,
  };
}

function time(text: string | undefined): number | undefined {
  const t = text ? Date.parse(text) : Number.NaN;
  return t > 0 ? t : undefined;
}

export function toDetails(info: ContainerInspectInfo): ContainerDetails {
  const health = (info.State as { Health?: { Status?: string; Log?: { Start?: string; ExitCode?: number; Output?: string }[] } }).Health;
  const ports: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const [port = '0', proto = 'tcp'] = key.split('/');
    const protocol = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
    if (!bindings?.length) ports.push({ containerPort: Number(port), protocol });
    for (const b of bindings ?? []) {
      ports.push({ ...(b.HostIp ? { hostIp: b.HostIp } : {}), ...(b.HostPort ? { hostPort: Number(b.HostPort) } : {}), containerPort: Number(port), protocol });
    }
  }
  const hostConfig = info.HostConfig as ContainerInspectInfo['HostConfig'] & { NanoCpus?: number; ReadonlyRootfs?: boolean; AutoRemove?: boolean };
  const startedAt = time(info.State.StartedAt);
  const finishedAt = time(info.State.FinishedAt);
  const status = health?.Status;
  return {
    id: info.Id,
    name: containerDisplayName(info),
    image: info.Config.Image,
    imageId: info.Image,
    created: time(info.Created) ?? 0,
    path: info.Path,
    args: info.Args ?? [],
    config: {
      entrypoint: asList(info.Config.Entrypoint),
      cmd: asList(info.Config.Cmd),
      env: info.Config.Env ?? [],
      workdir: info.Config.WorkingDir ?? '',
      user: info.Config.User ?? '',
      hostname: info.Config.Hostname ?? '',
      tty: info.Config.Tty,
      openStdin: info.Config.OpenStdin,
      labels: info.Config.Labels ?? {},
      exposedPorts: Object.keys(info.Config.ExposedPorts ?? {}),
    },
    state: {
      status: toState(info.State.Status),
      running: info.State.Running,
      paused: info.State.Paused,
      restarting: info.State.Restarting,
      oomKilled: info.State.OOMKilled,
      pid: info.State.Pid,
      exitCode: info.State.ExitCode,
      error: info.State.Error ?? '',
      ...(startedAt ? { startedAt } : {}),
      ...(finishedAt ? { finishedAt } : {}),
      health: status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none',
      healthLog: (health?.Log ?? []).map((l) => ({ start: time(l.Start) ?? 0, exitCode: l.ExitCode ?? 0, output: l.Output ?? '' })),
    },
    restartCount: info.RestartCount,
    restartPolicy: { name: hostConfig.RestartPolicy?.Name || 'no', maxRetries: hostConfig.RestartPolicy?.MaximumRetryCount ?? 0 },
    autoRemove: hostConfig.AutoRemove ?? false,
    readOnly: hostConfig.ReadonlyRootfs ?? false,
    ports,
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'bind',
      source: m.Source ?? '',
      destination: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
      readOnly: !m.RW,
    })),
    networks: Object.entries(info.NetworkSettings.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress ?? '',
      gateway: n.Gateway ?? '',
      macAddress: n.MacAddress ?? '',
      aliases: (n.Aliases as string[] | null | undefined) ?? [],
    })),
    resources: {
      memoryBytes: hostConfig.Memory ?? 0,
      memorySwapBytes: hostConfig.MemorySwap ?? 0,
      cpuShares: hostConfig.CpuShares ?? 0,
      nanoCpus: hostConfig.NanoCpus ?? 0,
    },
    logDriver: hostConfig.LogConfig?.Type ?? '',
    raw: info as unknown as Record<string, unknown>,
  };
}

function asList(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}
