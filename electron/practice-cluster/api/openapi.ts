import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { RESOURCES, type ResourceType } from './resources';

/**
 * OpenAPI v3 documents and strict field validation, generated from the type metadata that
 * @kubernetes/client-node ships for every Kubernetes model (field names, types, formats) and the descriptions in
 * its declaration files. Nothing here is copied from another repository: the documents are built at run time.
 */
interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

export type TypeRef =
  | { t: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'int-or-string' | 'any'; format?: string }
  | { t: 'array'; of: TypeRef }
  | { t: 'map'; of: TypeRef }
  | { t: 'ref'; model: string };

export interface Model {
  name: string;
  description: string;
  fields: Map<string, { type: TypeRef; description: string }>;
}

const require = createRequire(import.meta.url);
const models = new Map<string, Model | null>();

function modelPath(name: string): string | undefined {
  try {
    return require.resolve(`@kubernetes/client-node/dist/gen/models/${name}.js`);
  } catch {
    return undefined;
  }
}

function parseType(type: string, format: string): TypeRef {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { t: 'array', of: parseType(array[1] ?? 'any', '') };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { t: 'map', of: parseType(map[1] ?? 'any', '') };
  switch (type) {
    case 'string':
      return { t: 'string', ...(format ? { format } : {}) };
    case 'number':
      return format === 'int32' || format === 'int64' ? { t: 'integer', format } : { t: 'number', ...(format ? { format } : {}) };
    case 'boolean':
      return { t: 'boolean' };
    case 'Date':
      return { t: 'date', format: 'date-time' };
    case 'IntOrString':
      return { t: 'int-or-string' };
    case 'any':
    case 'object':
      return { t: 'any' };
    default:
      return { t: 'ref', model: type };
  }
}

function descriptions(jsPath: string): { cls: string; fields: Map<string, string> } {
  const dts = jsPath.replace(/\.js$/, '.d.ts');
  const fields = new Map<string, string>();
  if (!existsSync(dts)) return { cls: '', fields };
  const text = readFileSync(dts, 'utf8');
  const clean = (block: string): string =>
    block
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n')
      .trim();
  for (const m of text.matchAll(/\/\*\*\n((?:[ \t]*\*.*\n)*?)[ \t]*\*\/\n[ \t]*'(\w+)'\??:/g)) fields.set(m[2] ?? '', clean(m[1] ?? ''));
  const cls = /\/\*\*\n((?:[ \t]*\*.*\n)*?)[ \t]*\*\/\nexport declare class/.exec(text);
  return { cls: cls ? clean(cls[1] ?? '') : '', fields };
}

export function loadModel(name: string): Model | undefined {
  const cached = models.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const path = modelPath(name);
  let model: Model | null = null;
  if (path) {
    const mod = require(path) as Record<string, { attributeTypeMap?: Attribute[] } | undefined>;
    const attrs = mod[name]?.attributeTypeMap;
    if (attrs) {
      const docs = descriptions(path);
      model = {
        name,
        description: docs.cls,
        fields: new Map(attrs.map((a) => [a.baseName, { type: parseType(a.type, a.format), description: docs.fields.get(a.name) ?? '' }])),
      };
    }
  }
  models.set(name, model);
  return model ?? undefined;
}

// ---------------------------------------------------------------------------------------------------------
// strict field validation

export interface FieldProblem {
  kind: 'unknown' | 'type';
  path: string;
  message: string;
}

const goType = (t: TypeRef): string => {
  switch (t.t) {
    case 'integer':
      return t.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${goType(t.of)}`;
    case 'map':
      return `map[string]${goType(t.of)}`;
    case 'ref':
      return `v1.${shortName(t.model)}`;
    default:
      return 'string';
  }
};

const jsonKind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** Unknown fields and type mismatches of an object against its model, with the paths the real server reports. */
export function checkFields(modelName: string, value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (t: TypeRef, v: unknown, path: string, parent: string): void => {
    if (v === null || v === undefined) return;
    const mismatch = (): void => {
      problems.push({ kind: 'type', path, message: `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${parent}.${path} of type ${goType(t)}` });
    };
    switch (t.t) {
      case 'any':
        return;
      case 'string':
      case 'date':
        if (typeof v !== 'string') mismatch();
        return;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v)) mismatch();
        return;
      case 'number':
        if (typeof v !== 'number') mismatch();
        return;
      case 'boolean':
        if (typeof v !== 'boolean') mismatch();
        return;
      case 'int-or-string':
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) mismatch();
        return;
      case 'array':
        if (!Array.isArray(v)) return mismatch();
        v.forEach((item, i) => visit(t.of, item, `${path}[${i}]`, parent));
        return;
      case 'map':
        if (typeof v !== 'object' || Array.isArray(v)) return mismatch();
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) visit(t.of, item, `${path}[${k}]`, parent);
        return;
      case 'ref': {
        const model = loadModel(t.model);
        if (!model) return;
        if (typeof v !== 'object' || Array.isArray(v)) return mismatch();
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          const field = model.fields.get(k);
          const childPath = path ? `${path}.${k}` : k;
          if (!field) problems.push({ kind: 'unknown', path: childPath, message: `unknown field "${childPath}"` });
          else visit(field.type, item, childPath, shortName(model.name));
        }
      }
    }
  };
  visit({ t: 'ref', model: modelName }, value, '', shortName(modelName));
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// documents

/** `V1DeploymentSpec` → `DeploymentSpec`, `CoreV1Event` → `Event`. */
export function shortName(model: string): string {
  return model.replace(/^[A-Z][a-z]*V\d+(alpha\d+|beta\d+)?(?=[A-Z])/, '').replace(/^V\d+(alpha\d+|beta\d+)?(?=[A-Z])/, '');
}

function schemaName(model: string): string {
  const m = /^([A-Z][a-z]*)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z].*)$/.exec(model);
  if (!m) return `io.k8s.practice.${model}`;
  const group = (m[1] ?? 'core').toLowerCase();
  return `io.k8s.practice.${group}.${(m[2] ?? 'v1').toLowerCase()}.${m[3] ?? model}`;
}

type Schema = Record<string, unknown>;

function toSchema(t: TypeRef, description: string, reach: Set<string>): Schema {
  const d = description ? { description } : {};
  switch (t.t) {
    case 'string':
      return { type: 'string', ...(t.format ? { format: t.format } : {}), ...d };
    case 'date':
      return { type: 'string', format: 'date-time', ...d };
    case 'integer':
      return { type: 'integer', format: t.format ?? 'int32', ...d };
    case 'number':
      return { type: 'number', format: t.format ?? 'double', ...d };
    case 'boolean':
      return { type: 'boolean', ...d };
    case 'int-or-string':
      return { 'x-kubernetes-int-or-string': true, ...d };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...d };
    case 'array':
      return { type: 'array', items: toSchema(t.of, '', reach), ...d };
    case 'map':
      return { type: 'object', additionalProperties: toSchema(t.of, '', reach), ...d };
    case 'ref':
      reach.add(t.model);
      return { allOf: [{ $ref: `#/components/schemas/${schemaName(t.model)}` }], default: {}, ...d };
  }
}

function modelSchema(model: Model, reach: Set<string>, gvk?: { group: string; version: string; kind: string }): Schema {
  const properties: Record<string, Schema> = {};
  for (const [name, field] of model.fields) properties[name] = toSchema(field.type, field.description, reach);
  return {
    type: 'object',
    ...(model.description ? { description: model.description } : {}),
    properties,
    ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
  };
}

export interface OpenApiDocs {
  root: string;
  byPath: Map<string, { json: string; hash: string }>;
}

let built: OpenApiDocs | undefined;

function gvPath(r: Pick<ResourceType, 'group' | 'version'>): string {
  return r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
}

function paths(r: ResourceType): Record<string, unknown> {
  const base = `/${gvPath(r)}`;
  const item = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}/{name}` : `${base}/${r.resource}/{name}`;
  const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const params = [{ name: 'dryRun', in: 'query', schema: { type: 'string' } }, { name: 'fieldManager', in: 'query', schema: { type: 'string' } }, { name: 'fieldValidation', in: 'query', schema: { type: 'string' } }];
  const op = (action: string, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    operationId: `${id}${r.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    parameters: action === 'patch' || action === 'put' || action === 'post' ? [...params, ...(action === 'patch' ? [{ name: 'force', in: 'query', schema: { type: 'boolean' } }] : [])] : [],
    responses: { '200': { description: 'OK' } },
    ...extra,
  });
  const verbs = new Set(r.verbs);
  const out: Record<string, unknown> = {};
  const collectionOps: Record<string, unknown> = {};
  if (verbs.has('list')) collectionOps.get = op('list', 'list');
  if (verbs.has('create')) collectionOps.post = op('post', 'create');
  out[collection] = collectionOps;
  if (verbs.has('get')) {
    out[item] = { get: op('get', 'read'), put: op('put', 'replace'), patch: op('patch', 'patch'), delete: op('delete', 'delete') };
  }
  return out;
}

/** The OpenAPI v3 documents, built once: the discovery root and one document per group/version. */
export function openApiDocs(): OpenApiDocs {
  if (built) return built;
  const byGv = new Map<string, ResourceType[]>();
  for (const r of RESOURCES) {
    const key = gvPath(r);
    byGv.set(key, [...(byGv.get(key) ?? []), r]);
  }
  const byPath = new Map<string, { json: string; hash: string }>();
  for (const [gv, types] of byGv) {
    const reach = new Set<string>();
    const schemas: Record<string, Schema> = {};
    let docPaths: Record<string, unknown> = {};
    for (const r of types) {
      const model = loadModel(r.model);
      if (!model) continue;
      schemas[schemaName(r.model)] = modelSchema(model, reach, { group: r.group, version: r.version, kind: r.kind });
      docPaths = { ...docPaths, ...paths(r) };
    }
    const done = new Set(types.map((t) => t.model));
    while (reach.size) {
      const [next] = reach;
      if (next === undefined) break;
      reach.delete(next);
      if (done.has(next)) continue;
      done.add(next);
      const model = loadModel(next);
      if (model) schemas[schemaName(next)] = modelSchema(model, reach);
    }
    const doc = { openapi: '3.0.0', info: { title: 'Kubernetes (Lotse practice cluster)', version: 'v1.32.0' }, paths: docPaths, components: { schemas } };
    const json = JSON.stringify(doc);
    byPath.set(gv, { json, hash: createHash('sha512').update(json).digest('hex').slice(0, 128).toUpperCase() });
  }
  const root = { paths: Object.fromEntries([...byPath].map(([gv, d]) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${d.hash}` }])) };
  built = { root: JSON.stringify(root), byPath };
  return built;
}

