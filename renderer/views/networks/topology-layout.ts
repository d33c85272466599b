import dagre from '@dagrejs/dagre';

import type { Topology } from '@shared/dto/networks';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 56;
/** Above this many nodes the layout trades some crossing reduction for speed. */
const LARGE_GRAPH = 200;

export interface LaidOutNode {
  id: string;
  kind: 'host' | 'network' | 'container';
  label: string;
  detail: string;
  state?: string;
  x: number;
  y: number;
}
export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  kind: 'member' | 'port';
}

/**
 * Host → containers (published ports) → networks, laid out left to right by dagre. Containers
 * without a network (none) still appear; the host node exists only when something is published.
 */
export function layoutTopology(topology: Topology, hostLabel = 'Host'): { nodes: LaidOutNode[]; edges: LaidOutEdge[] } {
  const graph = new dagre.graphlib.Graph();
  const large = topology.networks.length + topology.containers.length > LARGE_GRAPH;
  // Big engines: a cheaper ranker and one ordering pass keep the layout well under half a second.
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 110, ...(large ? { ranker: 'longest-path' } : {}) });
  graph.setDefaultEdgeLabel(() => ({}));
  const nodes: Omit<LaidOutNode, 'x' | 'y'>[] = [];
  const edges: LaidOutEdge[] = [];
  const networkIds = new Set(topology.networks.map((n) => n.id));
  const published = topology.containers.some((c) => c.ports.length > 0);
  if (published) nodes.push({ id: 'host', kind: 'host', label: hostLabel, detail: '' });
  for (const n of topology.networks) nodes.push({ id: `n:${n.id}`, kind: 'network', label: n.name, detail: [n.driver, n.subnet].filter(Boolean).join(' · ') });
  for (const c of topology.containers) {
    nodes.push({ id: `c:${c.id}`, kind: 'container', label: c.name, detail: c.image, state: c.state });
    for (const [networkId, ip] of Object.entries(c.networks)) {
      if (networkIds.has(networkId)) edges.push({ id: `m:${c.id}:${networkId}`, source: `c:${c.id}`, target: `n:${networkId}`, label: ip, kind: 'member' });
    }
    const ports = c.ports.map((p) => `${p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : ''}${p.hostPort}→${p.containerPort}/${p.protocol}`);
    if (ports.length > 0) edges.push({ id: `p:${c.id}`, source: 'host', target: `c:${c.id}`, label: [...new Set(ports)].join(', '), kind: 'port' });
  }
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
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
  return {
    nodes: nodes.map((node) => {
      const at = graph.node(node.id) as unknown as { x: number; y: number };
      return { ...node, x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 };
    }),
    edges,
  };
}
