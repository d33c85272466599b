/** The shape every stored object shares; kinds are read through kubernetes-types where their fields matter. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** A JSON value as it arrives from a client. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Read a stored object as a concrete kind (kubernetes-types); the store guarantees metadata. */
export function as<T>(object: KObject): T & { metadata: ObjectMeta } {
  return object as unknown as T & { metadata: ObjectMeta };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** RFC 3339 with seconds, as the API server writes metav1.Time. */
export function timestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** RFC 3339 with microseconds, as metav1.MicroTime. */
export function microTimestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}
