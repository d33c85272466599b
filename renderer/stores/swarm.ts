import { create } from 'zustand';

import type { NodeSummary, ServiceSummary, SwarmSnapshot, TaskSummary } from '@shared/dto/swarm';

import { api } from '../api';

interface SwarmStore {
  snapshot: SwarmSnapshot | undefined;
  /** Epoch ms the last snapshot arrived (for the map's "updated" line and the bench). */
  receivedAt: number;
  /** Follows the backend's swarm.watch (events, and a timer only while something converges); returns the disposer. */
  watch: () => () => void;
}

export const useSwarm = create<SwarmStore>((set) => ({
  snapshot: undefined,
  receivedAt: 0,
  watch: () => api.subscribe('swarm.watch', {}, (snapshot) => set({ snapshot, receivedAt: Date.now() })),
}));

/** Task states in which a task holds its node: it runs, or is on its way. */
const HOLDING = new Set(['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

/** The tasks the map shows on a node: the ones that run there or are about to. */
export function liveTasks(snapshot: SwarmSnapshot | undefined): TaskSummary[] {
  return (snapshot?.tasks ?? []).filter((t) => t.desiredState === 'running' && HOLDING.has(t.state));
}

export function serviceById(snapshot: SwarmSnapshot | undefined, id: string): ServiceSummary | undefined {
  return snapshot?.services.find((s) => s.id === id);
}

export function nodeName(snapshot: SwarmSnapshot | undefined, id: string): string {
  return snapshot?.nodes.find((n: NodeSummary) => n.id === id)?.hostname ?? id.slice(0, 12);
}

/** A task as `docker service ps` names it: web.3 (replicated) or web.<node id> (global). */
export function taskName(snapshot: SwarmSnapshot | undefined, task: TaskSummary): string {
  const service = serviceById(snapshot, task.serviceId)?.name ?? task.serviceId.slice(0, 12);
  return task.slot === undefined ? `${service}.${task.nodeId.slice(0, 12)}` : `${service}.${task.slot}`;
}
