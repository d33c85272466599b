import type { TaskSummary } from '@shared/dto/swarm';

/**
 * What Lotse has seen of tasks while reading the swarm. A task keeps only its latest state, and
 * the swarm deletes the tasks of a slot it scales away: when a task ran and on which nodes a
 * service's tasks were is known only to whoever looked at the time.
 */
const runningSince = new Map<string, number>();
const nodesOfService = new Map<string, Set<string>>();
const SERVICES_KEPT = 500;

/** Records a read of tasks; `complete` when it holds every task, so the ones gone can be forgotten. */
export function rememberTasks(tasks: TaskSummary[], complete: boolean): void {
  for (const t of tasks) {
    if (t.state === 'running' && !runningSince.has(t.id)) runningSince.set(t.id, t.stateAt || Date.now());
    if (t.nodeId && (t.state === 'running' || t.state === 'shutdown' || t.state === 'complete')) {
      const nodes = nodesOfService.get(t.serviceId) ?? new Set<string>();
      nodes.add(t.nodeId);
      nodesOfService.delete(t.serviceId);
      nodesOfService.set(t.serviceId, nodes);
    }
  }
  if (complete) {
    const ids = new Set(tasks.map((t) => t.id));
    for (const id of runningSince.keys()) if (!ids.has(id)) runningSince.delete(id);
  }
  while (nodesOfService.size > SERVICES_KEPT) nodesOfService.delete(nodesOfService.keys().next().value as string);
}

/** When a task was first seen running (its state's time then). */
export function seenRunning(): ReadonlyMap<string, number> {
  return runningSince;
}

/** The nodes a service's tasks have been seen on. */
export function nodesSeen(serviceId: string): ReadonlySet<string> {
  return nodesOfService.get(serviceId) ?? new Set();
}
