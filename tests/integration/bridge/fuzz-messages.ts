/**
 * Hostile JSON-RPC messages, generated from the contract as `rpc.discover` describes it and from a
 * seed, so a failing run can be repeated exactly.
 */

/** mulberry32: a tiny seeded PRNG, good enough to pick and mutate test inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minItems?: number;
  minimum?: number;
  pattern?: string;
}

/** One method (or topic, as `rpc.subscribe#topic`) of the OpenRPC document. */
export interface DiscoveredMethod {
  name: string;
  params: { name: string; schema: JsonSchema }[];
}

export type Expectation =
  /** A request with this id: exactly one answer with it. */
  | { kind: 'answer'; id: number }
  /** Not a usable request: exactly one error answer (id null or the message's own). */
  | { kind: 'error' }
  /** A well-formed notification: no answer. */
  | { kind: 'none' };

export interface FuzzMessage {
  /** The frame as sent; binary frames carry bytes that are not UTF-8. */
  data: string | Buffer;
  expect: Expectation;
  /** What the message tries, for reports. */
  label: string;
  /** The method it calls, when it calls one (topics as `rpc.subscribe#topic`). */
  method?: string;
  /** A call whose only fault is a hostile id: it must be refused before the engine sees the id. */
  hostileId?: string;
  /** The parsed params, for checking against the contract. */
  params?: unknown;
}

/** Messages of the wrong-type and the hostile-id parts: with the broken envelopes (400), about 2,400. */
const WRONG_TYPE_BUDGET = 1100;
const HOSTILE_ID_BUDGET = 900;
const CORE_HOSTILE_IDS = 7;

/**
 * Ids that no engine object has and that must never reach a request path as they are. The first
 * seven go into every id-like param first; the others follow in an order the seed picks.
 */
export const hostileIds: string[] = [
  '..',
  'x/..',
  '/name',
  'name?force=1&x=',
  '%2e%2e',
  '名前',
  'x'.repeat(100_000),
  '.',
  '../x',
  'name/',
  'a/b',
  'name#x',
  '%2E%2E%2Fimages',
  'x%2F..',
  'na\u0000me',
  'na me',
  'a\\b',
  '-rf',
  'name\r\nX-Injected: 1',
  'Größe',
  '\u{1F433}',
  '\u202Eeman',
  'x'.repeat(300),
];

/** Ids of nothing that exists, in each grammar an id-like param may have (name, hex id, registry). */
const benignIds = ['lotse-fuzz-none', 'abcdef0123456789', 'lotse-fuzz/none:0', '127.0.0.1:1'];

/** Param names that name an engine object (or a session, exercise or registry looked up by it). */
const ID_LIKE = /^(ids?|ref|source|target|name|network|container|image|session|exerciseId|server)$/;

/** Values for required fields around the one under test: valid, but nothing by these names exists. */
function placeholder(key: string | undefined, schema: JsonSchema): string {
  if (schema.pattern?.startsWith('^\\/')) return '/';
  switch (key) {
    case 'contextDir':
      return '/nonexistent-lotse-fuzz';
    case 'server':
      return '127.0.0.1:1';
    case 'image':
      return '127.0.0.1:1/lotse-fuzz/none:0';
    case 'ref':
    case 'source':
    case 'target':
    case 'tag':
      return 'lotse-fuzz/none:0';
    default:
      return 'lotse-fuzz-none';
  }
}

/** The smallest value the schema accepts: required fields only. */
export function minimal(schema: JsonSchema, key?: string): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return minimal(schema.anyOf.find((s) => s.type !== 'null') ?? {}, key);
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      return Object.fromEntries((schema.required ?? []).map((k) => [k, minimal(props[k] ?? {}, k)]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => minimal(schema.items ?? {}, key));
    case 'string':
      return placeholder(key, schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

type Path = (string | 0)[];

/** A valid value of the schema with `value` at `path` (arrays get one element there). */
export function withValueAt(schema: JsonSchema, path: Path, value: unknown, key?: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === 0) {
    const items = schema.items ?? {};
    const others = Array.from({ length: Math.max(0, (schema.minItems ?? 1) - 1) }, () => minimal(items, key));
    return [withValueAt(items, rest, value, key), ...others];
  }
  const object = minimal(schema, key) as Record<string, unknown>;
  object[head] = withValueAt(schema.properties?.[head] ?? {}, rest, value, head);
  return object;
}

/** Where a schema holds id-like strings: property paths, with 0 for "an element of this array". */
export function idLocations(schema: JsonSchema, path: Path = []): Path[] {
  const found: Path[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const isFree = (s: JsonSchema | undefined): boolean => s?.type === 'string' && s.enum === undefined && !('const' in s);
    if (isFree(prop) && ID_LIKE.test(key)) found.push([...path, key]);
    else if (prop.type === 'array' && isFree(prop.items) && ID_LIKE.test(key)) found.push([...path, key, 0]);
    else if (prop.type === 'object') found.push(...idLocations(prop, [...path, key]));
    else if (prop.type === 'array' && prop.items?.type === 'object') found.push(...idLocations(prop.items, [...path, key, 0]));
  }
  return found;
}

function paramsSchema(method: DiscoveredMethod): JsonSchema {
  return method.params.find((p) => p.name === 'params')?.schema ?? {};
}

/** How a method is called: topics through rpc.subscribe. */
function envelope(method: string, id: number, paramsText: string): string {
  const topic = /^rpc\.subscribe#(.+)$/.exec(method)?.[1];
  if (topic) return `{"jsonrpc":"2.0","id":${id},"method":"rpc.subscribe","params":{"topic":${JSON.stringify(topic)},"params":${paramsText}}}`;
  return `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${paramsText}}`;
}

const deepArray = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number): string => '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth);

export interface GenerateOptions {
  seed: number;
  methods: DiscoveredMethod[];
  /** The bridge's byte limit: one message goes just past it. */
  maxMessageBytes: number;
  /** Whether params would pass the contract (the same check the router makes); those are left out of the wrong-type part. */
  accepts(method: string, params: unknown): boolean;
}

/**
 * About 2,400 messages in three parts: a broken envelope, wrong types for every method, and hostile
 * ids in otherwise valid calls. Every request gets its own numeric id (from 1).
 */
export function generateFuzz(options: GenerateOptions): { messages: FuzzMessage[]; unbuildable: string[] } {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const messages: FuzzMessage[] = [];
  let nextId = 1;
  const request = (label: string, method: string, paramsText: string, extra: Partial<FuzzMessage> = {}): void => {
    const id = nextId++;
    messages.push({ data: envelope(method, id, paramsText), expect: { kind: 'answer', id }, label, method, ...extra });
  };
  const broken = (label: string, data: string | Buffer): void => {
    messages.push({ data, expect: { kind: 'error' }, label });
  };

  // 1. The envelope: not JSON, not JSON-RPC, wrong versions, ids and methods of the wrong type, size.
  const valid = (id: unknown = nextId): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'engine.state', params: {} });
  for (const text of ['', ' ', 'null', 'true', '1', '"x"', '[]', '[1,2]', '{}', '{', '}', '[', ']]]', 'NaN', "{'jsonrpc':'2.0'}", '\u0000', '{"jsonrpc":"2.0"']) {
    broken(`not a request: ${JSON.stringify(text)}`, text);
  }
  broken('trailing garbage', `${valid()}garbage`);
  broken('byte order mark', `\uFEFF${valid()}`);
  broken('lone surrogate escape', '{"jsonrpc":"2.0","id":"\\ud800","method":"engine.state"');
  broken('batch', `[${valid(1)},${valid(2)}]`);
  for (const version of ['1.0', '2', 2, 2.0, null, ['2.0'], '2.0 ', undefined]) {
    broken(`jsonrpc ${JSON.stringify(version)}`, JSON.stringify({ jsonrpc: version, id: nextId, method: 'engine.state', params: {} }));
  }
  for (const id of [null, true, false, {}, [], [1], { id: 1 }, 'x'.repeat(1_000), 'x'.repeat(1_000_000)]) {
    broken(`id ${JSON.stringify(id).slice(0, 20)}`, valid(id));
  }
  broken('id 1e400', '{"jsonrpc":"2.0","id":1e400,"method":"engine.state"}');
  broken('id -1e400', '{"jsonrpc":"2.0","id":-1e400,"method":"engine.state"}');
  for (const method of [1, null, [], {}, true]) {
    broken(`method ${JSON.stringify(method)}`, JSON.stringify({ jsonrpc: '2.0', id: nextId, method }));
  }
  for (const method of ['', 'x'.repeat(100_000), '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'rpc.discover ', 'ENGINE.STATE', '$/cancelRequest', 'rpc.event', '$/progress']) {
    request(`method ${JSON.stringify(method).slice(0, 30)}`, method, '{}');
  }
  for (const params of ['"x"', '1', 'null', '[]', '{"topic":1}', '{"topic":"__proto__"}', '{"topic":"docker.events","params":"x"}']) {
    request(`rpc.subscribe ${params}`, 'rpc.subscribe', params);
  }
  for (const params of ['{}', '{"subscription":1}', '{"subscription":"s999999"}', '[]', '"x"']) request(`rpc.unsubscribe ${params}`, 'rpc.unsubscribe', params);
  // Notifications never get an answer, well-formed or not in their params.
  for (const params of ['{}', '{"id":{}}', '"x"', '[1]']) {
    messages.push({ data: `{"jsonrpc":"2.0","method":"$/cancelRequest","params":${params}}`, expect: { kind: 'none' }, label: `cancel ${params}` });
  }
  messages.push({ data: '{"jsonrpc":"2.0","method":"engine.state"}', expect: { kind: 'none' }, label: 'notification for a method' });
  broken('nesting 33', `{"jsonrpc":"2.0","id":${nextId},"method":"engine.state","params":${deepArray(33)}}`);
  broken('nesting 10,000', `{"jsonrpc":"2.0","id":${nextId},"method":"engine.state","params":${deepObject(10_000)}}`);
  broken('nesting 1,000,000', deepArray(1_000_000));
  broken('200,000 elements', `{"jsonrpc":"2.0","id":${nextId},"method":"engine.state","params":[${'0,'.repeat(199_999)}0]}`);
  broken('200,000 keys', `{"jsonrpc":"2.0","id":${nextId},"method":"engine.state","params":{${Array.from({ length: 200_000 }, (_, i) => `"k${i}":0`).join(',')}}}`);
  broken('a 10 kB key', `{"jsonrpc":"2.0","id":${nextId},"method":"engine.state","params":{"${'k'.repeat(10_000)}":1}}`);
  broken('one byte too many', `{"jsonrpc":"2.0","id":${nextId},"method":"engine.state","params":{"pad":"${'x'.repeat(options.maxMessageBytes)}"}}`);
  for (let i = 0; i < 4; i++) broken('binary frame', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, i]));
  // Random damage to a valid request: cut short, a character replaced, a character inserted.
  const sample = (): string => envelope(pick(options.methods).name, 0, '{}');
  const noise = ['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '\u2028', 'é', '\uD83D\uDC33', 'x', '0'];
  while (messages.length < 400) {
    const text = sample();
    const at = Math.floor(random() * text.length);
    const damage = random();
    const data =
      damage < 0.34 ? text.slice(0, at) : damage < 0.67 ? text.slice(0, at) + pick(noise) + text.slice(at + 1) : text.slice(0, at) + pick(noise) + text.slice(at);
    const parsed = tryParse(data);
    if (parsed.ok && isCall(parsed.value)) continue; // still a usable request or notification: not what this part is for
    broken('damaged request', data);
  }

  // 2. Wrong types for every method, whole params and each field.
  // `bounded`: over the bridge's limits (nesting, list length), so refused before it is parsed, id unknown.
  const wrongValues: { text: string; value?: unknown; bounded?: true }[] = [
    ...[null, 0, -1, 1.5, 1e308, '', 'x', true, false, [], [1, 'a', null], {}, { extra: 1 }, { __proto__: null, constructor: { prototype: { polluted: 1 } } }].map(
      (value) => ({ text: JSON.stringify(value), value }),
    ),
    { text: '{"__proto__":{"polluted":1}}' },
    { text: deepObject(20) },
    { text: deepArray(30) },
    { text: deepObject(5_000), bounded: true },
    { text: `[${'"x",'.repeat(19_999)}"x"]`, bounded: true },
    { text: JSON.stringify('x'.repeat(200_000)) },
    { text: `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}":${i}`).join(',')}}` },
  ];
  const fieldValues = [null, 0, -1, 2 ** 53 + 2, 1.5, '', true, [], [null], {}, { x: 1 }, ['x'.repeat(70_000)], 'x'.repeat(70_000)];
  const wrongTypes: Draft[][] = [];
  for (const method of options.methods) {
    const schema = paramsSchema(method);
    const drafts: Draft[] = [];
    for (const wrong of shuffle(wrongValues, random)) {
      if (wrong.value !== undefined && options.accepts(method.name, wrong.value)) continue;
      drafts.push({ label: `${method.name} params ${wrong.text.slice(0, 30)}`, method: method.name, paramsText: wrong.text, params: wrong.value, bounded: wrong.bounded });
    }
    for (const key of Object.keys(schema.properties ?? {})) {
      for (let i = 0; i < 2; i++) {
        const value = withValueAt(schema, [key], pick(fieldValues));
        if (options.accepts(method.name, value)) continue;
        drafts.push({ label: `${method.name} ${key} of a wrong type`, method: method.name, paramsText: JSON.stringify(value), params: value });
      }
    }
    wrongTypes.push(shuffle(drafts, random));
  }

  // 3. Hostile ids in calls that are otherwise valid.
  const unbuildable: string[] = [];
  const hostile: Draft[][] = [];
  for (const method of options.methods) {
    const schema = paramsSchema(method);
    for (const path of idLocations(schema)) {
      const where = `${method.name} ${path.join('.')}`;
      const at = (id: string, extra: object): unknown => ({ ...(withValueAt(schema, path, id) as object), ...extra });
      // The call must be valid with a harmless id there, so that the hostile id is its only fault. Rules
      // across fields (one of path or files) the schema does not show: one optional field may be added.
      const optional = Object.keys(schema.properties ?? {}).filter((k) => !schema.required?.includes(k) && k !== path[0]);
      const extras = [{}, ...optional.map((k) => ({ [k]: minimal(schema.properties?.[k] ?? {}, k) }))];
      const extra = extras.find((e) => benignIds.some((id) => options.accepts(method.name, at(id, e))));
      if (!extra) unbuildable.push(where);
      hostile.push(
        [...hostileIds.slice(0, CORE_HOSTILE_IDS), ...shuffle(hostileIds.slice(CORE_HOSTILE_IDS), random)].map((id) => {
          const params = at(id, extra ?? {});
          return { label: `${where} = ${JSON.stringify(id).slice(0, 30)}`, method: method.name, paramsText: JSON.stringify(params), params, hostileId: id };
        }),
      );
    }
  }

  // However many methods the contract has: every method and every id-like param in turn, up to a budget.
  for (const draft of [...roundRobin(wrongTypes, WRONG_TYPE_BUDGET), ...roundRobin(hostile, HOSTILE_ID_BUDGET)]) {
    const { paramsText, bounded, label, ...rest } = draft;
    if (bounded) messages.push({ data: envelope(draft.method, nextId++, paramsText), expect: { kind: 'error' }, label, method: draft.method });
    else request(label, draft.method, paramsText, rest);
  }
  return { messages, unbuildable };
}

/** A request before it has its id. */
interface Draft {
  label: string;
  method: string;
  paramsText: string;
  params?: unknown;
  hostileId?: string;
  bounded?: true | undefined;
}

/** One from each group in turn until the budget is spent or every group is empty. */
function roundRobin<T>(groups: T[][], budget: number): T[] {
  const taken: T[] = [];
  for (let round = 0; taken.length < budget; round++) {
    const before = taken.length;
    for (const group of groups) {
      const item = group[round];
      if (item !== undefined && taken.length < budget) taken.push(item);
    }
    if (taken.length === before) break;
  }
  return taken;
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isCall(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.jsonrpc === '2.0' && typeof v.method === 'string';
}
