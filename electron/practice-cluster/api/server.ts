import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

import { parse as parseYaml } from 'yaml';

import { identityFromCertificate } from '../pki';
import type { Store } from '../store';
import { isRecord, type KObject } from '../types';
import { aggregated, apiGroupDocument, apiGroupList, apiResourceList, apiVersions, versionInfo, wantsAggregated } from './discovery';
import type { DeleteOptions, FieldValidation, ObjectApi, PatchType } from './objects';
import { openApiDocs } from './openapi';
import { decodeProtobuf, ProtobufError } from './protobuf';
import { authorize, forbiddenMessage, rulesFor, type Attributes, type UserInfo } from './rbac';
import { apiVersionOf, findResource, storeKey, type ResourceType } from './resources';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector, SelectorError } from './selectors';
import { ApiError, errors } from './status';
import { table, type IncludeObject } from './tables';
import { serveWatch } from './watch';

/** What the HTTP layer hands to subresources served elsewhere (logs, eviction, exec). */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  user: UserInfo;
  type: ResourceType;
  namespace?: string;
  name: string;
}

export interface SubresourceHandlers {
  log?(ctx: RequestContext, pod: KObject): Promise<void>;
  eviction?(ctx: RequestContext, pod: KObject, body: unknown): Promise<unknown>;
  scale?: { get(resource: string, object: KObject): unknown; set(resource: string, object: KObject, replicas: number): KObject };
}

export interface ParsedPath {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

const MAX_BODY = 3 * 1024 * 1024;

/** Splits `/api/v1/namespaces/ns/pods/name/log` and `/apis/apps/v1/...` into its parts; undefined if not a resource path. */
export function parseResourcePath(pathname: string): ParsedPath | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) {
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts[1] && parts[2]) {
    group = parts[1];
    rest = parts.slice(3);
  } else return undefined;
  const version = parts[0] === 'api' ? (parts[1] ?? '') : (parts[2] ?? '');
  if (!rest.length) return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    const [, namespace, resource, name, subresource, ...extra] = rest;
    if (extra.length || !resource) return undefined;
    return { group, version, namespace, resource, name, subresource };
  }
  const [resource, name, subresource, ...extra] = rest;
  if (extra.length || !resource) return undefined;
  return { group, version, resource, name, subresource };
}

export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(errors.requestEntityTooLarge(limit));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? 'application/json';
}

/** Parses a request body by its content type; every failure is a 400 Status. */
export function decodeBody(buffer: Buffer, type: string, kindHint: string): unknown {
  if (type === 'application/vnd.kubernetes.protobuf') {
    try {
      return decodeProtobuf(buffer);
    } catch (error) {
      if (error instanceof ProtobufError) throw errors.badRequest(error.message);
      throw error;
    }
  }
  const text = buffer.toString('utf8');
  if (!text.trim()) throw errors.badRequest('the request body is empty');
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml') {
    try {
      return parseYaml(text) as unknown;
    } catch (error) {
      throw errors.badRequest(`error converting YAML to JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
    }
  }
  if (!['application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', '*/*'].includes(type)) {
    throw errors.unsupportedMediaType(type);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw errors.badRequest(`${kindHint ? `${kindHint}: ` : ''}couldn't decode the request body as JSON: ${(error as Error).message}`);
  }
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const e = error instanceof ApiError ? error : errors.internal((error as Error)?.message ?? String(error));
  sendJson(res, e.code, e.toStatus());
}

function warningHeader(warnings: string[]): Record<string, string[]> {
  return warnings.length ? { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : {};
}

function fieldValidationOf(url: URL): FieldValidation | undefined {
  const v = url.searchParams.get('fieldValidation');
  if (v === null || v === '') return undefined;
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw errors.badRequest(`fieldValidation must be one of "Ignore", "Warn", "Strict", got "${v}"`);
}

function tableRequested(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}
function partialRequested(accept: string | undefined): boolean {
  return !!accept && /as=PartialObjectMetadata/.test(accept);
}

function includeObjectOf(url: URL): IncludeObject {
  const v = url.searchParams.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

interface ContinueToken {
  rv: number;
  start: string;
}

const objectKey = (o: KObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/**
 * The API server's request handling: authentication from the client certificate, impersonation, RBAC,
 * discovery, OpenAPI, and the REST verbs on every served resource.
 */
export class ApiHandler {
  constructor(
    private readonly store: Store,
    private readonly objects: ObjectApi,
    private readonly serverAddress: () => string,
    private readonly subresources: SubresourceHandlers = {},
  ) {}

  /** Authentication: a client certificate signed by the cluster's CA, or anonymous. */
  authenticate(req: IncomingMessage): UserInfo {
    const socket = req.socket as TLSSocket;
    if (socket.authorized) {
      const identity = identityFromCertificate(socket.getPeerCertificate().subject);
      if (identity) return identity;
    }
    return { user: 'system:anonymous', groups: ['system:unauthenticated'] };
  }

  /** Impersonation headers (`kubectl --as`, `--as-group`), allowed to users who may impersonate. */
  impersonate(req: IncomingMessage, requester: UserInfo): UserInfo {
    const user = req.headers['impersonate-user'];
    const groupHeader = req.headers['impersonate-group'];
    if (user === undefined && groupHeader === undefined) return requester;
    const asUser = Array.isArray(user) ? user[0] : user;
    if (!asUser) throw errors.badRequest('requested impersonation of groups without a user (Impersonate-User)');
    const groups = (Array.isArray(groupHeader) ? groupHeader : groupHeader ? groupHeader.split(',') : []).map((g) => g.trim()).filter(Boolean);
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(asUser);
    const check: Attributes = sa
      ? { verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: sa[1], name: sa[2] }
      : { verb: 'impersonate', group: '', resource: 'users', name: asUser };
    const decision = authorize(this.store, requester, check);
    if (!decision.allowed) throw errors.forbidden(`users "${asUser}" is forbidden: User "${requester.user}" cannot impersonate resource "users" in API group "" at the cluster scope`);
    for (const g of groups) {
      if (!authorize(this.store, requester, { verb: 'impersonate', group: '', resource: 'groups', name: g }).allowed) {
        throw errors.forbidden(`groups "${g}" is forbidden: User "${requester.user}" cannot impersonate resource "groups" in API group "" at the cluster scope`);
      }
    }
    return { user: asUser, groups };
  }

  private authorizeOrThrow(user: UserInfo, a: Attributes): void {
    const decision = authorize(this.store, user, a);
    if (!decision.allowed) {
      const e = errors.forbidden(forbiddenMessage(user, a));
      throw new ApiError(403, 'Forbidden', e.message, { ...(a.name ? { name: a.name } : {}), ...(a.group ? { group: a.group } : {}), ...(a.resource ? { kind: a.resource } : {}) });
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      sendError(res, error);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://practice-cluster');
    const user = this.impersonate(req, this.authenticate(req));
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const nonResource = (): void => this.authorizeOrThrow(user, { verb: method === 'GET' || method === 'HEAD' ? 'get' : method.toLowerCase(), path });
    const accept = req.headers.accept;

    if (path === '/version') {
      nonResource();
      return sendJson(res, 200, versionInfo());
    }
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      nonResource();
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (path === '/api' || path === '/apis') {
      nonResource();
      const agg = wantsAggregated(accept);
      if (agg) {
        const doc = aggregated(path === '/api', agg);
        return sendJson(res, 200, doc.body, { 'Content-Type': doc.contentType });
      }
      return sendJson(res, 200, path === '/api' ? apiVersions(this.serverAddress()) : apiGroupList());
    }
    if (path === '/api/v1') {
      nonResource();
      return sendJson(res, 200, apiResourceList('', 'v1'));
    }
    const groupOnly = /^\/apis\/([^/]+)$/.exec(path);
    if (groupOnly) {
      nonResource();
      const doc = apiGroupDocument(groupOnly[1] ?? '');
      if (!doc) throw errors.pathNotFound();
      return sendJson(res, 200, doc);
    }
    const groupVersion = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (groupVersion) {
      nonResource();
      const doc = apiResourceList(groupVersion[1] ?? '', groupVersion[2] ?? '');
      if (!doc) throw errors.pathNotFound();
      return sendJson(res, 200, doc);
    }
    if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) {
      nonResource();
      const docs = openApiDocs();
      if (path === '/openapi/v3') return sendJson(res, 200, JSON.parse(docs.root) as unknown);
      const doc = docs.byPath.get(path.slice('/openapi/v3/'.length));
      if (!doc) throw errors.pathNotFound();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': url.searchParams.has('hash') ? 'public, immutable' : 'no-cache, private', Etag: `"${doc.hash}"` });
      res.end(doc.json);
      return;
    }
    const parsed = parseResourcePath(path);
    if (!parsed) throw errors.pathNotFound();
    const type = findResource(parsed.group, parsed.version, parsed.resource);
    if (!type) throw errors.pathNotFound();
    if (!type.namespaced && parsed.namespace) throw errors.pathNotFound();
    await this.resourceRequest(req, res, url, user, type, parsed, accept);
  }

  private verbOf(method: string, hasName: boolean, url: URL): string {
    switch (method) {
      case 'GET':
      case 'HEAD':
        if (hasName) return 'get';
        return url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1' ? 'watch' : 'list';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return hasName ? 'delete' : 'deletecollection';
      default:
        return method.toLowerCase();
    }
  }

  private async resourceRequest(req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo, type: ResourceType, p: ParsedPath, accept: string | undefined): Promise<void> {
    const method = req.method ?? 'GET';
    const verb = this.verbOf(method, !!p.name, url);
    const resource = storeKey(type);
    const namespace = type.namespaced ? p.namespace : undefined;
    if (p.subresource && !type.subresources?.some((s) => s.name === p.subresource)) throw errors.pathNotFound();
    this.authorizeOrThrow(user, { verb, namespace, group: type.group, resource: type.resource, subresource: p.subresource, name: p.name });
    if (!type.verbs.includes(verb) && !p.subresource) throw errors.methodNotAllowed();

    // Reviews: created, evaluated, never stored.
    if (type.group === 'authorization.k8s.io') {
      if (method !== 'POST' || p.name) throw errors.methodNotAllowed();
      const body = decodeBody(await readBody(req), mediaType(req), type.kind);
      return sendJson(res, 201, this.review(type, body, user));
    }

    if (!p.name) {
      if (p.subresource) throw errors.pathNotFound();
      if (verb === 'list') return this.list(res, url, type, namespace, accept);
      if (verb === 'watch') return this.watch(res, url, type, namespace, accept);
      if (verb === 'create') {
        if (type.namespaced && !namespace) throw errors.pathNotFound();
        const body = decodeBody(await readBody(req), mediaType(req), type.kind);
        if (!isRecord(body)) throw errors.badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
        const dryRun = url.searchParams.get('dryRun') === 'All';
        const result = await this.objects.create(resource, body as KObject, namespace, { dryRun, fieldValidation: fieldValidationOf(url), fromClient: true });
        return sendJson(res, 201, result.object, warningHeader(result.warnings));
      }
      if (verb === 'deletecollection') return this.deleteCollection(req, res, url, type, namespace);
      throw errors.methodNotAllowed();
    }

    const name = p.name;
    if (p.subresource === 'log') {
      const pod = this.objects.get(resource, namespace, name);
      if (!this.subresources.log) throw errors.badRequest('logs are not available: the practice cluster runs without a container runtime');
      return this.subresources.log({ req, res, url, user, type, namespace, name }, pod);
    }
    if (p.subresource === 'eviction') {
      if (method !== 'POST') throw errors.methodNotAllowed();
      const pod = this.objects.get(resource, namespace, name);
      const body = decodeBody(await readBody(req), mediaType(req), 'Eviction');
      if (!this.subresources.eviction) throw errors.methodNotAllowed();
      const result = await this.subresources.eviction({ req, res, url, user, type, namespace, name }, pod, body);
      return sendJson(res, 201, result);
    }
    if (p.subresource === 'exec' || p.subresource === 'attach' || p.subresource === 'portforward') {
      this.objects.get(resource, namespace, name);
      throw errors.badRequest(`Upgrade request required`);
    }
    if (p.subresource === 'scale') return this.scale(req, res, url, type, namespace, name, verb);
    if (p.subresource === 'binding' || p.subresource === 'finalize') throw errors.methodNotAllowed();
    const sub = p.subresource === 'status' ? 'status' : undefined;

    switch (verb) {
      case 'get': {
        const o = this.objects.get(resource, namespace, name);
        if (tableRequested(accept)) {
          return sendJson(res, 200, table(resource, [o], { include: includeObjectOf(url), apiVersion: apiVersionOf(type), kind: type.kind, resourceVersion: o.metadata.resourceVersion ?? '' }));
        }
        if (partialRequested(accept)) return sendJson(res, 200, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata });
        return sendJson(res, 200, o);
      }
      case 'update': {
        const body = decodeBody(await readBody(req), mediaType(req), type.kind);
        if (!isRecord(body)) throw errors.badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
        const result = await this.objects.update(resource, body as KObject, namespace, name, { dryRun: url.searchParams.get('dryRun') === 'All', fieldValidation: fieldValidationOf(url), fromClient: true }, sub);
        return sendJson(res, 200, result.object, warningHeader(result.warnings));
      }
      case 'patch': {
        const ctype = mediaType(req);
        const patchType = PATCH_TYPES[ctype];
        if (!patchType) throw errors.unsupportedMediaType(ctype);
        const body = decodeBody(await readBody(req), ctype, type.kind);
        const result = await this.objects.patch(resource, namespace, name, patchType, body, {
          dryRun: url.searchParams.get('dryRun') === 'All',
          fieldValidation: fieldValidationOf(url),
          fromClient: true,
          force: url.searchParams.get('force') === 'true',
        }, sub);
        return sendJson(res, result.created ? 201 : 200, result.object, warningHeader(result.warnings));
      }
      case 'delete': {
        const options = await this.deleteOptions(req, url);
        const o = this.objects.delete(resource, namespace, name, options);
        return sendJson(res, 200, o);
      }
      default:
        throw errors.methodNotAllowed();
    }
  }

  private async deleteOptions(req: IncomingMessage, url: URL): Promise<DeleteOptions> {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw.length) {
      const decoded = decodeBody(raw, mediaType(req), 'DeleteOptions');
      if (isRecord(decoded)) body = decoded;
    }
    const policy = (url.searchParams.get('propagationPolicy') ?? body.propagationPolicy) as string | undefined;
    if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) throw errors.badRequest(`propagationPolicy must be one of Background, Foreground, Orphan (got ${policy})`);
    const orphan = body.orphanDependents === true ? 'Orphan' : undefined;
    const grace = url.searchParams.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
    const dryRun = url.searchParams.get('dryRun') === 'All' || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
    return {
      propagationPolicy: (policy ?? orphan) as DeleteOptions['propagationPolicy'],
      ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
      ...(isRecord(body.preconditions) ? { preconditions: body.preconditions } : {}),
      dryRun,
    };
  }

  private selectors(url: URL, resource: string): { labels: ReturnType<typeof parseLabelSelector>; fields: ReturnType<typeof parseFieldSelector> } {
    try {
      return { labels: parseLabelSelector(url.searchParams.get('labelSelector')), fields: parseFieldSelector(url.searchParams.get('fieldSelector'), resource) };
    } catch (error) {
      if (error instanceof SelectorError) throw errors.badRequest(error.message);
      throw error;
    }
  }

  private list(res: ServerResponse, url: URL, type: ResourceType, namespace: string | undefined, accept: string | undefined): void {
    const resource = storeKey(type);
    const { labels, fields } = this.selectors(url, resource);
    let items = this.store.list(resource, namespace).filter((o) => matchesRequirements(labels, o.metadata.labels) && matchesFields(fields, o));
    let rv = this.store.resourceVersion;
    const token = url.searchParams.get('continue');
    if (token) {
      let parsed: ContinueToken;
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
      } catch {
        throw errors.badRequest('continue key is not valid: illegal base64 data');
      }
      if (typeof parsed.start !== 'string' || typeof parsed.rv !== 'number') throw errors.badRequest('continue key is not valid');
      items = items.filter((o) => objectKey(o) > parsed.start);
      rv = parsed.rv;
    }
    const limit = Number(url.searchParams.get('limit') ?? 0);
    let next: string | undefined;
    let remaining: number | undefined;
    if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
      remaining = items.length - limit;
      items = items.slice(0, limit);
      const last = items[items.length - 1];
      if (last) next = Buffer.from(JSON.stringify({ rv, start: objectKey(last) })).toString('base64url');
    }
    const apiVersion = apiVersionOf(type);
    if (tableRequested(accept)) {
      return sendJson(res, 200, table(resource, items, { include: includeObjectOf(url), apiVersion, kind: type.kind, resourceVersion: String(rv), ...(next ? { continue: next } : {}) }));
    }
    const metadata = { resourceVersion: String(rv), ...(next ? { continue: next, remainingItemCount: remaining } : {}) };
    if (partialRequested(accept)) {
      return sendJson(res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })) });
    }
    return sendJson(res, 200, { kind: `${type.kind}List`, apiVersion, metadata, items });
  }

  private watch(res: ServerResponse, url: URL, type: ResourceType, namespace: string | undefined, accept: string | undefined): void {
    const resource = storeKey(type);
    const { labels, fields } = this.selectors(url, resource);
    const sendInitialEvents = url.searchParams.get('sendInitialEvents') === 'true';
    const allowBookmarks = url.searchParams.get('allowWatchBookmarks') === 'true';
    if (sendInitialEvents) {
      const match = url.searchParams.get('resourceVersionMatch');
      if (match !== 'NotOlderThan' || !allowBookmarks) {
        throw new ApiError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is only supported with resourceVersionMatch=NotOlderThan and allowWatchBookmarks=true`);
      }
    }
    const timeout = Number(url.searchParams.get('timeoutSeconds') ?? 0);
    serveWatch(res, this.store, {
      resource,
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      namespace,
      labels,
      fields,
      resourceVersion: url.searchParams.get('resourceVersion') ?? undefined,
      sendInitialEvents,
      allowBookmarks,
      ...(timeout > 0 ? { timeoutSeconds: timeout } : {}),
      ...(tableRequested(accept) ? { table: { include: includeObjectOf(url) } } : {}),
    });
  }

  private async deleteCollection(req: IncomingMessage, res: ServerResponse, url: URL, type: ResourceType, namespace: string | undefined): Promise<void> {
    const resource = storeKey(type);
    const { labels, fields } = this.selectors(url, resource);
    const options = await this.deleteOptions(req, url);
    const items = this.store.list(resource, namespace).filter((o) => matchesRequirements(labels, o.metadata.labels) && matchesFields(fields, o));
    const deleted = items.map((o) => this.objects.delete(resource, o.metadata.namespace, o.metadata.name ?? '', options));
    sendJson(res, 200, { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(this.store.resourceVersion) }, items: deleted });
  }

  private async scale(req: IncomingMessage, res: ServerResponse, url: URL, type: ResourceType, namespace: string | undefined, name: string, verb: string): Promise<void> {
    const resource = storeKey(type);
    const scale = this.subresources.scale;
    if (!scale) throw errors.pathNotFound();
    const current = this.objects.get(resource, namespace, name);
    if (verb === 'get') return sendJson(res, 200, scale.get(resource, current));
    const ctype = mediaType(req);
    const body = decodeBody(await readBody(req), ctype, 'Scale');
    let next: unknown;
    if (verb === 'update') next = body;
    else if (verb === 'patch') {
      const patchType = PATCH_TYPES[ctype];
      if (!patchType) throw errors.unsupportedMediaType(ctype);
      const scaleType = { ...type, model: 'V1Scale', kind: 'Scale', group: 'autoscaling' };
      next = this.objects.applyPatch(scaleType, scale.get(resource, current) as KObject, patchType === 'apply' ? 'merge' : patchType, body);
    } else throw errors.methodNotAllowed();
    const replicas = isRecord(next) && isRecord(next.spec) ? next.spec.replicas : undefined;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid('Scale', 'autoscaling', name, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`, field: 'spec.replicas' }]);
    }
    const expect = isRecord(next) && isRecord(next.metadata) ? next.metadata.resourceVersion : undefined;
    if (verb === 'update' && typeof expect === 'string' && expect && expect !== current.metadata.resourceVersion) throw errors.conflict(type.group, type.resource, name);
    if (url.searchParams.get('dryRun') === 'All') return sendJson(res, 200, { ...(scale.get(resource, current) as object), spec: { replicas } });
    const updated = scale.set(resource, current, replicas);
    return sendJson(res, 200, scale.get(resource, updated));
  }

  /** SelfSubjectAccessReview, SubjectAccessReview and SelfSubjectRulesReview, evaluated against the stored RBAC. */
  private review(type: ResourceType, body: unknown, user: UserInfo): Record<string, unknown> {
    if (!isRecord(body)) throw errors.badRequest('the review must be an object');
    const spec = isRecord(body.spec) ? body.spec : {};
    const base = { apiVersion: 'authorization.k8s.io/v1', kind: type.kind, metadata: { creationTimestamp: null } };
    if (type.kind === 'SelfSubjectRulesReview') {
      const ns = typeof spec.namespace === 'string' ? spec.namespace : 'default';
      const rules = rulesFor(this.store, user, ns);
      return {
        ...base,
        spec,
        status: {
          resourceRules: rules.filter((r) => !r.nonResourceURLs).map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames })),
          nonResourceRules: rules.filter((r) => r.nonResourceURLs).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
          incomplete: false,
        },
      };
    }
    let subject = user;
    if (type.kind === 'SubjectAccessReview') {
      if (typeof spec.user !== 'string' && !Array.isArray(spec.groups)) {
        throw errors.invalid('SubjectAccessReview', 'authorization.k8s.io', '', [{ reason: 'FieldValueRequired', message: 'Required value: at least one of user or group must be specified', field: 'spec.user' }]);
      }
      subject = { user: typeof spec.user === 'string' ? spec.user : '', groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [] };
    }
    const ra = isRecord(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
    const nra = isRecord(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    let attributes: Attributes;
    if (ra) {
      attributes = { verb: str(ra.verb) ?? '', namespace: str(ra.namespace), group: str(ra.group) ?? '', resource: str(ra.resource), subresource: str(ra.subresource), name: str(ra.name) };
    } else if (nra) {
      attributes = { verb: str(nra.verb) ?? '', path: str(nra.path) ?? '' };
    } else {
      throw errors.invalid(type.kind, 'authorization.k8s.io', '', [{ reason: 'FieldValueRequired', message: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified', field: 'spec.resourceAttributes' }]);
    }
    const decision = authorize(this.store, subject, attributes);
    return { ...base, spec, status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) } };
  }
}


