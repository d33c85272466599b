import { describe, expect, expectTypeOf, it } from 'vitest';

import { type EventOf, methods, type ParamsOf, type ResultOf, topics } from '@shared/contract';
import type { EngineEvent, EngineState, ResourceCounts } from '@shared/dto/engine';

describe('the contract', () => {
  it('infers the types the services return and the renderer receives', () => {
    expectTypeOf<ResultOf<'engine.state'>>().toEqualTypeOf<EngineState>();
    expectTypeOf<ResultOf<'system.counts'>>().toEqualTypeOf<ResourceCounts>();
    expectTypeOf<EventOf<'docker.events'>>().toEqualTypeOf<EngineEvent>();
    expectTypeOf<ParamsOf<'system.df'>>().toEqualTypeOf<Record<string, never>>();
  });

  it('gives every method and topic a summary and strict params', () => {
    for (const [name, spec] of [...Object.entries(methods), ...Object.entries(topics)]) {
      expect(spec.summary.length, name).toBeGreaterThan(10);
      expect(spec.params.safeParse({ unknownField: 1 }).success, name).toBe(false);
    }
  });
});
