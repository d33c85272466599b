import type { AreaId } from '@shared/areas';
import type { AreaMethodName, AreaTopicName, MethodName, TopicName } from '@shared/contract';

import type { Handler, TopicSource } from '../router';
import type { ServiceName, Services } from '../services';

type MethodHandlers<A extends AreaId> = { [M in AreaMethodName<A>]: M extends MethodName ? Handler<M> : never };
type TopicSources<A extends AreaId> = { [T in AreaTopicName<A>]: T extends TopicName ? TopicSource<T> : never };

/**
 * What an area answers: a handler for each of its methods and, if it has topics, a source for each
 * (shared/areas.ts), over the services it names in `services` (each listed once, and only those can be
 * used; they are made before the area is wired). One missing fails tsc; tests/unit/areas.test.ts finds
 * one that is not the area's.
 */
export type AreaHandlers<A extends AreaId, S extends ServiceName> = {
  services: { readonly [K in S]: true };
  methods(services: Pick<Services, S>): MethodHandlers<A>;
} & ([AreaTopicName<A>] extends [never] ? { topics?: never } : { topics(services: Pick<Services, S>): TopicSources<A> });

/** An area's handlers over whichever services it names (what the area map holds). */
export type SomeAreaHandlers<A extends AreaId> = { services: object; methods(services: never): MethodHandlers<A> } & ([AreaTopicName<A>] extends [never]
  ? { topics?: never }
  : { topics(services: never): TopicSources<A> });
