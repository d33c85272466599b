import { describe, expect, expectTypeOf, it } from 'vitest';

import type { CallContext, Handler } from '../../../electron/rpc/router';
import type { CallOptions } from '../../../renderer/api/client';
import { type EventOf, loadContract, type ParamsOf, type ProgressOf, type ResultOf } from '@shared/contract';
import type { EngineEvent, EngineState, ResourceCounts } from '@shared/dto/engine';
import type { AnalysisProgress, PullProgress } from '@shared/dto/images';
import type { PruneProgress } from '@shared/dto/prune';

const { methods, topics } = await loadContract();

describe('the contract', () => {
  it('infers the types the services return and the renderer receives', () => {
    expectTypeOf<ResultOf<'engine.state'>>().toEqualTypeOf<EngineState>();
    expectTypeOf<ResultOf<'system.counts'>>().toEqualTypeOf<ResourceCounts>();
    expectTypeOf<EventOf<'docker.events'>>().toEqualTypeOf<EngineEvent>();
    expectTypeOf<ParamsOf<'system.df'>>().toEqualTypeOf<Record<string, never>>();
  });

  it('types progress end to end: contract, handler context and client callback', () => {
    expectTypeOf<ProgressOf<'images.pull'>>().toEqualTypeOf<PullProgress>();
    expectTypeOf<ProgressOf<'images.analyze'>>().toEqualTypeOf<AnalysisProgress>();
    expectTypeOf<ProgressOf<'prune.run'>>().toEqualTypeOf<PruneProgress>();
    expectTypeOf<ProgressOf<'system.df'>>().toEqualTypeOf<never>();
    expectTypeOf<Parameters<Handler<'images.pull'>>[1]>().toEqualTypeOf<CallContext<PullProgress>>();
    expectTypeOf<NonNullable<CallOptions<ProgressOf<'prune.run'>>['onProgress']>>().parameter(0).toEqualTypeOf<PruneProgress>();
    const withProgress = Object.entries(methods).filter(([, spec]) => 'progress' in spec).map(([name]) => name);
    expect(withProgress.sort()).toEqual(expect.arrayContaining(['images.analyze', 'images.build', 'images.pull', 'images.push', 'prune.run']));
  });

  it('gives every method and topic a summary and strict params', () => {
    for (const [name, spec] of [...Object.entries(methods), ...Object.entries(topics)]) {
      expect(spec.summary.length, name).toBeGreaterThan(10);
      expect(spec.params.safeParse({ unknownField: 1 }).success, name).toBe(false);
    }
  });
});
