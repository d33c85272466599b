import { z } from 'zod';

import {
  DiskUsage,
  EngineEvent,
  EngineState,
  ResourceCounts,
} from './dto/engine';

/**
 * The one contract: every backend method and event topic, declared once with zod schemas.
 * Both transports (Electron IPC, the browser bridge's WebSocket) carry exactly these.
 */
export interface MethodSpec {
  readonly summary: string;
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

export interface TopicSpec {
  readonly summary: string;
  readonly params: z.ZodType;
  readonly event: z.ZodType;
}

const NoParams = z.object({}).strict();

export const methods = {
  'engine.state': {
    summary: 'The connection to the Docker engine: endpoint, state, engine facts.',
    params: NoParams,
    result: EngineState,
  },
  'engine.reconnect': {
    summary: 'Try to reach the engine now instead of waiting for the next retry.',
    params: NoParams,
    result: EngineState,
  },
  'system.counts': {
    summary: 'How many images, containers (running, paused, stopped), networks and volumes exist.',
    params: NoParams,
    result: ResourceCounts,
  },
  'system.df': {
    summary: 'Disk usage as `docker system df` reports it, with reclaimable space.',
    params: NoParams,
    result: DiskUsage,
  },
} as const satisfies Record<string, MethodSpec>;

export const topics = {
  'engine.state': {
    summary: 'The engine connection state; sent at once on subscribe and on every change.',
    params: NoParams,
    event: EngineState,
  },
  'docker.events': {
    summary: "The engine's event stream (GET /events), optionally filtered by object type.",
    params: z.object({ types: z.array(z.string()).optional() }).strict(),
    event: EngineEvent,
  },
} as const satisfies Record<string, TopicSpec>;

export type Methods = typeof methods;
export type Topics = typeof topics;
export type MethodName = keyof Methods;
export type TopicName = keyof Topics;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
export type TopicParamsOf<T extends TopicName> = z.input<Topics[T]['params']>;
export type EventOf<T extends TopicName> = z.output<Topics[T]['event']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(topics, name);
}
