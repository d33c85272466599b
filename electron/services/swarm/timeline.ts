import type { NodeSummary, RolloutTimeline, ServiceSummary, TaskSummary, TimelineTask } from '@shared/dto/swarm';
import { parseDuration } from '@shared/rules/swarm-spec';

const ENDED = new Set(['complete', 'shutdown', 'failed', 'rejected', 'orphaned', 'remove']);

export interface TimelineInput {
  service: ServiceSummary;
  /** The image of the spec before the last update (what a rollback returns to). */
  previousImage: string | undefined;
  tasks: TaskSummary[];
  nodes: NodeSummary[];
  /** When Lotse first saw a task running (task id → epoch ms), from its reads while the rollout ran. */
  seenRunning: ReadonlyMap<string, number>;
}

/**
 * A rollout as the engine's task history tells it: one row per slot (a global service: per node),
 * the tasks in it oldest first; the tasks made since the update started are fresh, grouped into
 * batches by when they were made (parallelism tasks at once, `delay` between batches); where a
 * fresh task ran before the old one in its slot had stopped, the update was start-first.
 */
export function buildTimeline(input: TimelineInput): RolloutTimeline {
  const { service, tasks } = input;
  const own = tasks.filter((t) => t.serviceId === service.id);
  const update = service.update;
  const kind = !update ? 'none' : update.state.startsWith('rollback') ? 'rollback' : 'update';
  const since = update?.startedAt ?? 0;
  const delayMs = (parseDuration(service.updateConfig.delay) ?? 0) / 1e6;
  const hostname = (id: string): string => input.nodes.find((n) => n.id === id)?.hostname ?? id.slice(0, 12);
  const fresh = (t: TaskSummary): boolean => kind !== 'none' && t.createdAt >= since;

  const toTask = (t: TaskSummary): TimelineTask => {
    const runningAt = t.state === 'running' ? t.stateAt : input.seenRunning.get(t.id);
    return {
      taskId: t.id,
      nodeId: t.nodeId,
      image: t.image,
      fresh: fresh(t),
      state: t.state,
      desiredState: t.desiredState,
      err: t.err,
      createdAt: t.createdAt,
      ...(runningAt ? { runningAt } : {}),
      ...(ENDED.has(t.state) ? { endedAt: t.stateAt } : {}),
    };
  };

  // Batches: fresh tasks in the order the swarm made them; a batch ends after `parallelism` tasks or a pause.
  const made = own.filter(fresh).sort((a, b) => a.createdAt - b.createdAt);
  const parallelism = service.updateConfig.parallelism;
  const gap = delayMs > 0 ? delayMs / 2 : 250;
  const batches: RolloutTimeline['batches'] = [];
  const batchOf = new Map<string, number>();
  for (const t of made) {
    const current = batches[batches.length - 1];
    const full = current && parallelism > 0 && current.taskIds.length >= parallelism;
    if (!current || full || t.createdAt - current.startedAt > gap) batches.push({ index: batches.length, startedAt: t.createdAt, taskIds: [t.id] });
    else current.taskIds.push(t.id);
    batchOf.set(t.id, batches.length - 1);
  }

  const rows = new Map<string, { key: string; label: string; tasks: TimelineTask[] }>();
  for (const t of [...own].sort((a, b) => a.createdAt - b.createdAt)) {
    const key = t.slot === undefined ? `node:${t.nodeId}` : `slot:${t.slot}`;
    const label = t.slot === undefined ? `${service.name}.${hostname(t.nodeId)}` : `${service.name}.${t.slot}`;
    const row = rows.get(key) ?? { key, label, tasks: [] };
    const batch = batchOf.get(t.id);
    row.tasks.push({ ...toTask(t), ...(batch === undefined ? {} : { batch }) });
    rows.set(key, row);
  }

  // start-first shows as overlap: the fresh task ran while the one before it in the slot still did.
  let overlaps = 0;
  for (const row of rows.values()) {
    row.tasks.forEach((t, i) => {
      const before = row.tasks[i - 1];
      if (t.fresh && before && !before.fresh && t.runningAt !== undefined && (before.endedAt === undefined || before.endedAt > t.runningAt)) overlaps++;
    });
  }

  const live = update?.state === 'updating' || update?.state === 'rollback_started';
  const done = update?.state === 'completed' || update?.state === 'rollback_completed';
  const runningNow = own.filter((t) => t.desiredState === 'running' && t.state === 'running').length;
  return {
    serviceId: service.id,
    serviceName: service.name,
    kind,
    ...(update ? { update } : {}),
    fromImage: kind === 'none' ? service.image : (input.previousImage ?? service.image),
    toImage: service.image,
    parallelism,
    delayMs,
    order: service.updateConfig.order,
    rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true })),
    batches,
    overlaps,
    live,
    completedShort: done && runningNow < service.desired,
  };
}
