import { z } from 'zod';

import { DiskUsage, EngineEvent, EngineState, ResourceCounts } from '../dto/engine';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

/** The engine connection, engine-wide counts and disk usage, and the engine's event stream. */
export const engineMethods = {
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

export const engineTopics = {
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

