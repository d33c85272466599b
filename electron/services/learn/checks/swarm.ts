import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import type { EngineEvent } from '@shared/dto/engine';
import type { TaskSummary } from '@shared/dto/swarm';

import { parseEvent } from '../../docker/engine';
import { type RawNode, type RawService, type RawSwarmInfo, type RawTask, shortImage, toNode, toService, toTask } from '../../swarm/read';
import { nodesSeen, rememberTasks } from '../../swarm/seen';
import { buildTimeline } from '../../swarm/timeline';
import { type CheckContext, type CheckFn, type CheckResult, fail, pass } from './common';

interface SwarmRead {
  info: RawSwarmInfo | undefined;
  nodes: RawNode[];
  services: RawService[];
  tasks: TaskSummary[];
}

/** The swarm as a manager sees it, read once per check run; outside a swarm or on a worker only the info. */
function readSwarm(ctx: CheckContext): Promise<SwarmRead> {
  const known = ctx.memo.get('swarm') as Promise<SwarmRead> | undefined;
  if (known) return known;
  const read = (async (): Promise<SwarmRead> => {
    const info = ((await ctx.docker.info()) as { Swarm?: RawSwarmInfo }).Swarm;
    if (info?.LocalNodeState !== 'active' || !info.ControlAvailable) return { info, nodes: [], services: [], tasks: [] };
    const [nodes, services, tasks] = await Promise.all([
      ctx.docker.listNodes() as Promise<RawNode[]>,
      ctx.docker.listServices() as Promise<RawService[]>,
      ctx.docker.listTasks() as Promise<RawTask[]>,
    ]);
    const summaries = tasks.map(toTask);
    // What ran where is kept: a scale down deletes the tasks of the slots it removes.
    rememberTasks(summaries, false);
    return { info, nodes, services, tasks: summaries };
  })();
  ctx.memo.set('swarm', read);
  return read;
}

/** Service events the engine remembers since the learner started (it keeps the last few hundred). */
async function serviceEvents(docker: Docker, since: number): Promise<EngineEvent[]> {
  const stream = (await docker.getEvents({ since: Math.floor(since / 1000), until: Math.ceil(Date.now() / 1000), filters: { type: ['service'] } })) as unknown as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .map((line) => (line.trim() ? parseEvent(line) : undefined))
    .filter((e): e is EngineEvent => e !== undefined && e.time >= since);
}

const hostname = (swarm: SwarmRead, id: string): string => swarm.nodes.find((n) => n.ID === id)?.Description?.Hostname ?? id.slice(0, 12);
const nameOf = (s: RawService): string => s.Spec.Name ?? s.ID.slice(0, 12);
const published = (s: RawService): boolean => (s.Endpoint?.Ports ?? s.Spec.EndpointSpec?.Ports ?? []).some((p) => p.PublishedPort !== undefined && p.PublishedPort > 0);
const running = (swarm: SwarmRead, s: RawService): TaskSummary[] => swarm.tasks.filter((t) => t.serviceId === s.ID && t.state === 'running' && t.desiredState === 'running');

/** Outside a swarm, or on a worker: the reason the other checks cannot look. */
function notManaging(swarm: SwarmRead): CheckResult | undefined {
  if (swarm.info?.LocalNodeState !== 'active') return fail('swarm-not-active', { state: swarm.info?.LocalNodeState ?? 'inactive' });
  if (!swarm.info.ControlAvailable) return fail('swarm-not-manager');
  return undefined;
}

/** The learner's web service: one with a published port, the one that went 4 → 1 first. */
async function scaledService(ctx: CheckContext, swarm: SwarmRead): Promise<{ service: RawService; reachedFour: boolean } | undefined> {
  const candidates = swarm.services.filter(published);
  if (!candidates.length) return undefined;
  const events = await serviceEvents(ctx.docker, ctx.since);
  const reached = (s: RawService): boolean =>
    (s.Spec.Mode?.Replicated?.Replicas ?? 0) >= 4 ||
    events.some((e) => e.id === s.ID && (Number(e.attributes['replicas.old'] ?? 0) >= 4 || Number(e.attributes['replicas.new'] ?? 0) >= 4));
  const ranked = candidates.map((service) => ({ service, reachedFour: reached(service) }));
  return ranked.find((r) => r.reachedFour && r.service.Spec.Mode?.Replicated?.Replicas === 1) ?? ranked.find((r) => r.reachedFour) ?? ranked[0];
}

/** The service whose image changed to another tag since the learner started: by its events, or its previous spec. */
async function updatedService(ctx: CheckContext, swarm: SwarmRead): Promise<{ service: RawService; from: string; to: string } | undefined> {
  const events = await serviceEvents(ctx.docker, ctx.since);
  for (const service of swarm.services) {
    const changed = events.filter((e) => e.id === service.ID && e.attributes['image.new'] && shortImage(e.attributes['image.old'] ?? '') !== shortImage(e.attributes['image.new'] ?? '')).at(-1);
    if (changed) return { service, from: shortImage(changed.attributes['image.old'] ?? ''), to: shortImage(changed.attributes['image.new'] ?? '') };
  }
  for (const service of swarm.services) {
    const from = shortImage(service.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image ?? '');
    const to = shortImage(service.Spec.TaskTemplate?.ContainerSpec?.Image ?? '');
    if (from && from !== to && service.UpdateStatus?.StartedAt && Date.parse(service.UpdateStatus.StartedAt) >= ctx.since) return { service, from, to };
  }
  return undefined;
}

/** One function per check id in resources/exercises/1[1-3]-*.json: the Swarm chapter. */
export const swarmExerciseChecks: Record<string, Record<string, CheckFn>> = {
  'swarm-setup': {
    'swarm-active-with-two-nodes': async (ctx) => {
      const swarm = await readSwarm(ctx);
      const refused = notManaging(swarm);
      if (refused) return refused;
      const ready = swarm.nodes.filter((n) => n.Status?.State === 'ready');
      const facts = { nodes: ready.map((n) => n.Description?.Hostname ?? n.ID.slice(0, 12)).join(', '), count: String(ready.length) };
      return ready.length >= 2 ? pass('swarm-two-nodes', facts) : fail('swarm-too-few-nodes', facts);
    },
    'service-has-running-tasks': async (ctx) => {
      const swarm = await readSwarm(ctx);
      const refused = notManaging(swarm);
      if (refused) return refused;
      if (!swarm.services.length) return fail('no-service');
      for (const service of swarm.services) {
        const task = running(swarm, service)[0];
        if (task) return pass('service-running', { service: nameOf(service), node: hostname(swarm, task.nodeId) });
      }
      const err = swarm.tasks.find((t) => t.err)?.err ?? '';
      return fail('no-running-task', { services: swarm.services.map(nameOf).join(', '), error: err });
    },
  },
  'distributed-webserver': {
    'service-scaled-from-4-to-1': async (ctx) => {
      const swarm = await readSwarm(ctx);
      const refused = notManaging(swarm);
      if (refused) return refused;
      const found = await scaledService(ctx, swarm);
      if (!found) return fail('no-published-service');
      const replicas = found.service.Spec.Mode?.Replicated?.Replicas ?? 0;
      const facts = { service: nameOf(found.service), replicas: String(replicas) };
      if (!found.reachedFour) return fail('service-never-four', facts);
      return replicas === 1 ? pass('scaled-four-to-one', facts) : fail('service-not-scaled-down', facts);
    },
    'tasks-placed-across-nodes': async (ctx) => {
      const swarm = await readSwarm(ctx);
      const refused = notManaging(swarm);
      if (refused) return refused;
      const found = await scaledService(ctx, swarm);
      if (!found) return fail('no-published-service');
      const nodes = new Set([...nodesSeen(found.service.ID)]);
      for (const t of swarm.tasks) if (t.serviceId === found.service.ID && t.nodeId && ['running', 'shutdown', 'complete'].includes(t.state)) nodes.add(t.nodeId);
      const facts = { service: nameOf(found.service), nodes: [...nodes].map((id) => hostname(swarm, id)).join(', ') };
      return nodes.size >= 2 ? pass('tasks-on-nodes', facts) : fail('tasks-on-one-node', facts);
    },
  },
  'rolling-update': {
    'service-image-updated': async (ctx) => {
      const swarm = await readSwarm(ctx);
      const refused = notManaging(swarm);
      if (refused) return refused;
      const found = await updatedService(ctx, swarm);
      return found ? pass('image-updated', { service: nameOf(found.service), from: found.from, to: found.to }) : fail('image-not-updated');
    },
    'tasks-replaced-sequentially-with-delay': async (ctx) => {
      const swarm = await readSwarm(ctx);
      const refused = notManaging(swarm);
      if (refused) return refused;
      const found = await updatedService(ctx, swarm);
      if (!found) return fail('image-not-updated');
      const service = toService(found.service, []);
      const facts = { service: service.name, delay: service.updateConfig.delay };
      const timeline = buildTimeline({
        service,
        previousImage: found.from,
        tasks: swarm.tasks,
        nodes: swarm.nodes.map((n) => toNode(n, '')),
        seenRunning: new Map(),
      });
      if (timeline.delayMs <= 0) return fail('no-update-delay', facts);
      if (timeline.live) return fail('rollout-running', facts);
      if (timeline.batches.length < 2) return fail('rollout-not-seen', facts);
      const gaps = timeline.batches.slice(1).map((b, i) => b.startedAt - (timeline.batches[i]?.startedAt ?? 0));
      const shortest = Math.min(...gaps);
      // The swarm waits the delay after a batch runs: each batch starts at least that long after the one before.
      if (shortest < timeline.delayMs * 0.95) return fail('replaced-too-fast', { ...facts, gap: `${(shortest / 1000).toFixed(1)}s` });
      return pass('replaced-with-delay', { ...facts, count: String(timeline.batches.reduce((n, b) => n + b.taskIds.length, 0)), gap: `${(shortest / 1000).toFixed(1)}s` });
    },
  },
};
