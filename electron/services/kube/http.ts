import type { Configuration } from '@kubernetes/client-node';

import { LotseError } from '@shared/errors';

/**
 * Requests to the API server through client-node's transport (its TLS, its authenticators, exec plugins
 * included), with plain JSON in and out: the bytes the server sends are what the converters read, and a
 * manifest goes out as written (client-node's typed serializers drop fields they do not know, and its
 * generic object client lower-cases names in the URL; both would change what the learner applies).
 */

export type Query = Record<string, string | number | boolean | undefined>;

export interface RawResponse<T = unknown> {
  status: number;
  body: T;
  /** The server's Warning headers, without the `299 - ` code. */
  warnings: string[];
}

/** The API's Status object for a refusal. */
export interface ApiStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}

/** A refusal from the API server: its code and Status. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly apiStatus: ApiStatus,
    readonly method: string,
    readonly path: string,
  ) {
    super(apiStatus.message || `HTTP ${status} for ${method} ${path}`);
    this.name = 'KubeApiError';
  }
}

export function parseWarnings(header: string | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  const re = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(header); m; m = re.exec(header)) out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
  return out.length ? out : [header];
}

/** Encodes each segment: names come from learners and manifests. */
export const seg = (value: string): string => encodeURIComponent(value);

export class RawApi {
  constructor(private readonly configuration: Configuration) {}

  async request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: { query?: Query; body?: unknown; contentType?: string; signal?: AbortSignal } = {}): Promise<RawResponse<T>> {
    const ctx = this.configuration.baseServer.makeRequestContext(path, method);
    ctx.setHeaderParam('Accept', 'application/json');
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) ctx.setQueryParam(key, String(value));
    if (options.body !== undefined) {
      ctx.setHeaderParam('Content-Type', options.contentType ?? 'application/json');
      ctx.setBody(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    }
    if (options.signal) ctx.setSignal(options.signal);
    await this.configuration.authMethods.default?.applySecurityAuthentication(ctx);
    const response = await this.configuration.httpApi.send(ctx).toPromise();
    const text = await response.body.text();
    const warnings = parseWarnings(response.headers.warning);
    let body: unknown = text;
    if (text && /json/.test(response.headers['content-type'] ?? 'application/json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      const status: ApiStatus = typeof body === 'object' && body !== null ? body : { message: text || `HTTP ${response.httpStatusCode}` };
      throw new KubeApiError(response.httpStatusCode, status, method, path);
    }
    return { status: response.httpStatusCode, body: body as T, warnings };
  }

  async get<T = unknown>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) })).body;
  }
}

/** Verb and resource of a forbidden request, from the server's Status message. */
export function forbiddenParts(message: string): { user?: string; verb?: string; resource?: string; group?: string; namespace?: string } {
  const m = /User "([^"]*)" cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(message);
  if (!m) return {};
  return { user: m[1] ?? '', verb: m[2] ?? '', resource: m[3] ?? '', group: m[4] ?? '', ...(m[5] ? { namespace: m[5] } : {}) };
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN|socket hang up|fetch failed|UND_ERR|other side closed|TimeoutError|aborted due to timeout/i;
const TLS = /certificate|self[- ]signed|CERT_|unable to verify|UNABLE_TO_GET_ISSUER|ERR_TLS|SSL|handshake|wrong version number/i;

function causeText(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let i = 0; e && i < 5; i++) {
    const x = e as { message?: string; code?: string; cause?: unknown };
    if (x.code) parts.push(x.code);
    if (x.message) parts.push(x.message);
    e = x.cause;
  }
  return parts.join(': ');
}

export const isNetworkError = (error: unknown): boolean => !(error instanceof KubeApiError) && NETWORK.test(causeText(error)) && !TLS.test(causeText(error));
export const isTlsError = (error: unknown): boolean => !(error instanceof KubeApiError) && TLS.test(causeText(error));

/** Any failure of a request as the error that crosses the wire, with the codes the UI words. */
export function toKubeError(error: unknown, server = ''): LotseError {
  if (error instanceof LotseError) return error;
  if (error instanceof KubeApiError) {
    const message = error.apiStatus.message ?? error.message;
    switch (error.status) {
      case 401:
        return new LotseError('DENIED', `The cluster did not accept the credentials (401 Unauthorized). ${message}`.trim(), undefined, { reason: 'k8sUnauthorized', detail: message });
      case 403: {
        const parts = forbiddenParts(message);
        const [resource = '', sub] = (parts.resource ?? '').split('/');
        const qualified = `${resource}${parts.group ? `.${parts.group}` : ''}${sub ? `/${sub}` : ''}`;
        const what = parts.verb ? `${parts.verb} ${qualified}${parts.namespace ? ` in namespace ${parts.namespace}` : ''}` : 'this';
        return new LotseError('K8S_FORBIDDEN', `Forbidden: ${parts.user ?? 'you'} may not ${what}.`, undefined, { reason: 'k8sForbidden', detail: message });
      }
      case 404:
        return new LotseError('NOT_FOUND', message, undefined, { reason: 'k8sNotFound', detail: message });
      case 409:
        return new LotseError('CONFLICT', message, undefined, { reason: error.apiStatus.reason === 'AlreadyExists' ? 'k8sAlreadyExists' : 'k8sConflict', detail: message });
      case 410:
        return new LotseError('CONFLICT', message, undefined, { reason: 'k8sExpired', detail: message });
      case 422:
      case 400:
        return new LotseError('INVALID_PARAMS', message, undefined, { reason: 'k8sInvalid', detail: message });
      case 429:
        return new LotseError('CONFLICT', message, undefined, { reason: 'k8sTooManyRequests', detail: message });
      default:
        return new LotseError('INTERNAL', message, undefined, { detail: message });
    }
  }
  const text = causeText(error);
  if (/ENOENT/.test(text) && /spawn/.test(text)) return new LotseError('DENIED', `An exec plugin is missing: ${text}`, undefined, { reason: 'k8sExecPluginMissing', detail: text });
  if (isTlsError(error)) return new LotseError('K8S_UNREACHABLE', `The TLS connection to ${server || 'the cluster'} failed: ${text}`, undefined, { reason: 'k8sCertificate', detail: text });
  if (isNetworkError(error)) return new LotseError('K8S_UNREACHABLE', `The cluster at ${server || 'its address'} does not answer (${text}).`, undefined, { reason: 'k8sUnreachable', detail: text });
  return new LotseError('INTERNAL', text || String(error));
}
