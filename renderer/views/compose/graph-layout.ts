import dagre from '@dagrejs/dagre';

import type { ComposeProject } from '@shared/compose/dto';
import type { ComposeModel } from '@shared/compose/types';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 58;

/** What the file wants against what runs: a service defined but not running, one the file no longer has, a scale that differs. */
export type ServiceDiff = 'ok' | 'not-running' | 'orphan' | 'scale-differs';

export interface GraphNode {
  id: string;
  kind: 'service' | 'network' | 'volume' | 'host';
  label: string;
  detail: string;
  diff?: ServiceDiff;
  running?: number;
  wanted?: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  kind: 'network' | 'volume' | 'port' | 'depends';
}

/**
 * The project as a graph: services (from the file and from the engine), the networks and named
 * volumes they use, the host's published ports and depends_on with its condition; laid out by dagre.
 */
export function layoutProject(model: ComposeModel | undefined, project: ComposeProject | undefined, hostLabel = 'Host'): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: Omit<GraphNode, 'x' | 'y'>[] = [];
  const edges: GraphEdge[] = [];
  const running = new Map((project?.services ?? []).map((s) => [s.name, s]));
  const wanted = new Map((model?.services ?? []).map((s) => [s.name, s]));
  const names = [...new Set([...wanted.keys(), ...running.keys()])].sort();
  const networks = new Set<string>();
  const volumes = new Set((model?.volumes ?? []).map((v) => v.name));
  let host = false;
  for (const name of names) {
    const file = wanted.get(name);
    const engine = running.get(name);
    const up = engine?.running ?? 0;
    const diff: ServiceDiff = !file ? 'orphan' : up === 0 ? 'not-running' : up !== file.replicas ? 'scale-differs' : 'ok';
    nodes.push({ id: `s:${name}`, kind: 'service', label: name, detail: file?.image ?? file?.build ?? engine?.containers[0]?.image ?? '', diff, running: up, wanted: file?.replicas ?? 0 });
    for (const network of file?.networks ?? []) {
      networks.add(network);
      edges.push({ id: `n:${name}:${network}`, source: `s:${name}`, target: `n:${network}`, label: '', kind: 'network' });
    }
    for (const mount of file?.mounts ?? []) {
      if (mount.kind !== 'volume' || !mount.source) continue;
      volumes.add(mount.source);
      edges.push({ id: `v:${name}:${mount.target}`, source: `s:${name}`, target: `v:${mount.source}`, label: mount.target, kind: 'volume' });
    }
    const ports = (file?.ports ?? []).filter((p) => p.published).map((p) => `${p.published ?? ''}→${p.target}`);
    const live = (engine?.containers ?? []).flatMap((c) => c.ports.filter((p) => p.hostPort).map((p) => `${String(p.hostPort)}→${String(p.containerPort)}`));
    const shown = [...new Set(ports.length ? ports : live)];
    if (shown.length) {
      host = true;
      edges.push({ id: `p:${name}`, source: 'host', target: `s:${name}`, label: shown.join(', '), kind: 'port' });
    }
    for (const dep of file?.dependsOn ?? []) {
      edges.push({ id: `d:${name}:${dep.service}`, source: `s:${name}`, target: `s:${dep.service}`, label: dep.condition, kind: 'depends' });
    }
  }
  if (host) nodes.push({ id: 'host', kind: 'host', label: hostLabel, detail: '' });
  for (const n of [...networks].sort()) nodes.push({ id: `n:${n}`, kind: 'network', label: n, detail: project ? `${project.name}_${n}` : '' });
  for (const v of [...volumes].sort()) nodes.push({ id: `v:${v}`, kind: 'volume', label: v, detail: project ? `${project.name}_${v}` : '' });
  const ids = new Set(nodes.map((n) => n.id));
  const kept = edges.filter((e) => ids.has(e.source) && ids.has(e.target));

  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 20, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of kept) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  return {
    nodes: nodes.map((node) => {
      const at = graph.node(node.id) as unknown as { x: number; y: number };
      return { ...node, x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 };
    }),
    edges: kept,
  };
}
