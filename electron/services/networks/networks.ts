import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';

import type Docker from 'dockerode';

import { HELPER_LABEL } from '@shared/rules/learn';
import { dnsDemoCommands } from '@shared/cli/networks';
import {
  type ConnectNetwork,
  type CreateNetwork,
  type DnsDemoMode,
  type DnsDemoResult,
  type HostInterface,
  type NetworkDetail,
  type NetworkEndpoint,
  type NetworkSummary,
  type Topology,
} from '@shared/dto/networks';
import { LotseError } from '@shared/errors';
import { cidrContains, parseCidr, parseIp } from '@shared/rules/cidr';
import { containerDisplayName } from '@shared/rules/containers';
import { type NetworkFieldError, validateNetwork } from '@shared/rules/networks';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { findHelperImage, runHelper } from '../docker/helper';
import { containerOf, networkOf } from '../docker/paths';

interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Created?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null } | null;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string; MacAddress?: string }> | null;
}
interface RawContainer {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  NetworkSettings?: {
    Networks?: Record<string, { NetworkID?: string; EndpointID?: string; IPAddress?: string; GlobalIPv6Address?: string; MacAddress?: string; Aliases?: string[] | null }> | null;
  } | null;
}

const PREDEFINED = new Set(['bridge', 'host', 'none']);

const FIELD_MESSAGES: Record<string, (e: NetworkFieldError) => string> = {
  'name-in-use': () => 'A network with this name exists already.',
  'single-instance': () => 'There is exactly one host and one none network per engine; they exist already and cannot be created again.',
  'parent-needed': () => 'macvlan and ipvlan networks sit on a host interface: choose the parent interface.',
  'invalid-cidr': (e) => `The ${e.field} is not an IP network in CIDR form such as 10.231.1.0/24 or fd00:1::/64.`,
  'host-bits-set': () => 'The subnet has host bits set: use the network address (for 10.231.1.5/24 that is 10.231.1.0/24).',
  'subnet-needed': (e) => `A ${e.field} needs a subnet.`,
  overlap: (e) => `The subnet overlaps the network '${e.other ?? ''}'.`,
  'invalid-ip': (e) => `The ${e.field} is not an IP address.`,
  'outside-subnet': (e) => `The ${e.field} lies outside the subnet.`,
};

/** Networks: list, inspect, create, connect, disconnect, remove, the topology and the DNS demonstration. */
export class NetworkService {
  constructor(private readonly engine: EngineService) {}

  async list(): Promise<NetworkSummary[]> {
    const docker = this.engine.docker();
    const [networks, containers] = await Promise.all([
      docker.listNetworks() as Promise<RawNetwork[]>,
      docker.listContainers({ all: true }) as Promise<RawContainer[]>,
    ]);
    const attached = new Map<string, { all: number; running: number }>();
    for (const c of containers) {
      for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
        if (!n.NetworkID) continue;
        const count = attached.get(n.NetworkID) ?? { all: 0, running: 0 };
        count.all++;
        if (n.EndpointID) count.running++;
        attached.set(n.NetworkID, count);
      }
    }
    return networks.map((n) => summarize(n, attached.get(n.Id))).sort((a, b) => a.name.localeCompare(b.name));
  }

  async inspect(id: string): Promise<NetworkDetail> {
    const docker = this.engine.docker();
    const [raw, containers] = await Promise.all([
      networkOf(docker, id).inspect() as Promise<RawNetwork>,
      docker.listContainers({ all: true }) as Promise<RawContainer[]>,
    ]);
    const attached: NetworkEndpoint[] = [];
    for (const c of containers) {
      const entry = Object.values(c.NetworkSettings?.Networks ?? {}).find((n) => n.NetworkID === raw.Id);
      if (!entry) continue;
      // The list shows no aliases for running containers on older engines: the inspect of the network has the live address.
      const live = raw.Containers?.[c.Id];
      attached.push({
        containerId: c.Id,
        name: containerDisplayName(c),
        state: c.State ?? '',
        ipv4: (live?.IPv4Address ?? entry.IPAddress ?? '').replace(/\/\d+$/, ''),
        ipv6: (live?.IPv6Address ?? entry.GlobalIPv6Address ?? '').replace(/\/\d+$/, ''),
        mac: live?.MacAddress ?? entry.MacAddress ?? '',
        aliases: [],
      });
    }
    // Aliases live in each container's endpoint settings.
    await Promise.all(
      attached.map(async (a) => {
        const info = (await containerOf(docker, a.containerId).inspect().catch(() => undefined)) as
          | { NetworkSettings?: { Networks?: Record<string, { NetworkID?: string; Aliases?: string[] | null }> } }
          | undefined;
        const endpoint = Object.values(info?.NetworkSettings?.Networks ?? {}).find((n) => n.NetworkID === raw.Id);
        a.aliases = (endpoint?.Aliases ?? []).filter((alias) => !a.containerId.startsWith(alias));
      }),
    );
    const running = attached.filter((a) => a.state === 'running' || a.state === 'paused').length;
    return { ...summarize(raw, { all: attached.length, running }), attached };
  }

  /** Host interfaces a macvlan or ipvlan network could sit on. */
  interfaces(): HostInterface[] {
    return Object.entries(networkInterfaces()).map(([name, addresses]) => ({
      name,
      addresses: (addresses ?? []).map((a) => a.cidr ?? a.address),
      internal: (addresses ?? []).every((a) => a.internal),
    }));
  }

  async create(request: CreateNetwork): Promise<{ id: string; warning?: string }> {
    const docker = this.engine.docker();
    const existing = await this.list();
    const errors = validateNetwork(request, existing);
    if (errors[0]) {
      const message = errors.map((e) => FIELD_MESSAGES[e.code]?.(e) ?? e.code).join(' ');
      const driverHint = request.driver === 'host' || request.driver === 'none' ? 'Use the existing network: docker run --network host (or none).' : undefined;
      throw new LotseError(errors[0].code === 'name-in-use' ? 'CONFLICT' : 'INVALID_PARAMS', message, driverHint ?? 'Correct the marked field.');
    }
    const pool = request.subnet
      ? [{ Subnet: request.subnet, ...(request.gateway ? { Gateway: request.gateway } : {}), ...(request.ipRange ? { IPRange: request.ipRange } : {}) }]
      : [];
    try {
      const network = await docker.createNetwork({
        Name: request.name,
        Driver: request.driver,
        CheckDuplicate: true,
        Internal: request.internal,
        Attachable: request.attachable,
        Labels: request.labels,
        IPAM: { Driver: 'default', Config: pool },
        Options: request.parent ? { parent: request.parent } : {},
      });
      const created = (await network.inspect()) as RawNetwork & { Warning?: string };
      return { id: created.Id };
    } catch (error) {
      throw translateCreateError(error, request);
    }
  }

  async remove(id: string): Promise<void> {
    const docker = this.engine.docker();
    const detail = await this.inspect(id);
    if (detail.predefined) {
      throw new LotseError(
        'CONFLICT',
        `'${detail.name}' is one of the engine's own networks (bridge, host, none); the engine needs it and keeps it.`,
        'Remove only networks you created.',
        { reason: 'defaultNetwork' },
      );
    }
    const running = detail.attached.filter((a) => a.state === 'running' || a.state === 'paused');
    if (running.length > 0) {
      throw new LotseError(
        'CONFLICT',
        `The network '${detail.name}' still has endpoints: ${running.map((a) => a.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} connected and running. An endpoint is a container's network interface in this network; the engine does not pull it away under a running container.`,
        'Disconnect these containers (docker network disconnect) or stop them first.',
        { reason: 'networkHasEndpoints' },
      );
    }
    await networkOf(docker, id).remove();
  }

  async connect(request: ConnectNetwork): Promise<void> {
    const docker = this.engine.docker();
    const network = await this.inspect(request.network);
    if (request.ipv4) {
      const ip = parseIp(request.ipv4);
      if (ip?.kind() !== 'ipv4') throw new LotseError('INVALID_PARAMS', `'${request.ipv4}' is not an IP address.`, 'Write it as four numbers, such as 10.231.1.20.');
      const subnet = network.subnets.map((s) => parseCidr(s.subnet)).find((s) => s?.address.kind() === 'ipv4');
      if (!subnet || network.predefined) {
        throw new LotseError(
          'INVALID_PARAMS',
          'A fixed IP address works only on a user-defined network created with its own --subnet.',
          'Create the network with a subnet, or leave the IP empty and let the engine choose.',
        );
      }
      if (!cidrContains(subnet, ip)) {
        throw new LotseError('INVALID_PARAMS', `${request.ipv4} lies outside the network's subnet ${subnet.address.toString()}/${subnet.bits}.`, 'Choose an address inside the subnet.');
      }
    }
    try {
      await networkOf(docker, network.id).connect({
        Container: request.container,
        EndpointConfig: {
          Aliases: request.aliases,
          ...(request.ipv4 ? { IPAMConfig: { IPv4Address: request.ipv4 } } : {}),
        },
      });
    } catch (error) {
      const lotse = toLotseError(error);
      if (/already exists in network/i.test(lotse.message)) {
        throw new LotseError('CONFLICT', 'The container is connected to this network already.', 'Disconnect it first to change aliases or the IP address.');
      }
      if (/Address already in use/i.test(lotse.message)) {
        throw new LotseError('CONFLICT', `Another container in this network has ${request.ipv4 ?? 'this address'} already.`, 'Choose a free address.');
      }
      throw lotse;
    }
  }

  async disconnect(network: string, container: string, force: boolean): Promise<void> {
    await networkOf(this.engine.docker(), network).disconnect({ Container: container, Force: force });
  }

  async topology(): Promise<Topology> {
    const docker = this.engine.docker();
    const [networks, containers] = await Promise.all([
      docker.listNetworks() as Promise<RawNetwork[]>,
      docker.listContainers({ all: true }) as Promise<RawContainer[]>,
    ]);
    return {
      networks: networks.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver ?? '', subnet: n.IPAM?.Config?.[0]?.Subnet ?? '' })),
      containers: containers
        .filter((c) => !c.Names?.some((n) => n.includes('lotse-dns-')))
        .map((c) => {
          const nets: Record<string, string> = {};
          for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) if (n.NetworkID) nets[n.NetworkID] = n.IPAddress ?? '';
          return {
            id: c.Id,
            name: containerDisplayName(c),
            image: c.Image ?? '',
            state: c.State ?? '',
            ports: (c.Ports ?? [])
              .filter((p) => p.PublicPort !== undefined)
              .map((p) => ({ hostIp: p.IP ?? '', hostPort: p.PublicPort ?? 0, containerPort: p.PrivatePort, protocol: p.Type })),
            networks: nets,
          };
        }),
    };
  }

  /**
   * The course's point about DNS: a container resolves another by name on a user-defined bridge
   * (the engine's DNS server at 127.0.0.11 answers) and not on the default bridge.
   */
  async dnsDemo(mode: DnsDemoMode, signal?: AbortSignal): Promise<DnsDemoResult> {
    const docker = this.engine.docker();
    const started = performance.now();
    const image = await findHelperImage(docker);
    const suffix = randomBytes(3).toString('hex');
    const target = `lotse-dns-target-${suffix}`;
    const networkName = mode === 'user-defined' ? `lotse-dns-net-${suffix}` : 'bridge';
    let network: Docker.Network | undefined;
    let targetContainer: Docker.Container | undefined;
    try {
      if (mode === 'user-defined') {
        network = await docker.createNetwork({ Name: networkName, Driver: 'bridge', CheckDuplicate: true, Labels: { [HELPER_LABEL]: 'dns-demo' } });
      }
      targetContainer = await docker.createContainer({
        Image: image,
        name: target,
        Cmd: ['sleep', '120'],
        Labels: { [HELPER_LABEL]: 'dns-demo' },
        HostConfig: { NetworkMode: networkName },
      });
      await targetContainer.start();
      if (signal?.aborted) throw new LotseError('CANCELLED', 'The demonstration was cancelled.');
      const { exitCode, output } = await runHelper(docker, {
        image,
        cmd: ['nslookup', target],
        network: networkName,
        name: `lotse-dns-client-${suffix}`,
        purpose: 'dns-demo',
      });
      const address = /Name:\s*\S+\s*\nAddress(?: \d+)?:\s*([0-9.]+)/.exec(output)?.[1];
      return {
        mode,
        resolved: exitCode === 0 && address !== undefined,
        target,
        network: networkName,
        ...(address ? { address } : {}),
        output: output.trim(),
        image,
        commands: dnsDemoCommands(mode, { network: networkName, target, image }),
        durationMs: performance.now() - started,
      };
    } finally {
      await targetContainer?.remove({ force: true }).catch(() => undefined);
      await network?.remove().catch(() => undefined);
    }
  }
}

function summarize(n: RawNetwork, count: { all: number; running: number } | undefined): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver ?? '',
    scope: n.Scope ?? 'local',
    subnets: (n.IPAM?.Config ?? [])
      .filter((c) => c.Subnet)
      .map((c) => ({ subnet: c.Subnet ?? '', ...(c.Gateway ? { gateway: c.Gateway } : {}), ...(c.IPRange ? { ipRange: c.IPRange } : {}) })),
    internal: n.Internal ?? false,
    attachable: n.Attachable ?? false,
    ipv6: n.EnableIPv6 ?? false,
    containers: count?.all ?? 0,
    endpoints: count?.running ?? 0,
    labels: n.Labels ?? {},
    created: n.Created ? Date.parse(n.Created) : 0,
    predefined: PREDEFINED.has(n.Name),
    options: n.Options ?? {},
  };
}

/** The engine's words for drivers it cannot run here, said so a learner knows what to do. */
function translateCreateError(error: unknown, request: CreateNetwork): LotseError {
  const lotse = toLotseError(error);
  const text = lotse.message;
  if (/swarm manager|not a swarm|swarm/i.test(text) && request.driver === 'overlay') {
    return new LotseError(
      'CONFLICT',
      'Overlay networks connect containers on several Docker hosts, so they need Swarm mode, and this engine is not part of a swarm.',
      'Run docker swarm init (the Swarm area does it too), then create the overlay network again.',
    );
  }
  if (/only one instance/i.test(text)) {
    return new LotseError('CONFLICT', `There is exactly one ${request.driver} network per engine and it exists already.`, `Use it: docker run --network ${request.driver} …`);
  }
  if (/parent interface|no such device|not found.*link|Link not found/i.test(text)) {
    return new LotseError(
      'INVALID_PARAMS',
      `The host has no usable interface '${request.parent ?? ''}' for a ${request.driver} network (${text}).`,
      'Choose one of the interfaces Lotse lists, usually the one with the host address (eth0, enp…).',
    );
  }
  if (/Pool overlaps|overlaps with other one/i.test(text)) {
    return new LotseError('CONFLICT', `The subnet ${request.subnet ?? ''} overlaps a network the engine or the host uses (${text}).`, 'Choose another private range.');
  }
  if (/already exists/i.test(text)) {
    return new LotseError('CONFLICT', `A network named '${request.name}' exists already.`, 'Choose another name.');
  }
  return lotse;
}
