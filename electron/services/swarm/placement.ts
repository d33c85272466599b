import type { DrainPreview, NodeAvailability, NodeSummary, PlacementCandidate, TaskSummary } from '@shared/dto/swarm';
import { type Constraint, parseConstraint } from '@shared/rules/swarm-spec';

import type { RawService } from './read';
import { isGlobal, shortImage } from './read';

/** Task states in which a task holds its node (it runs, or is about to). */
const ACTIVE_STATES = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

export const isActiveTask = (t: TaskSummary): boolean => t.desiredState === 'running' && ACTIVE_STATES.has(t.state);

/** The value a constraint key has on a node, as swarmkit's constraint filter reads it. */
function nodeValue(node: NodeSummary, key: string): string | undefined {
  switch (key) {
    case 'node.id':
      return node.id;
    case 'node.hostname':
      return node.hostname;
    case 'node.role':
      return node.role;
    case 'node.platform.os':
      return node.os;
    case 'node.platform.arch':
      return node.architecture;
    case 'node.ip':
      return node.address;
    default:
      if (key.startsWith('node.labels.')) return node.labels[key.slice('node.labels.'.length)];
      if (key.startsWith('engine.labels.')) return node.engineLabels[key.slice('engine.labels.'.length)];
      return undefined;
  }
}

/** swarmkit: labels and ids compare as written, hostnames, roles and platforms without case. */
export function matchesConstraint(node: NodeSummary, constraint: Constraint): boolean {
  const value = nodeValue(node, constraint.key);
  const caseless = !constraint.key.includes('.labels.') && constraint.key !== 'node.id';
  const same = value !== undefined && (caseless ? value.toLowerCase() === constraint.value.toLowerCase() : value === constraint.value);
  return constraint.operator === '==' ? same : !same;
}

/** What placement needs beyond nodes and tasks. */
export interface PlacementFacts {
  /** Images the engine Lotse is connected to holds (its node is the self node). */
  localImages: Set<string>;
  /** Reservations per service id (NanoCPUs, bytes), from the service specs. */
  reservations: Map<string, { cpus: number; memory: number }>;
}

/** What the swarm has shown about an image on a node: a task of it ran there, or one failed for want of it. */
function imageOn(node: NodeSummary, image: string, history: TaskSummary[], facts: PlacementFacts): PlacementCandidate['image'] {
  if (node.self) return facts.localImages.has(image) ? 'present' : 'missing';
  const there = history.filter((t) => t.nodeId === node.id && t.image === image);
  if (there.some((t) => t.state === 'running' || t.state === 'complete' || t.state === 'shutdown')) return 'present';
  if (there.some((t) => /no such image|not found|pull access denied/i.test(t.err))) return 'missing';
  return 'unknown';
}

/** Can this node take a task of the service, and how many? Every reason it cannot, in order. */
export function candidate(node: NodeSummary, service: RawService, tasks: TaskSummary[], facts: PlacementFacts): PlacementCandidate {
  const blockers: PlacementCandidate['blockers'] = [];
  if (node.availability !== 'active' || node.status !== 'ready') blockers.push({ kind: 'unavailable', detail: `${node.availability}/${node.status}` });
  const placement = service.Spec.TaskTemplate?.Placement;
  for (const text of placement?.Constraints ?? []) {
    const constraint = parseConstraint(text);
    if (constraint && !matchesConstraint(node, constraint)) blockers.push({ kind: 'constraint', detail: text });
  }
  const onNode = tasks.filter((t) => t.nodeId === node.id && isActiveTask(t));
  const own = onNode.filter((t) => t.serviceId === service.ID).length;
  let room = Number.POSITIVE_INFINITY;
  if (isGlobal(service.Spec)) {
    room = own > 0 ? 0 : 1;
    if (own > 0) blockers.push({ kind: 'global', detail: '' });
  }
  if (placement?.MaxReplicas) {
    room = Math.min(room, Math.max(0, placement.MaxReplicas - own));
    if (own >= placement.MaxReplicas) blockers.push({ kind: 'maxReplicas', detail: String(placement.MaxReplicas) });
  }
  const wants = service.Spec.TaskTemplate?.Resources?.Reservations;
  if (wants?.NanoCPUs || wants?.MemoryBytes) {
    let cpus = 0;
    let memory = 0;
    for (const t of onNode) {
      cpus += facts.reservations.get(t.serviceId)?.cpus ?? 0;
      memory += facts.reservations.get(t.serviceId)?.memory ?? 0;
    }
    const cpuLeft = Math.max(0, node.cpus * 1e9 - cpus);
    const memoryLeft = Math.max(0, node.memoryBytes - memory);
    if (wants.NanoCPUs) room = Math.min(room, Math.floor(cpuLeft / wants.NanoCPUs));
    if (wants.MemoryBytes) room = Math.min(room, Math.floor(memoryLeft / wants.MemoryBytes));
    if ((wants.NanoCPUs ?? 0) > cpuLeft) blockers.push({ kind: 'resources', detail: `cpu ${(wants.NanoCPUs ?? 0) / 1e9} > ${cpuLeft / 1e9}` });
    if ((wants.MemoryBytes ?? 0) > memoryLeft) blockers.push({ kind: 'resources', detail: `memory ${wants.MemoryBytes ?? 0} > ${memoryLeft}` });
  }
  const name = shortImage(service.Spec.TaskTemplate?.ContainerSpec?.Image ?? '');
  const image = imageOn(node, name, tasks, facts);
  if (image === 'missing') blockers.push({ kind: 'imageMissing', detail: name });
  const fits = blockers.length === 0;
  return { nodeId: node.id, hostname: node.hostname, fits, blockers, image, room: fits ? (Number.isFinite(room) ? room : null) : 0 };
}

/**
 * What setting a node to drain or pause does: drain stops every task on it (the swarm stops them
 * first and starts replacements after: downtime where no other task of the service runs) and
 * places replicated ones on nodes that fit; global tasks just end. Pause moves nothing: the node
 * only takes no new tasks.
 */
export function drainPreview(
  target: NodeSummary,
  availability: NodeAvailability,
  nodes: NodeSummary[],
  services: RawService[],
  tasks: TaskSummary[],
  facts: PlacementFacts,
): DrainPreview {
  const live = tasks.filter(isActiveTask);
  const leavingTasks = availability === 'drain' ? live.filter((t) => t.nodeId === target.id) : [];
  const others = nodes.filter((n) => n.id !== target.id);
  const result: DrainPreview['services'] = [];
  for (const service of services) {
    const leaving = leavingTasks.filter((t) => t.serviceId === service.ID);
    if (!leaving.length) continue;
    const global = isGlobal(service.Spec);
    const candidates = others.map((n) => candidate(n, service, tasks, facts));
    const room = candidates.reduce((sum, c) => sum + (c.room ?? Number.POSITIVE_INFINITY), 0);
    const running = live.filter((t) => t.serviceId === service.ID && t.state === 'running');
    result.push({
      serviceId: service.ID,
      serviceName: service.Spec.Name ?? service.ID,
      mode: global ? 'global' : 'replicated',
      leaving: leaving.map((t) => ({ taskId: t.id, ...(t.slot === undefined ? {} : { slot: t.slot }), image: t.image })),
      outcome: global ? 'stops' : room >= leaving.length ? 'moves' : 'pending',
      candidates,
      downtime: !global && running.length > 0 && running.every((t) => t.nodeId === target.id),
    });
  }
  return { node: { id: target.id, hostname: target.hostname }, availability, services: result };
}
