import { stringify } from 'yaml';

import { applyCommand } from '@shared/cli/kube';
import type { ApplyMode, ApplyResult, DocumentResult } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';
import { type ClusterFacts, type DoctorReport, examine } from '@shared/kube/doctor';
import { isClusterScoped } from '@shared/kube/names';
import { type OpenApiDocument, SchemaIndex } from '@shared/kube/schema';
import { parseStream } from '@shared/kube/yaml';

import type { Clients } from './connection';
import { KubeApiError, seg, toKubeError } from './http';
import { groupVersionPath } from './resources';

/**
 * Manifests into the cluster: the doctor with the cluster's facts (OpenAPI v3 schemas, the kinds it
 * serves, its namespaces and pods), a server-side dry run with the live object beside the result, then
 * server-side apply (or create), each document on its own, each with its own answer.
 */

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
}

type J = Record<string, unknown>;
const o = (v: unknown): J => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : {});

/** What one context's API serves, and its schemas, read once per connection. */
export class ApiCatalog {
  private readonly groups = new Map<string, Promise<ApiResource[] | undefined>>();
  private index: Promise<Record<string, { serverRelativeURL?: string }>> | undefined;
  private readonly documents = new Map<string, Promise<OpenApiDocument | undefined>>();

  constructor(private readonly c: Clients) {}

  /** The resources of an apiVersion; undefined when the cluster does not serve it. */
  resources(apiVersion: string): Promise<ApiResource[] | undefined> {
    let found = this.groups.get(apiVersion);
    if (!found) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      found = this.c.raw
        .get<{ resources?: ApiResource[] }>(groupVersionPath(group ?? '', version ?? ''))
        .then((list) => (list.resources ?? []).filter((r) => !r.name.includes('/')))
        .catch((error: unknown) => {
          if (error instanceof KubeApiError && error.status === 404) return undefined;
          throw error;
        });
      this.groups.set(apiVersion, found);
    }
    return found;
  }

  async resource(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    return (await this.resources(apiVersion))?.find((r) => r.kind === kind);
  }

  /** The OpenAPI v3 document of an apiVersion, when the cluster publishes one. */
  document(apiVersion: string): Promise<OpenApiDocument | undefined> {
    let found = this.documents.get(apiVersion);
    if (!found) {
      this.index ??= this.c.raw.get<{ paths?: Record<string, { serverRelativeURL?: string }> }>('/openapi/v3').then((d) => d.paths ?? {});
      const key = apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`;
      found = this.index
        .then((paths) => {
          const url = paths[key]?.serverRelativeURL;
          return url ? this.c.raw.get<OpenApiDocument>(url) : undefined;
        })
        .catch(() => undefined);
      this.documents.set(apiVersion, found);
    }
    return found;
  }
}

/** The doctor, told what the cluster knows. */
export async function doctorWithCluster(c: Clients, catalog: ApiCatalog, text: string, defaultNamespace: string): Promise<DoctorReport> {
  // A first pass without the cluster: which apiVersions and kinds the text names.
  const first = examine(text);
  const versions = [...new Set(first.docs.map((d) => d.apiVersion).filter((v): v is string => Boolean(v)))];
  const served = new Map<string, boolean>();
  const documents: OpenApiDocument[] = [];
  await Promise.all(
    versions.map(async (v) => {
      const resources = await catalog.resources(v).catch(() => undefined);
      for (const d of first.docs.filter((x) => x.apiVersion === v && x.kind)) served.set(`${v}:${d.kind ?? ''}`, Boolean(resources?.some((r) => r.kind === d.kind)));
      const doc = await catalog.document(v);
      if (doc) documents.push(doc);
    }),
  );
  const [namespaces, pods] = await Promise.all([
    c.raw
      .get<{ items?: J[] }>('/api/v1/namespaces')
      .then((l) => new Set((l.items ?? []).map((n) => String(o(n.metadata).name))))
      .catch(() => undefined),
    c.raw
      .get<{ items?: J[] }>('/api/v1/pods')
      .then((l) => (l.items ?? []).map((p) => ({ namespace: String(o(p.metadata).namespace), labels: o(o(p.metadata).labels) as Record<string, string> })))
      .catch(() => undefined),
  ]);
  const facts: ClusterFacts = {
    schemas: new SchemaIndex(documents),
    served: (apiVersion, kind) => served.get(`${apiVersion}:${kind}`),
    defaultNamespace,
    ...(namespaces ? { namespaces } : {}),
    ...(pods ? { pods } : {}),
  };
  return examine(text, facts);
}

/** The object as the diff shows it: without what the server keeps for itself. */
function readable(object: unknown): string {
  const copy = structuredClone(o(object));
  const meta = o(copy.metadata);
  for (const k of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink']) delete meta[k];
  const annotations = o(meta.annotations);
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  if (meta.annotations && !Object.keys(annotations).length) delete meta.annotations;
  delete copy.status;
  return stringify(copy);
}

/**
 * Applies (or creates) every document of a text, in order; with dryRun the server checks and answers
 * without storing. A document the server refuses does not stop the others: each says what happened.
 */
export async function applyText(c: Clients, catalog: ApiCatalog, text: string, options: { mode: ApplyMode; dryRun: boolean; defaultNamespace: string; context?: string }): Promise<ApplyResult> {
  const stream = parseStream(text);
  const syntax = stream.problems.filter((p) => p.code !== 'DUPLICATE_KEY');
  if (syntax.length) {
    const p = syntax[0]!;
    throw new LotseError('INVALID_PARAMS', `The text is not valid YAML (line ${p.line}, column ${p.column}): ${p.message}`, 'The doctor shows where and how to mend it.', { detail: p.message });
  }
  const command = applyCommand({ context: options.context }, options.mode, 'manifest.yaml', options.dryRun);
  const documents: DocumentResult[] = [];
  const pendingNamespaces = new Set<string>();
  for (const [index, doc] of stream.docs.entries()) {
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    const object = o(value);
    const kind = typeof object.kind === 'string' ? object.kind : '';
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    const meta = o(object.metadata);
    const name = typeof meta.name === 'string' ? meta.name : '';
    const base = { doc: index, kind, name, warnings: [] as string[] };
    if (!kind || !apiVersion || !name) {
      documents.push({ ...base, outcome: 'skipped', error: new LotseError('INVALID_PARAMS', 'The document lacks apiVersion, kind or metadata.name.', undefined, { reason: 'k8sInvalid' }).toData() });
      continue;
    }
    let resource: ApiResource | undefined;
    try {
      resource = await catalog.resource(apiVersion, kind);
    } catch (error) {
      documents.push({ ...base, outcome: 'failed', error: toKubeError(error).toData() });
      continue;
    }
    if (!resource) {
      const error = new LotseError('NOT_FOUND', `The cluster does not serve ${kind} in ${apiVersion}.`, undefined, { reason: 'k8sNotServed', detail: `${apiVersion} ${kind}` });
      documents.push({ ...base, outcome: 'failed', error: error.toData() });
      continue;
    }
    const namespace = resource.namespaced ? (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : options.defaultNamespace) : undefined;
    const result: DocumentResult = { ...base, ...(namespace ? { namespace } : {}), outcome: 'failed' };
    if (namespace && options.dryRun && pendingNamespaces.has(namespace)) {
      // Created by an earlier document of this text: only the real apply can create it first.
      documents.push({ ...result, outcome: 'skipped', warnings: [`namespace-pending:${namespace}`] });
      continue;
    }
    const body = { ...object, metadata: { ...meta, ...(namespace ? { namespace } : {}) } };
    const collection = `${groupVersionPath(...(apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : (['', apiVersion] as [string, string])))}${namespace ? `/namespaces/${seg(namespace)}` : ''}/${resource.name}`;
    const path = `${collection}/${seg(name)}`;
    try {
      const live = await c.raw.get<J>(path).catch((error: unknown) => {
        if (error instanceof KubeApiError && error.status === 404) return undefined;
        throw error;
      });
      const query = { fieldValidation: 'Strict', ...(options.dryRun ? { dryRun: 'All' } : {}) };
      const response =
        options.mode === 'create'
          ? await c.raw.request<J>('POST', collection, { body, query })
          : await c.raw.request<J>('PATCH', path, { body, contentType: 'application/apply-patch+yaml', query: { ...query, fieldManager: 'kubectl', force: false } });
      const unchanged = live !== undefined && readable(live) === readable(response.body);
      const outcome: DocumentResult['outcome'] = live === undefined ? 'created' : unchanged ? 'unchanged' : 'configured';
      documents.push({
        ...result,
        outcome,
        warnings: response.warnings,
        ...(options.dryRun ? { live: live ? readable(live) : '', result: readable(response.body) } : {}),
      });
      if (kind === 'Namespace' && live === undefined && isClusterScoped(kind)) pendingNamespaces.add(name);
    } catch (error) {
      documents.push({ ...result, outcome: 'failed', error: toKubeError(error).toData() });
    }
  }
  return { dryRun: options.dryRun, mode: options.mode, documents, command };
}
