import type { z } from 'zod';

import { type Area, areas } from './areas';

export type { MethodSpec, TopicSpec } from './api/common';

/** One object type with the members of every type of the union U. */
type Merged<U> = (U extends unknown ? (member: U) => void : never) extends (merged: infer I) => void ? I : never;

/**
 * The one contract: every backend method and event topic, declared once with zod schemas in
 * shared/api/<area>.ts and listed by area in shared/areas.ts. Both transports (Electron IPC, the
 * browser bridge's WebSocket) carry exactly these.
 */
export const methods = Object.assign({}, ...areas.map((area) => area.methods)) as Merged<Area['methods']>;

export const topics = Object.assign({}, ...areas.map((area) => area.topics)) as Merged<Area['topics']>;

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
