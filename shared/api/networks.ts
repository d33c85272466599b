import { z } from 'zod';

import { ConnectNetwork, CreateNetwork, DnsDemoMode, DnsDemoResult, HostInterface, NetworkDetail, NetworkSummary, Topology } from '../dto/networks';
import { ContainerRef, NetworkRef } from '../rules/names';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

const Id = z.object({ id: NetworkRef }).strict();

/** Networks, their drivers, the topology of networks and containers, and the DNS demonstration. */
export const networksMethods = {
  'networks.list': {
    summary: 'All networks with driver, scope, subnets, flags and how many containers are attached.',
    params: NoParams,
    result: z.array(NetworkSummary),
  },
  'networks.inspect': {
    summary: 'One network with its attached containers (IPv4, IPv6, MAC, aliases).',
    params: Id,
    result: NetworkDetail,
  },
  'networks.create': {
    summary: 'Creates a network; subnet, gateway, ip-range and overlaps are checked before the engine sees them.',
    params: CreateNetwork,
    result: z.object({ id: z.string() }),
  },
  'networks.remove': {
    summary: 'Removes a network; refuses while running containers hold endpoints in it.',
    params: Id,
    result: z.null(),
  },
  'networks.connect': {
    summary: 'Connects a container to a network, with aliases and an optional fixed IPv4 address.',
    params: ConnectNetwork,
    result: z.null(),
  },
  'networks.disconnect': {
    summary: 'Disconnects a container from a network.',
    params: z.object({ network: NetworkRef, container: ContainerRef, force: z.boolean().default(false) }).strict(),
    result: z.null(),
  },
  'networks.interfaces': {
    summary: "The host's network interfaces (parents for macvlan and ipvlan).",
    params: NoParams,
    result: z.array(HostInterface),
  },
  'networks.topology': {
    summary: 'Networks and containers with their addresses and published ports, for the topology graph.',
    params: NoParams,
    result: Topology,
  },
  'networks.dnsDemo': {
    summary: 'Looks a container up by name from another container, on a user-defined or the default bridge; helpers are removed after.',
    params: z.object({ mode: DnsDemoMode }).strict(),
    result: DnsDemoResult,
  },
} as const satisfies Record<string, MethodSpec>;

export const networksTopics = {} as const satisfies Record<string, TopicSpec>;
