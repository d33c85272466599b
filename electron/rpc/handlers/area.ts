import type { AreaId } from '@shared/areas';
import type { AreaMethodName, AreaTopicName, MethodName, TopicName } from '@shared/contract';

import type { Handler, TopicSource } from '../router';
import type { Services } from '../services';

type MethodHandlers<A extends AreaId> = { [M in AreaMethodName<A>]: M extends MethodName ? Handler<M> : never };
type TopicSources<A extends AreaId> = { [T in AreaTopicName<A>]: T extends TopicName ? TopicSource<T> : never };

/**
 * What an area answers: a handler for each of its methods and, if it has topics, a source for each
 * (shared/areas.ts). One missing fails tsc; tests/unit/areas.test.ts finds one that is not the area's.
 */
export type AreaHandlers<A extends AreaId> = {
  methods(services: Services): MethodHandlers<A>;
} & ([AreaTopicName<A>] extends [never] ? { topics?: never } : { topics(services: Services): TopicSources<A> });
