import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';

import { loadContract } from '@shared/contract';
import type { RpcMessage } from '@shared/rpc/jsonrpc';
import { ContainerName, ContainerRef, ImageRef, ImageReference, NetworkName, NetworkRef, ObjectId, VolumeName } from '@shared/rules/names';
import { KubeLabelName, KubeName } from '@shared/rules/kube-names';
import { NodeRef, ServiceName, ServiceRef } from '@shared/rules/swarm-names';

import { type Handlers, Router, type TopicSources } from '../../../electron/rpc/router';
import { staticAreas } from '../../support/areas';

/** The schemas that guard what goes into the engine's URLs, each with a value it lets through. */
const guards = new Map<z.ZodType, string>([
  [ContainerRef, 'web-1'],
  [ContainerName, 'web-1'],
  [VolumeName, 'data'],
  [NetworkRef, 'app-net'],
  [NetworkName, 'app-net'],
  [ImageRef, '127.0.0.1:5000/learn/busybox:1.0'],
  [ImageReference, 'nginx:1.27'],
  [ObjectId, 'abc123'],
  [ServiceRef, 'web'],
  [ServiceName, 'web'],
  [NodeRef, 'lotse-worker-1'],
  [KubeName, 'nginx-deployment'],
  [KubeLabelName, 'entenhausen'],
]);

/** What a client could send to reach another path or query of the engine's API. */
const hostile = ['..', '.', 'x/..', '/name', 'name?force=1&x=', '%2e%2e', 'x%2F..', 'a b', 'x'.repeat(300), '\u0000', 'a#b'];

/** Keys that name an engine object; a plain string under one of them must be accounted for below. */
const OBJECT_KEYS = new Set(['id', 'ids', 'ref', 'refs', 'name', 'names', 'network', 'container', 'volume', 'image', 'source', 'target']);
/** Plain strings under such keys that never go into an engine URL as they are, and why. */
const NOT_ENGINE_NAMES = new Set([
  // The run form: checked field by field (containers.check) before the engine sees any of it; they go into the create body.
  'containers.check spec.image',
  'containers.check spec.name',
  'containers.check spec.network',
  'containers.check spec.mounts.0.source',
  'containers.check spec.mounts.0.target',
  'containers.run spec.image',
  'containers.run spec.name',
  'containers.run spec.network',
  'containers.run spec.mounts.0.source',
  'containers.run spec.mounts.0.target',
  // File names inside the tar archive, checked by the service.
  'containers.copyIn files.0.name',
  // A stage of the Dockerfile (--target).
  'images.build target',
  // The journal's own entry ids: they never reach the engine.
  'learn.journal.record id',
  'learn.journal.finish id',
  // A service's mounts: checked by the form's rules (swarm.services.check) and sent in the spec body.
  'swarm.services.check form.mounts.0.source',
  'swarm.services.check form.mounts.0.target',
  'swarm.services.create form.mounts.0.source',
  'swarm.services.create form.mounts.0.target',
  // RBAC subjects (users, groups, service accounts) go into a SubjectAccessReview's body, never a URL.
  'kube.rbac.canI subject.name',
  'kube.rbac.grants subject.name',
]);

interface Leaf {
  path: (string | number)[];
  /** The union member it sits in, when there is one: `kind=volume`. */
  member?: string;
  guard: z.ZodType;
  /** A value of the whole schema with `value` at `path` (and the literals that pick a union member). */
  make: (value: unknown) => unknown;
}

/** Every guarded string in a schema (paths relative to it), and every plain string under an object key (`at`: where the schema sits). */
function walk(schema: z.ZodType, plain: string[], at: (string | number)[] = []): Leaf[] {
  if (guards.has(schema)) return [{ path: [], guard: schema, make: (value) => value }];
  const def = schema.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'object': {
      const shape = (schema as unknown as z.ZodObject).shape;
      const literals = Object.fromEntries(
        Object.entries(shape).flatMap(([key, field]) => ((field as z.ZodType).def.type === 'literal' ? [[key, (field as z.ZodLiteral).value]] : [])),
      );
      return Object.entries(shape).flatMap(([key, field]) =>
        walk(field as z.ZodType, plain, [...at, key]).map((leaf) => ({
          path: [key, ...leaf.path],
          guard: leaf.guard,
          member: [leaf.member, ...Object.entries(literals).map(([k, v]) => `${k}=${String(v)}`)].filter(Boolean).join(' ') || undefined,
          make: (value: unknown) => ({ ...literals, [key]: leaf.make(value) }),
        })),
      );
    }
    case 'array':
      return walk(def.element as z.ZodType, plain, [...at, 0]).map((leaf) => ({ ...leaf, path: [0, ...leaf.path], make: (value: unknown) => [leaf.make(value)] }));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return walk(def.innerType as z.ZodType, plain, at);
    case 'pipe': {
      // `z.string().trim().pipe(Guard)`: the guard is on the way out.
      const out = walk(def.out as z.ZodType, [], at);
      return out.length ? out : walk(def.in as z.ZodType, plain, at);
    }
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => walk(option, plain, at));
    case 'string': {
      const key = [...at].reverse().find((p) => typeof p === 'string');
      if (key !== undefined && OBJECT_KEYS.has(key)) plain.push(at.join('.'));
      return [];
    }
    default:
      return [];
  }
}

const { methods, topics } = await loadContract();
const entries = [
  ...Object.entries(methods).map(([name, spec]) => ({ kind: 'method' as const, name, params: spec.params as z.ZodType })),
  ...Object.entries(topics).map(([name, spec]) => ({ kind: 'topic' as const, name, params: spec.params as z.ZodType })),
];
const plain: string[] = [];
const targets = entries.flatMap((entry) => {
  const found: string[] = [];
  const leaves = walk(entry.params, found);
  plain.push(...found.map((p) => `${entry.name} ${p}`));
  return leaves.map((leaf) => ({ ...entry, leaf, label: `${entry.name} ${leaf.path.join('.')}${leaf.member ? ` (${leaf.member})` : ''}` }));
});

function makeRouter() {
  const called: string[] = [];
  const handlers = new Proxy({}, { get: (_target, name) => () => (called.push(String(name)), Promise.resolve(null)) }) as Handlers;
  const sources = new Proxy({}, { get: (_target, name) => ({ open: () => (called.push(String(name)), () => undefined) }) }) as TopicSources;
  const router = new Router({ areas: staticAreas(handlers, sources), version: '0.0.0-test' });
  const messages: RpcMessage[] = [];
  const connection = router.connect((m) => messages.push(m));
  return { called, connection, messages };
}

describe('every id, name and reference in the contract', () => {
  it('is guarded by a naming rule, or accounted for', () => {
    expect(new Set(plain)).toEqual(NOT_ENGINE_NAMES);
    const guarded = targets.map((t) => t.label);
    // The methods that reach an object by id or name, at least these (the contract grows).
    for (const expected of [
      'containers.inspect id',
      'containers.remove ids.0',
      'containers.rename name',
      'containers.list ids.0',
      'containers.logs id',
      'containers.stats id',
      'images.inspect ref',
      'images.tag target',
      'images.pull ref',
      'networks.inspect id',
      'networks.disconnect container',
      'networks.connect network',
      'networks.create name',
      'volumes.readFile name',
      'volumes.create name',
      'learn.lab.reset items.0.ref (kind=container)',
      'learn.lab.reset items.0.ref (kind=network)',
      'learn.lab.reset items.0.ref (kind=volume)',
      'learn.lab.reset items.0.ref (kind=image)',
      'swarm.services.scale service',
      'swarm.services.create form.name',
      'swarm.nodes.update node',
      'swarm.logs service',
    ]) {
      expect(guarded).toContain(expected);
    }
  });

  it.each(targets.map((t) => [t.label, t] as const))('%s: hostile values get INVALID_PARAMS, never a handler', async (_label, target) => {
    const { called, connection, messages } = makeRouter();
    const good = guards.get(target.leaf.guard)!;
    const issuesAt = (value: string) =>
      (target.params.safeParse(target.leaf.make(value)).error?.issues ?? []).filter((i) => i.path.join('.') === target.leaf.path.join('.'));
    expect(issuesAt(good)).toEqual([]);
    for (const [index, value] of hostile.entries()) {
      // The refusal is the guard's, at that place, whatever else the params lack.
      expect(issuesAt(value), JSON.stringify(value)).not.toEqual([]);
      const params = target.leaf.make(value);
      connection.receive(
        target.kind === 'method'
          ? { jsonrpc: '2.0', id: index, method: target.name, params }
          : { jsonrpc: '2.0', id: index, method: 'rpc.subscribe', params: { topic: target.name, params } },
      );
    }
    await vi.waitFor(() => expect(messages.filter((m) => 'id' in m)).toHaveLength(hostile.length));
    for (const message of messages) expect(message, JSON.stringify(message)).toMatchObject({ error: { code: -32602, data: { code: 'INVALID_PARAMS' } } });
    expect(called).toEqual([]);
  });
});
