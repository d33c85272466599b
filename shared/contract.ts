import type { z } from 'zod';

import type { MethodSpec, TopicSpec } from './api/common';
import { composeMethods, composeTopics } from './api/compose';
import { containersMethods, containersTopics } from './api/containers';
import { engineMethods, engineTopics } from './api/engine';
import { imagesMethods, imagesTopics } from './api/images';
import { kubeMethods, kubeTopics } from './api/kube';
import { learnMethods, learnTopics } from './api/learn';
import { networksMethods, networksTopics } from './api/networks';
import { pruneMethods, pruneTopics } from './api/prune';
import { swarmMethods, swarmTopics } from './api/swarm';
import { volumesMethods, volumesTopics } from './api/volumes';
import type { AreaId } from './areas';

export type { MethodSpec, TopicSpec } from './api/common';

/** Each area's methods and topics, keyed by the area list (shared/areas.ts): an area left out fails tsc. */
export const areaContracts = {
  dashboard: { methods: engineMethods, topics: engineTopics },
  images: { methods: imagesMethods, topics: imagesTopics },
  containers: { methods: containersMethods, topics: containersTopics },
  networks: { methods: networksMethods, topics: networksTopics },
  volumes: { methods: volumesMethods, topics: volumesTopics },
  prune: { methods: pruneMethods, topics: pruneTopics },
  compose: { methods: composeMethods, topics: composeTopics },
  swarm: { methods: swarmMethods, topics: swarmTopics },
  kube: { methods: kubeMethods, topics: kubeTopics },
  learn: { methods: learnMethods, topics: learnTopics },
} as const satisfies { readonly [A in AreaId]: { readonly methods: Readonly<Record<string, MethodSpec>>; readonly topics: Readonly<Record<string, TopicSpec>> } };

type AreaContract = (typeof areaContracts)[AreaId];
export type AreaMethodName<A extends AreaId> = keyof (typeof areaContracts)[A]['methods'] & string;
export type AreaTopicName<A extends AreaId> = keyof (typeof areaContracts)[A]['topics'] & string;

/** One object type with the members of every type of the union U. */
type Merged<U> = (U extends unknown ? (member: U) => void : never) extends (merged: infer I) => void ? I : never;

/**
 * The one contract: every backend method and event topic, declared once with zod schemas in
 * shared/api/<area>.ts and listed by area above. Both transports (Electron IPC, the
 * browser bridge's WebSocket) carry exactly these.
 */
export const methods = Object.assign({}, ...Object.values(areaContracts).map((area) => area.methods)) as Merged<AreaContract['methods']>;

export const topics = Object.assign({}, ...Object.values(areaContracts).map((area) => area.topics)) as Merged<AreaContract['topics']>;

export type Methods = typeof methods;
export type Topics = typeof topics;
export type MethodName = keyof Methods;
export type TopicName = keyof Topics;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
/** What a method's `$/progress` notifications carry; `never` for methods that report none. */
export type ProgressOf<M extends MethodName> = Methods[M] extends { progress: infer P extends z.ZodType } ? z.output<P> : never;
export type TopicParamsOf<T extends TopicName> = z.input<Topics[T]['params']>;
export type EventOf<T extends TopicName> = z.output<Topics[T]['event']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(topics, name);
}
