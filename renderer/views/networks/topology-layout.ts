import dagre from '@dagrejs/dagre';

import type { Topology, TopologyContainer } from '@shared/dto/networks';

type TopologyPort = TopologyContainer['ports'][number];

export const NODE_WIDTH = 190;
/** Above this many nodes the layout trades some crossing reduction for speed. */
const LARGE_GRAPH = 200;
/** A column gap holds its longest edge label at this many pixels per character (11 px digits and dots), plus room for the arrows. */
const LABEL_CHAR_WIDTH = 6.4;
const GAP_MIN = 90;
const GAP_ARROWS = 40;
/**
 * Node text at 12 px: characters per line of the bold name and of the detail, pixels per line and
 * around. An estimate for the first layout; the graph measures what it drew and makes room where
 * a node came out taller.
 */
const NAME_CHARS = Math.floor((NODE_WIDTH - 24) / 7.6);
const DETAIL_CHARS = Math.floor((NODE_WIDTH - 24) / 6.4);
const LINE_HEIGHT = 19;
const NODE_PADDING = 20;
/** More ports than this on one edge are counted, not listed: the container's node lists them all. */
const PORTS_ON_EDGE = 3;
const SINK = '\u0000sink';

export type TopologyColumn = 'host' | 'container' | 'network';

export interface LaidOutNode {
  id: string;
  kind: TopologyColumn;
  label: string;
  detail: string;
  state?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  kind: 'member' | 'port';
}

/** "8080→80/tcp", "127.0.0.1:8081→80/tcp": all-address bindings (0.0.0.0 and its IPv6 twin ::) say no address. */
export function portLabel(port: TopologyPort): string {
  const everywhere = port.hostIp === '' || port.hostIp === '0.0.0.0' || port.hostIp === '::';
  const host = everywhere ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`;
  return `${host}${port.hostPort}→${port.containerPort}/${port.protocol}`;
}

/** The edge's text for a container's published ports: each binding once, the first few listed. */
export function portsLabel(ports: readonly TopologyPort[], more: (count: number) => string): string {
  const labels = [...new Set(ports.map(portLabel))];
  const shown = labels.slice(0, PORTS_ON_EDGE).join(', ');
  return labels.length > PORTS_ON_EDGE ? `${shown} ${more(labels.length - PORTS_ON_EDGE)}` : shown;
}

/** Lines a text takes in a node, wrapped at word boundaries (hyphens and dots included). */
function lines(text: string, perLine: number): number {
  let count = 1;
  let used = 0;
  for (const word of text.split(/(?<=[\s\-./:·])/)) {
    if (used > 0 && used + word.length > perLine) {
      count += 1;
      used = 0;
    }
    count += Math.floor(Math.max(0, word.length - 1) / perLine);
    used = (used + word.length) % perLine;
  }
  return count;
}

/** A node's height as drawn at 12 px type: its name and its detail, each wrapped and never cut. */
export function nodeHeight(label: string, detail: string): number {
  return NODE_PADDING + LINE_HEIGHT * (lines(label, NAME_CHARS) + (detail ? lines(detail, DETAIL_CHARS) : 0));
}

export interface TopologyTexts {
  host: string;
  hostDetail: string;
  more: (count: number) => string;
}

/**
 * Three columns left to right: the host (when something is published), the containers, the
 * networks. No network ever shares a column with a container, also when it has no members or a
 * container has no network. Dagre orders the nodes within each column to keep edges from
 * crossing; each gap between columns is as wide as its longest edge label. `scale` is the type's
 * size against 12 px (presentation mode draws larger): nodes and gaps grow with it. `drawn` holds
 * the heights of nodes that came out taller than estimated, so that none overlaps the next.
 */
export function layoutTopology(
  topology: Topology,
  texts: TopologyTexts = { host: 'Host', hostDetail: '', more: (n) => `+${n}` },
  scale = 1,
  drawn: ReadonlyMap<string, number> = new Map(),
): { nodes: LaidOutNode[]; edges: LaidOutEdge[] } {
  const width = NODE_WIDTH * scale;
  const graph = new dagre.graphlib.Graph();
  const large = topology.networks.length + topology.containers.length > LARGE_GRAPH;
  // Big engines: a cheaper ranker and one ordering pass keep the layout well under half a second.
  graph.setGraph({ rankdir: 'LR', nodesep: 16 * scale, ranksep: GAP_MIN, ...(large ? { ranker: 'longest-path' } : {}) });
  graph.setDefaultEdgeLabel(() => ({}));
  const nodes: Omit<LaidOutNode, 'x' | 'y' | 'width'>[] = [];
  const edges: LaidOutEdge[] = [];
  const networkIds = new Set(topology.networks.map((n) => n.id));
  const published = topology.containers.some((c) => c.ports.length > 0);
  const add = (node: Omit<LaidOutNode, 'x' | 'y' | 'width' | 'height'>): void => {
    const estimate = scale * nodeHeight(node.label, node.kind === 'container' ? `${node.detail} · ${node.state ?? ''}` : node.detail);
    nodes.push({ ...node, height: Math.max(estimate, drawn.get(node.id) ?? 0) });
  };
  if (published) add({ id: 'host', kind: 'host', label: texts.host, detail: texts.hostDetail });
  for (const n of topology.networks) add({ id: `n:${n.id}`, kind: 'network', label: n.name, detail: [n.driver, n.subnet].filter(Boolean).join(' · ') });
  for (const c of topology.containers) {
    add({ id: `c:${c.id}`, kind: 'container', label: c.name, detail: c.image, state: c.state });
    for (const [networkId, ip] of Object.entries(c.networks)) {
      if (networkIds.has(networkId)) edges.push({ id: `m:${c.id}:${networkId}`, source: `c:${c.id}`, target: `n:${networkId}`, label: ip, kind: 'member' });
    }
    if (c.ports.length > 0) edges.push({ id: `p:${c.id}`, source: 'host', target: `c:${c.id}`, label: portsLabel(c.ports, texts.more), kind: 'port' });
  }
  for (const node of nodes) graph.setNode(node.id, { width, height: node.height });
  // The columns: an invisible sink right of everything holds every network one rank and every
  // container two ranks before it, whatever edges they have (with either ranker).
  graph.setNode(SINK, { width: 1, height: 1 });
  for (const node of nodes) {
    if (node.kind === 'network') graph.setEdge(node.id, SINK, { minlen: 1 });
    if (node.kind === 'container') graph.setEdge(node.id, SINK, { minlen: 2 });
  }
  // Large graphs are laid out along each container's first network only; the other edges are drawn all the same.
  const placed = new Set<string>();
  for (const edge of edges) {
    if (large && edge.kind === 'member') {
      if (placed.has(edge.source)) continue;
      placed.add(edge.source);
    }
    graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph, large ? { disableOptimalOrderHeuristic: true } : {});

  const widest = (kind: LaidOutEdge['kind']): number => Math.max(0, ...edges.filter((e) => e.kind === kind).map((e) => e.label.length));
  const gap = (chars: number): number => scale * Math.max(GAP_MIN, chars * LABEL_CHAR_WIDTH + GAP_ARROWS);
  const column: Record<TopologyColumn, number> = { host: 0, container: 0, network: 0 };
  column.container = published ? width + gap(widest('port')) : 0;
  column.network = column.container + width + gap(widest('member'));
  return {
    nodes: nodes.map((node) => {
      const at = graph.node(node.id) as unknown as { y: number };
      return { ...node, x: column[node.kind], y: at.y - node.height / 2, width };
    }),
    edges,
  };
}
