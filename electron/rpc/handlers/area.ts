import type { AreaId, AreaMethodName, AreaTopicName } from '@shared/areas';
import type { MethodName, TopicName } from '@shared/contract';

import type { Handler, TopicSource } from '../router';
import type { Services } from '../services';

type MethodHandlers<A extends AreaId> = { [M in AreaMethodName<A>]: M extends MethodName ? Handler<M> : never };
type TopicSources<A extends AreaId> = { [T in AreaTopicName<A>]: T extends TopicName ? TopicSource<T> : never };

/**
 * What an area answers: a handler for each of its methods and, if it has topics, a source for each.
 * The area's own methods and topics exactly (shared/areas.ts): one missing or one too many fails tsc.
 */
export type AreaHandlers<A extends AreaId> = {
  methods(services: Services): MethodHandlers<A>;
} & ([AreaTopicName<A>] extends [never] ? { topics?: never } : { topics(services: Services): TopicSources<A> });
