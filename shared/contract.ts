import type { z } from 'zod';

import type { MethodSpec, TopicSpec } from './api/common';
import type { AreaId } from './areas';

export type { MethodSpec, TopicSpec } from './api/common';

/**
 * Each area's methods and topics, keyed by the area list (shared/areas.ts): an area left out fails tsc.
 * Loaded when the area is first used: building the schemas of every area costs the backend memory and
 * start-up time for areas a learner may never open.
 */
export const areaContracts = {
  dashboard: async () => {
    const { engineMethods: methods, engineTopics: topics } = await import('./api/engine');
    return { methods, topics };
  },
  images: async () => {
    const { imagesMethods: methods, imagesTopics: topics } = await import('./api/images');
    return { methods, topics };
  },
  containers: async () => {
    const { containersMethods: methods, containersTopics: topics } = await import('./api/containers');
    return { methods, topics };
  },
  networks: async () => {
    const { networksMethods: methods, networksTopics: topics } = await import('./api/networks');
    return { methods, topics };
  },
  volumes: async () => {
    const { volumesMethods: methods, volumesTopics: topics } = await import('./api/volumes');
    return { methods, topics };
  },
  prune: async () => {
    const { pruneMethods: methods, pruneTopics: topics } = await import('./api/prune');
    return { methods, topics };
  },
  compose: async () => {
    const { composeMethods: methods, composeTopics: topics } = await import('./api/compose');
    return { methods, topics };
  },
  swarm: async () => {
    const { swarmMethods: methods, swarmTopics: topics } = await import('./api/swarm');
    return { methods, topics };
  },
  kube: async () => {
    const { kubeMethods: methods, kubeTopics: topics } = await import('./api/kube');
    return { methods, topics };
  },
  learn: async () => {
    const { learnMethods: methods, learnTopics: topics } = await import('./api/learn');
    return { methods, topics };
  },
} as const satisfies {
  readonly [A in AreaId]: () => Promise<{ readonly methods: Readonly<Record<string, MethodSpec>>; readonly topics: Readonly<Record<string, TopicSpec>> }>;
};

/** One area's contract, as its loader gives it. */
export type AreaContract<A extends AreaId> = Awaited<ReturnType<(typeof areaContracts)[A]>>;
export type AreaMethodName<A extends AreaId> = keyof AreaContract<A>['methods'] & string;
export type AreaTopicName<A extends AreaId> = keyof AreaContract<A>['topics'] & string;

/** One object type with the members of every type of the union U. */
type Merged<U> = (U extends unknown ? (member: U) => void : never) extends (merged: infer I) => void ? I : never;

/**
 * The one contract: every backend method and event topic, declared once with zod schemas in
 * shared/api/<area>.ts and listed by area above. Both transports (Electron IPC, the
 * browser bridge's WebSocket) carry exactly these.
 */
export type Methods = Merged<AreaContract<AreaId>['methods']>;
export type Topics = Merged<AreaContract<AreaId>['topics']>;
export type MethodName = keyof Methods;
export type TopicName = keyof Topics;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
/** What a method's `$/progress` notifications carry; `never` for methods that report none. */
export type ProgressOf<M extends MethodName> = Methods[M] extends { progress: infer P extends z.ZodType } ? z.output<P> : never;
export type TopicParamsOf<T extends TopicName> = z.input<Topics[T]['params']>;
export type EventOf<T extends TopicName> = z.output<Topics[T]['event']>;

/** Every area's contract at once: the OpenRPC document and the tests that walk the whole contract. */
export async function loadContract(): Promise<{ methods: Methods; topics: Topics }> {
  const loaded = await Promise.all(Object.values(areaContracts).map((load) => load()));
  return {
    methods: Object.assign({}, ...loaded.map((area) => area.methods)) as Methods,
    topics: Object.assign({}, ...loaded.map((area) => area.topics)) as Topics,
  };
}
