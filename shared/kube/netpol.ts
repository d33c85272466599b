import type { ContainerPort, KNetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../dto/kube';
import { cidrContains, parseCidr, parseIp } from '../rules/cidr';
import { type Labels, matchesSelector } from './selectors';

/**
 * Who may talk to whom, from the NetworkPolicies alone (what the API says; whether the network plugin
 * enforces it is another question). Kubernetes' rules: a pod is isolated for ingress (egress) when at
 * least one policy of its namespace selects it with that policy type; traffic into (out of) an isolated
 * pod is allowed only when a rule of one of those policies allows it; policies add up, none denies.
 * A connection needs both: egress allowed at the source and ingress allowed at the destination.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A pod, or something outside the cluster (an address, or "anywhere" when unknown). */
export type Endpoint =
  | { kind: 'pod'; namespace: string; name: string; labels: Labels; ip?: string | undefined; ports?: readonly ContainerPort[] }
  | { kind: 'external'; ip?: string | undefined };

export interface Traffic {
  protocol: Protocol;
  port: number;
}

export interface PolicyWorld {
  policies: readonly KNetworkPolicy[];
  /** Labels of each namespace by name (for namespaceSelector). */
  namespaces: ReadonlyMap<string, Labels>;
}

export interface RuleRef {
  /** namespace/name */
  policy: string;
  /** Index of the rule in the policy's ingress (egress) list. */
  rule: number;
}

export interface SideVerdict {
  /** Whether the side counts at all: ingress for a pod destination, egress for a pod source. */
  applies: boolean;
  /** Selected by a policy of this type: only listed traffic goes. */
  isolated: boolean;
  /** The policies (namespace/name) that select the pod for this direction. */
  selecting: string[];
  allowed: boolean;
  /** The rule that allows it. */
  allowedBy?: RuleRef;
}

export interface Verdict {
  allowed: boolean;
  ingress: SideVerdict;
  egress: SideVerdict;
}

export const policyKey = (p: KNetworkPolicy): string => `${p.meta.namespace ?? ''}/${p.meta.name}`;

/** The policy's types as the API defaults them: Ingress always, Egress when egress rules exist. */
export function policyTypes(policy: KNetworkPolicy): { ingress: boolean; egress: boolean } {
  if (policy.policyTypes.length) return { ingress: policy.policyTypes.includes('Ingress'), egress: policy.policyTypes.includes('Egress') };
  return { ingress: true, egress: policy.egress.length > 0 };
}

/** The policies of the pod's namespace that select it for a direction. */
export function selectingPolicies(world: PolicyWorld, pod: Extract<Endpoint, { kind: 'pod' }>, direction: 'ingress' | 'egress'): KNetworkPolicy[] {
  return world.policies.filter((p) => p.meta.namespace === pod.namespace && policyTypes(p)[direction] && matchesSelector(p.podSelector, pod.labels));
}

function ipIn(ip: string | undefined, block: NonNullable<PolicyPeer['ipBlock']>): boolean {
  const cidr = parseCidr(block.cidr);
  if (!cidr) return false;
  if (ip === undefined) {
    // Somewhere outside, address unknown: only a block that spans everything surely holds it.
    return cidr.bits === 0 && !block.except.length;
  }
  const address = parseIp(ip);
  if (!address || address.kind() !== cidr.address.kind() || !cidrContains(cidr, address)) return false;
  return !block.except.some((e) => {
    const except = parseCidr(e);
    return except !== undefined && except.address.kind() === address.kind() && cidrContains(except, address);
  });
}

/** Whether a peer of a rule in `policyNamespace` matches the other end of the connection. */
export function peerMatches(world: PolicyWorld, policyNamespace: string, peer: PolicyPeer, other: Endpoint): boolean {
  if (peer.ipBlock) return ipIn(other.ip, peer.ipBlock);
  if (other.kind !== 'pod') return false;
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, world.namespaces.get(other.namespace) ?? {})) return false;
  } else if (other.namespace !== policyNamespace) {
    return false;
  }
  return peer.podSelector ? matchesSelector(peer.podSelector, other.labels) : true;
}

/** The numbers a policy port stands for on the destination: a named port resolves through its containers. */
function portNumbers(port: PolicyPort, destination: Endpoint): { from: number; to: number } | 'all' | undefined {
  if (port.port === undefined) return 'all';
  if (typeof port.port === 'number') return { from: port.port, to: port.endPort ?? port.port };
  if (/^\d+$/.test(port.port)) return { from: Number(port.port), to: Number(port.port) };
  const protocol = port.protocol ?? 'TCP';
  const named = destination.kind === 'pod' ? destination.ports?.find((p) => p.name === port.port && p.protocol === protocol) : undefined;
  return named ? { from: named.containerPort, to: named.containerPort } : undefined;
}

export function portMatches(ports: readonly PolicyPort[], traffic: Traffic, destination: Endpoint): boolean {
  if (!ports.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== traffic.protocol) return false;
    const range = portNumbers(p, destination);
    return range === 'all' || (range !== undefined && traffic.port >= range.from && traffic.port <= range.to);
  });
}

function ruleAllows(world: PolicyWorld, namespace: string, rule: PolicyRule, other: Endpoint, traffic: Traffic, destination: Endpoint): boolean {
  const peerOk = !rule.peers.length || rule.peers.some((peer) => peerMatches(world, namespace, peer, other));
  return peerOk && portMatches(rule.ports, traffic, destination);
}

function side(world: PolicyWorld, pod: Endpoint, other: Endpoint, traffic: Traffic, direction: 'ingress' | 'egress'): SideVerdict {
  if (pod.kind !== 'pod') return { applies: false, isolated: false, selecting: [], allowed: true };
  const selecting = selectingPolicies(world, pod, direction);
  const keys = selecting.map(policyKey);
  if (!selecting.length) return { applies: true, isolated: false, selecting: keys, allowed: true };
  const destination = direction === 'ingress' ? pod : other;
  for (const policy of selecting) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    const index = rules.findIndex((rule) => ruleAllows(world, pod.namespace, rule, other, traffic, destination));
    if (index >= 0) return { applies: true, isolated: true, selecting: keys, allowed: true, allowedBy: { policy: policyKey(policy), rule: index } };
  }
  return { applies: true, isolated: true, selecting: keys, allowed: false };
}

/** May `from` open a connection to `to` with this protocol and port? And which policy decides. */
export function evaluate(world: PolicyWorld, from: Endpoint, to: Endpoint, traffic: Traffic): Verdict {
  const egress = side(world, from, to, traffic, 'egress');
  const ingress = side(world, to, from, traffic, 'ingress');
  return { allowed: egress.allowed && ingress.allowed, ingress, egress };
}

// ----------------------------------------------------------------------------------------------
// The graph: groups of pods and what may pass between them

export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

/** What is allowed between two ends: every port, some, or none. */
export type PortSet = 'all' | PortRange[];

const PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP'];

function rulePorts(rule: PolicyRule, destination: Endpoint): PortSet {
  if (!rule.ports.length) return 'all';
  const out: PortRange[] = [];
  for (const p of rule.ports) {
    const protocol = (p.protocol ?? 'TCP') as Protocol;
    const range = portNumbers(p, destination);
    if (range === 'all') out.push({ protocol, from: 1, to: 65535 });
    else if (range) out.push({ protocol, ...range });
  }
  return out;
}

function union(a: PortSet, b: PortSet): PortSet {
  if (a === 'all' || b === 'all') return 'all';
  return normalize([...a, ...b]);
}

function intersect(a: PortSet, b: PortSet): PortSet {
  if (a === 'all') return b;
  if (b === 'all') return a;
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ protocol: x.protocol, from, to });
    }
  }
  return normalize(out);
}

function normalize(ranges: PortRange[]): PortSet {
  const out: PortRange[] = [];
  for (const protocol of PROTOCOLS) {
    const sorted = ranges.filter((r) => r.protocol === protocol).sort((a, b) => a.from - b.from);
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && last.protocol === protocol && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
      else out.push({ ...r });
    }
  }
  if (PROTOCOLS.every((protocol) => out.some((r) => r.protocol === protocol && r.from <= 1 && r.to >= 65535))) return 'all';
  return out;
}

function sidePorts(world: PolicyWorld, pod: Endpoint, other: Endpoint, direction: 'ingress' | 'egress', destination: Endpoint): { ports: PortSet; policies: string[] } {
  if (pod.kind !== 'pod') return { ports: 'all', policies: [] };
  const selecting = selectingPolicies(world, pod, direction);
  if (!selecting.length) return { ports: 'all', policies: [] };
  let ports: PortSet = [];
  const policies: string[] = [];
  for (const policy of selecting) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (rule.peers.length && !rule.peers.some((peer) => peerMatches(world, pod.namespace, peer, other))) continue;
      const allowed = rulePorts(rule, destination);
      if (allowed !== 'all' && !allowed.length) continue;
      ports = union(ports, allowed);
      if (!policies.includes(policyKey(policy))) policies.push(policyKey(policy));
    }
  }
  return { ports, policies };
}

/** Every port `from` may reach on `to`, with the policies that allow it. */
export function allowedPorts(world: PolicyWorld, from: Endpoint, to: Endpoint): { ports: PortSet; policies: string[] } {
  const egress = sidePorts(world, from, to, 'egress', to);
  const ingress = sidePorts(world, to, from, 'ingress', to);
  return { ports: intersect(egress.ports, ingress.ports), policies: [...new Set([...egress.policies, ...ingress.policies])] };
}

export const portSetEmpty = (set: PortSet): boolean => set !== 'all' && set.length === 0;

export function portSetText(set: PortSet): string {
  if (set === 'all') return 'all';
  return set.map((r) => `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`).join(', ');
}

/** Pods that behave alike: same namespace and the same labels (a Deployment's replicas). */
export interface PodGroup {
  id: string;
  namespace: string;
  labels: Labels;
  pods: string[];
  /** A representative for the evaluation. */
  sample: Extract<Endpoint, { kind: 'pod' }>;
  /** Policies that isolate the group (ingress, egress). */
  ingressIsolatedBy: string[];
  egressIsolatedBy: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  ports: PortSet;
  policies: string[];
}

/** Stands for every pod in other namespaces, and for everything outside the cluster. */
export const OTHER_NAMESPACES = '*other-namespaces*';
export const OUTSIDE = '*outside*';

export interface TalkGraph {
  namespace: string;
  groups: PodGroup[];
  edges: GraphEdge[];
  /** Pods of other namespaces (by namespace/labels) that a policy of this namespace lets in. */
  fromOutsideNamespace: GraphEdge[];
}

const groupId = (namespace: string, labels: Labels): string =>
  `${namespace}:${Object.entries(labels)
    .filter(([k]) => k !== 'pod-template-hash' && k !== 'controller-revision-hash' && k !== 'pod-template-generation')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;

/**
 * The "who can talk to whom" graph of a namespace: its pods grouped by their labels (without the hashes
 * controllers add), an edge wherever some port is allowed, the ports on the edge. Pods of other
 * namespaces and the outside world appear as one node each, with what they may send in.
 */
export function talkGraph(world: PolicyWorld, namespace: string, pods: readonly Extract<Endpoint, { kind: 'pod' }>[], others: readonly Extract<Endpoint, { kind: 'pod' }>[] = []): TalkGraph {
  const byId = new Map<string, PodGroup>();
  for (const pod of pods) {
    if (pod.namespace !== namespace) continue;
    const id = groupId(namespace, pod.labels);
    let group = byId.get(id);
    if (!group) {
      group = {
        id,
        namespace,
        labels: Object.fromEntries(Object.entries(pod.labels).filter(([k]) => k !== 'pod-template-hash' && k !== 'controller-revision-hash' && k !== 'pod-template-generation')),
        pods: [],
        sample: pod,
        ingressIsolatedBy: selectingPolicies(world, pod, 'ingress').map(policyKey),
        egressIsolatedBy: selectingPolicies(world, pod, 'egress').map(policyKey),
      };
      byId.set(id, group);
    }
    group.pods.push(pod.name);
  }
  const groups = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const edges: GraphEdge[] = [];
  for (const from of groups) {
    for (const to of groups) {
      const { ports, policies } = allowedPorts(world, from.sample, to.sample);
      if (!portSetEmpty(ports)) edges.push({ from: from.id, to: to.id, ports, policies });
    }
  }
  const fromOutsideNamespace: GraphEdge[] = [];
  const outsiders: Endpoint[] = others.filter((p) => p.namespace !== namespace);
  for (const to of groups) {
    // Another namespace's pods: the most any of them may send in (a representative without policies of its own).
    let best: { ports: PortSet; policies: string[] } = { ports: [], policies: [] };
    for (const source of outsiders) {
      const allowed = allowedPorts({ ...world, policies: world.policies.filter((p) => p.meta.namespace === namespace) }, source, to.sample);
      best = { ports: union(best.ports, allowed.ports), policies: [...new Set([...best.policies, ...allowed.policies])] };
    }
    if (!outsiders.length) {
      const anyPod: Endpoint = { kind: 'pod', namespace: OTHER_NAMESPACES, name: '', labels: {} };
      best = allowedPorts(world, anyPod, to.sample);
    }
    if (!portSetEmpty(best.ports)) fromOutsideNamespace.push({ from: OTHER_NAMESPACES, to: to.id, ...best });
    const outside = allowedPorts(world, { kind: 'external' }, to.sample);
    if (!portSetEmpty(outside.ports)) fromOutsideNamespace.push({ from: OUTSIDE, to: to.id, ...outside });
  }
  return { namespace, groups, edges, fromOutsideNamespace };
}
