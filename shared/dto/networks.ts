import { z } from 'zod';

import { ContainerRef, NetworkName, NetworkRef } from '../rules/names';

/** The drivers the course names, in the order it explains them. */
export const NetworkDriver = z.enum(['bridge', 'host', 'none', 'overlay', 'ipvlan', 'macvlan']);
export type NetworkDriver = z.infer<typeof NetworkDriver>;

export const IpamPool = z.object({ subnet: z.string(), gateway: z.string().optional(), ipRange: z.string().optional() });
export type IpamPool = z.infer<typeof IpamPool>;

export const NetworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  subnets: z.array(IpamPool),
  internal: z.boolean(),
  attachable: z.boolean(),
  ipv6: z.boolean(),
  /** Containers attached (running or not). */
  containers: z.number(),
  /** Attached containers that are running (they hold an endpoint). */
  endpoints: z.number(),
  labels: z.record(z.string(), z.string()),
  /** Epoch milliseconds. */
  created: z.number(),
  /** bridge, host and none: made by the engine, cannot be removed. */
  predefined: z.boolean(),
  options: z.record(z.string(), z.string()),
});
export type NetworkSummary = z.infer<typeof NetworkSummary>;

export const NetworkEndpoint = z.object({
  containerId: z.string(),
  name: z.string(),
  state: z.string(),
  ipv4: z.string(),
  ipv6: z.string(),
  mac: z.string(),
  aliases: z.array(z.string()),
});
export type NetworkEndpoint = z.infer<typeof NetworkEndpoint>;

export const NetworkDetail = NetworkSummary.extend({ attached: z.array(NetworkEndpoint) });
export type NetworkDetail = z.infer<typeof NetworkDetail>;

/** A network alias: a name other containers in the network find this one by. */
const Alias = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'Letters, digits, _ . - only, starting with a letter or digit.');
const Labels = z.record(z.string().min(1).max(256), z.string().max(1024)).default({});

export const CreateNetwork = z
  .object({
    name: z.string().trim().pipe(NetworkName),
    driver: NetworkDriver.default('bridge'),
    subnet: z.string().trim().max(64).optional(),
    gateway: z.string().trim().max(64).optional(),
    ipRange: z.string().trim().max(64).optional(),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    /** macvlan/ipvlan: the host interface the network sits on. */
    parent: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9_.:@-]{1,32}$/, 'An interface name such as eth0.')
      .optional(),
    labels: Labels,
  })
  .strict();
export type CreateNetwork = z.infer<typeof CreateNetwork>;
export type CreateNetworkInput = z.input<typeof CreateNetwork>;

export const ConnectNetwork = z
  .object({
    network: NetworkRef,
    container: ContainerRef,
    aliases: z.array(Alias).max(16).default([]),
    ipv4: z.string().trim().max(32).optional(),
  })
  .strict();
export type ConnectNetwork = z.infer<typeof ConnectNetwork>;

export const HostInterface = z.object({ name: z.string(), addresses: z.array(z.string()), internal: z.boolean() });
export type HostInterface = z.infer<typeof HostInterface>;

export const TopologyPort = z.object({ hostIp: z.string(), hostPort: z.number(), containerPort: z.number(), protocol: z.string() });
export const TopologyContainer = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  ports: z.array(TopologyPort),
  /** Network id → IPv4 address in it ('' while stopped). */
  networks: z.record(z.string(), z.string()),
});
export type TopologyContainer = z.infer<typeof TopologyContainer>;
export const Topology = z.object({
  networks: z.array(z.object({ id: z.string(), name: z.string(), driver: z.string(), subnet: z.string() })),
  containers: z.array(TopologyContainer),
});
export type Topology = z.infer<typeof Topology>;

export const DnsDemoMode = z.enum(['user-defined', 'default-bridge']);
export type DnsDemoMode = z.infer<typeof DnsDemoMode>;
export const DnsDemoResult = z.object({
  mode: DnsDemoMode,
  /** Did the client container resolve the target's name? */
  resolved: z.boolean(),
  target: z.string(),
  network: z.string(),
  /** The address the name resolved to, when it did. */
  address: z.string().optional(),
  output: z.string(),
  image: z.string(),
  commands: z.array(z.string()),
  durationMs: z.number(),
});
export type DnsDemoResult = z.infer<typeof DnsDemoResult>;
