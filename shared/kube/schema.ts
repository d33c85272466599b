/**
 * Checks a manifest against the cluster's OpenAPI v3 schemas (GET /openapi/v3/<group-version>): fields the
 * type does not have (with where such a field does belong, and the parent's documentation), values of the
 * wrong type, required fields left out. Lenient where the API server is: int-or-string, quantities given as
 * numbers, free-form objects. The server's dry run has the last word; this says where and why in words.
 */

export interface OpenApiSchema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  required?: string[];
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  $ref?: string;
  enum?: unknown[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

/** One group-version's document: its components. */
export interface OpenApiDocument {
  components?: { schemas?: Record<string, OpenApiSchema> };
}

export interface SchemaIssue {
  code: 'unknownField' | 'wrongType' | 'requiredField';
  path: (string | number)[];
  params: Record<string, string>;
}

/** The schemas of several documents, with the kinds they describe. */
export class SchemaIndex {
  private readonly schemas = new Map<string, OpenApiSchema>();
  private readonly kinds = new Map<string, string>();

  constructor(documents: Iterable<OpenApiDocument>) {
    for (const doc of documents) {
      for (const [id, schema] of Object.entries(doc.components?.schemas ?? {})) {
        this.schemas.set(id, schema);
        for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
          this.kinds.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}:${gvk.kind}`, id);
        }
      }
    }
  }

  /** The schema of a kind in an apiVersion (`apps/v1`, `v1`). */
  forKind(apiVersion: string, kind: string): OpenApiSchema | undefined {
    const id = this.kinds.get(`${apiVersion}:${kind}`);
    return id ? this.schemas.get(id) : undefined;
  }

  /** Whether the index knows any kind of this apiVersion. */
  hasVersion(apiVersion: string): boolean {
    for (const key of this.kinds.keys()) if (key.startsWith(`${apiVersion}:`)) return true;
    return false;
  }

  /** Follows $ref and single-entry allOf; the description of the outer schema wins. */
  resolve(schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
    let current = schema;
    let description = schema?.description;
    for (let i = 0; current && i < 16; i++) {
      if (current.$ref) {
        current = this.schemas.get(current.$ref.replace(/^#\/components\/schemas\//, ''));
      } else if (current.allOf?.length === 1 && !current.properties && !current.type) {
        description ??= current.description;
        current = current.allOf[0];
      } else break;
      description ??= current?.description;
    }
    return current ? { ...current, ...(description ? { description } : {}) } : undefined;
  }

  /** The (resolved) schema one step down a path. */
  child(schema: OpenApiSchema | undefined, step: string | number): OpenApiSchema | undefined {
    const s = this.resolve(schema);
    if (!s) return undefined;
    if (typeof step === 'number') return this.resolve(s.items);
    const property = s.properties?.[step];
    if (property) return this.resolve(property);
    return typeof s.additionalProperties === 'object' ? this.resolve(s.additionalProperties) : undefined;
  }

  /** The schema at a path below a kind's schema. */
  at(root: OpenApiSchema | undefined, path: readonly (string | number)[]): OpenApiSchema | undefined {
    let s = this.resolve(root);
    for (const step of path) s = this.child(s, step);
    return s;
  }

  /** Checks a value against a kind's schema; issues with their paths. */
  validate(root: OpenApiSchema, value: unknown): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    this.walk(root, value, [], issues, root);
    return issues;
  }

  private walk(raw: OpenApiSchema, value: unknown, path: (string | number)[], issues: SchemaIssue[], root: OpenApiSchema): void {
    const schema = this.resolve(raw);
    if (!schema || value === null || value === undefined) return;
    if (schema['x-kubernetes-preserve-unknown-fields']) return;
    if (schema['x-kubernetes-int-or-string']) {
      if (typeof value !== 'number' && typeof value !== 'string') issues.push(wrongType(path, 'int-or-string', value));
      return;
    }
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives && !schema.type) {
      const types = alternatives.map((a) => this.resolve(a)?.type).filter(Boolean);
      if (types.length && !types.some((t) => typeMatches(t ?? '', value))) issues.push(wrongType(path, types.join(' | '), value));
      return;
    }
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    if (!type) return;
    if (type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) {
        issues.push(wrongType(path, 'object', value));
        return;
      }
      const record = value as Record<string, unknown>;
      for (const [key, v] of Object.entries(record)) {
        const property = schema.properties?.[key];
        if (property) this.walk(property, v, [...path, key], issues, root);
        else if (typeof schema.additionalProperties === 'object') {
          const inner = this.resolve(schema.additionalProperties);
          // Quantities (limits, requests) are strings in the schema and numbers are fine for the API server.
          if (inner?.type === 'string' && typeof v === 'number' && isQuantityMap(path)) continue;
          this.walk(schema.additionalProperties, v, [...path, key], issues, root);
        } else if (schema.properties && schema.additionalProperties !== true) {
          issues.push({ code: 'unknownField', path: [...path, key], params: this.unknownParams(root, path, key, schema) });
        }
      }
      for (const field of schema.required ?? []) {
        if (record[field] === undefined || record[field] === null) issues.push({ code: 'requiredField', path: [...path, field], params: { field } });
      }
      return;
    }
    if (type === 'array') {
      if (!Array.isArray(value)) {
        issues.push(wrongType(path, 'array', value));
        return;
      }
      value.forEach((item, i) => schema.items && this.walk(schema.items, item, [...path, i], issues, root));
      return;
    }
    if (!typeMatches(type, value) && !(type === 'string' && typeof value === 'number' && (schema.format === 'quantity' || isQuantityMap(path.slice(0, -1))))) {
      issues.push(wrongType(path, schema.format === 'int32' || schema.format === 'int64' ? 'integer' : type, value));
    }
  }

  /** Words for an unknown field: the closest known name, and a place nearby where this field does exist. */
  private unknownParams(root: OpenApiSchema, path: (string | number)[], key: string, parent: OpenApiSchema): Record<string, string> {
    const known = Object.keys(parent.properties ?? {});
    const params: Record<string, string> = { field: key, parent: path.length ? pathText(path) : '(top level)' };
    const close = closest(key, known);
    if (close) params.suggestion = close;
    const alias = ALIASES[key];
    if (alias && known.includes(alias)) params.suggestion = alias;
    // Misplaced: the field exists one or two levels up, or in the list item just above.
    for (let up = path.length - 1; up >= 0; up--) {
      const upper = path.slice(0, up);
      const s = this.at(root, upper);
      if (s?.properties?.[key]) {
        params.belongsTo = upper.length ? pathText(upper) : '(top level)';
        break;
      }
    }
    if (parent.description) params.parentDoc = firstSentence(parent.description);
    return params;
  }
}

/** Field names learners bring from Compose or from memory, and what Kubernetes calls them. */
const ALIASES: Record<string, string> = {
  environment: 'env',
  restart: 'restartPolicy',
  entrypoint: 'command',
  depends_on: 'initContainers',
  mounts: 'volumeMounts',
  label: 'labels',
  replica: 'replicas',
  selectors: 'selector',
  port: 'ports',
  container: 'containers',
};

function isQuantityMap(path: readonly (string | number)[]): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && ['limits', 'requests', 'hard', 'capacity', 'allocatable', 'overhead'].includes(last);
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function wrongType(path: (string | number)[], expected: string, value: unknown): SchemaIssue {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
  return { code: 'wrongType', path, params: { field: pathText(path), expected, got } };
}

export function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return (m?.[1] ?? text).slice(0, 300);
}

/** The known name closest to a misspelt one (edit distance at most 2, or a different case). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    if (c.toLowerCase() === word.toLowerCase()) return c;
    const d = distance(word, c);
    if (d <= 2 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}
