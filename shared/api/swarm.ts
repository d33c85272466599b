import { z } from 'zod';

import {
  AddressCandidate,
  DrainPreview,
  InitRequest,
  JoinTokens,
  LoadSpreadResult,
  NodeAvailability,
  NodeRole,
  NodeSummary,
  NodeUpdate,
  RolloutTimeline,
  ServiceChanges,
  ServiceDetail,
  ServiceForm,
  ServiceLogBatch,
  ServiceSummary,
  SwarmSnapshot,
  SwarmState,
  TaskSummary,
} from '../dto/swarm';
import { JoinToken, LocalAddress, NodeRef, RemoteAddress, ServiceRef, UnlockKey } from '../rules/swarm-names';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

const Service = z.object({ service: ServiceRef }).strict();

/** A field problem of a service form: the field (and row or part) and a code the UI says in words. */
export const ServiceIssue = z.object({
  field: z.string(),
  index: z.number().optional(),
  part: z.string().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** Swarm mode: the swarm, its nodes, services and tasks, rollouts, service logs and the load-spread demonstration. */
export const swarmMethods = {
  'swarm.state': {
    summary: "This engine's place in a swarm (docker info → Swarm): inactive, pending, active as manager or worker, locked, error.",
    params: NoParams,
    result: SwarmState,
  },
  'swarm.snapshot': {
    summary: 'State, nodes, services and tasks read together (what the swarm.watch topic sends after every change).',
    params: NoParams,
    result: SwarmSnapshot,
  },
  'swarm.addresses': {
    summary: "This machine's interface addresses a swarm could advertise.",
    params: NoParams,
    result: z.array(AddressCandidate),
  },
  'swarm.init': {
    summary: '`docker swarm init --advertise-addr …`: this engine becomes the first manager.',
    params: InitRequest,
    result: SwarmState,
  },
  'swarm.join': {
    summary: '`docker swarm join --token … host:2377`; a join that does not finish is cancelled, never left pending.',
    params: z.object({ remoteAddr: RemoteAddress, token: JoinToken, advertiseAddr: LocalAddress.optional(), listenAddr: LocalAddress.optional() }).strict(),
    result: SwarmState,
  },
  'swarm.leave': {
    summary: '`docker swarm leave [--force]`; a manager needs force, and the last manager takes the swarm with it.',
    params: z.object({ force: z.boolean().default(false) }).strict(),
    result: SwarmState,
  },
  'swarm.tokens': {
    summary: '`docker swarm join-token worker|manager`: the join tokens (managers only).',
    params: NoParams,
    result: JoinTokens,
  },
  'swarm.rotateToken': {
    summary: '`docker swarm join-token --rotate ROLE`: the old token stops working; joined nodes stay.',
    params: z.object({ role: NodeRole }).strict(),
    result: JoinTokens,
  },
  'swarm.unlockKey': {
    summary: '`docker swarm unlock-key`: the key a locked manager needs after a restart (autolock on).',
    params: NoParams,
    result: z.object({ key: z.string() }),
  },
  'swarm.setAutolock': {
    summary: '`docker swarm update --autolock=true|false`; turning it on answers the unlock key.',
    params: z.object({ enabled: z.boolean() }).strict(),
    result: z.object({ key: z.string() }),
  },
  'swarm.unlock': {
    summary: '`docker swarm unlock`: unlocks a locked manager with its key.',
    params: z.object({ key: UnlockKey }).strict(),
    result: SwarmState,
  },
  'swarm.nodes.update': {
    summary: '`docker node update --availability …`, promote/demote, --label-add/--label-rm: the whole node spec resent with its version.',
    params: NodeUpdate,
    result: NodeSummary,
  },
  'swarm.nodes.drainPreview': {
    summary: 'Which tasks leave a node set to drain (or pause), and whether other nodes can take them (constraints, resources, image).',
    params: z.object({ node: NodeRef, availability: NodeAvailability.default('drain') }).strict(),
    result: DrainPreview,
  },
  'swarm.nodes.remove': {
    summary: '`docker node rm [--force] NODE`: removes a node that is down (or any, with force).',
    params: z.object({ node: NodeRef, force: z.boolean().default(false) }).strict(),
    result: z.null(),
  },
  'swarm.services.inspect': {
    summary: 'One service: summary, its spec as the form, and the previous spec rollback returns to.',
    params: Service,
    result: ServiceDetail,
  },
  'swarm.services.check': {
    summary: 'Checks a service form before the engine sees it: every problem with its field.',
    params: z.object({ form: ServiceForm }).strict(),
    result: z.array(ServiceIssue),
  },
  'swarm.services.create': {
    summary: '`docker service create …`; a create the engine refuses leaves no service.',
    params: z.object({ form: ServiceForm }).strict(),
    result: z.object({ id: z.string(), warnings: z.array(z.string()) }),
  },
  'swarm.services.scale': {
    summary: '`docker service scale NAME=N` (replicated services only).',
    params: z.object({ service: ServiceRef, replicas: z.number().int().min(0).max(1000) }).strict(),
    result: ServiceSummary,
  },
  'swarm.services.update': {
    summary: '`docker service update …`: the whole spec resent with the version just read; retried when the swarm moved on meanwhile.',
    params: z.object({ service: ServiceRef, changes: ServiceChanges }).strict(),
    result: ServiceSummary,
  },
  'swarm.services.rollback': {
    summary: '`docker service rollback NAME`: back to the previous spec (one level is kept).',
    params: Service,
    result: ServiceSummary,
  },
  'swarm.services.removePreview': {
    summary: 'What `docker service rm` stops: the tasks by node, and the published ports that close.',
    params: Service,
    result: z.object({ service: ServiceSummary, tasks: z.array(TaskSummary) }),
  },
  'swarm.services.remove': {
    summary: '`docker service rm NAME`.',
    params: Service,
    result: z.null(),
  },
  'swarm.services.timeline': {
    summary: 'The rollout timeline: tasks by slot over time, batches, old and new image, from the task history (and live while it runs).',
    params: Service,
    result: RolloutTimeline,
  },
  'swarm.services.loadSpread': {
    summary: 'Requests the tasks behind tasks.<service> from a short-lived helper on the service’s attachable overlay network; shows which task answered.',
    params: z.object({ service: ServiceRef, requests: z.number().int().min(1).max(50).default(12), port: z.number().int().min(1).max(65535).optional() }).strict(),
    result: LoadSpreadResult,
  },
} as const satisfies Record<string, MethodSpec>;

export const swarmTopics = {
  'swarm.watch': {
    summary: 'The swarm snapshot, sent at once and after every change (service and node events; while something converges, a re-read every half second).',
    params: NoParams,
    event: SwarmSnapshot,
  },
  'swarm.logs': {
    summary: '`docker service logs [-f] [--tail N]`: lines of every task with task and node, in batches.',
    params: z
      .object({
        service: ServiceRef,
        follow: z.boolean().default(true),
        tail: z.number().int().min(0).max(10_000).default(200),
      })
      .strict(),
    event: ServiceLogBatch,
  },
} as const satisfies Record<string, TopicSpec>;
