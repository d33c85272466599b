import type { z } from 'zod';

import type { MethodSpec, TopicSpec } from './api/common';
import { containersMethods, containersTopics } from './api/containers';
import { engineMethods, engineTopics } from './api/engine';
import { imagesMethods, imagesTopics } from './api/images';
import { learnMethods, learnTopics } from './api/learn';
import { networksMethods, networksTopics } from './api/networks';
import { pruneMethods, pruneTopics } from './api/prune';
import { volumesMethods, volumesTopics } from './api/volumes';

export type { MethodSpec, TopicSpec } from './api/common';

/**
 * The one contract: every backend method and event topic, declared once with zod schemas in
 * shared/api/<area>.ts. Both transports (Electron IPC, the browser bridge's WebSocket) carry
 * exactly these.
 */
export const methods = {
  ...engineMethods,
  ...imagesMethods,
  ...learnMethods,
  ...containersMethods,
  ...pruneMethods,
  ...networksMethods,
  ...volumesMethods,
} as const satisfies Record<string, MethodSpec>;

export const topics = {
  ...imagesTopics,
  ...engineTopics,
  ...learnTopics,
  ...containersTopics,
  ...pruneTopics,
  ...networksTopics,
  ...volumesTopics,
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
