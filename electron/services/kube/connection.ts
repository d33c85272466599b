import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { KubeConfig, User } from '@kubernetes/client-node';

import type { AuthProblem, KubeConnection } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';

import { isNetworkError, isTlsError, KubeApiError, RawApi, toKubeError } from './http';
import { kubeConfigFor, type LoadedKubeconfig } from './kubeconfig';
import { findCommand, PLUGIN_HINTS } from './login-path';

export interface ConnectionOptions {
  /** The merged kubeconfig, read fresh for each attempt (a file may have been fixed). */
  load: () => Promise<LoadedKubeconfig>;
  /** The PATH exec plugins are looked up on (the process's and the login shell's). */
  searchPath: () => Promise<string>;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  probeTimeoutMs?: number;
}

export interface Clients {
  kc: KubeConfig;
  raw: RawApi;
  server: string;
}

type Listener = (state: KubeConnection) => void;

/**
 * The connection to one context's cluster, kept as the engine's is: it connects, says in words why it
 * cannot (an exec plugin missing, an expired token or certificate, TLS, an unreachable server), retries an
 * unreachable server with backoff, and when the server is back, the watches of this context re-list.
 */
export class ContextConnection {
  private current: KubeConnection;
  private clients: Clients | undefined;
  private connecting: Promise<KubeConnection> | undefined;
  private verifying: Promise<boolean> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly listeners = new Set<Listener>();
  private readonly reconnectHooks = new Set<() => void>();

  constructor(
    readonly context: string,
    private readonly options: ConnectionOptions,
  ) {
    this.current = { context, status: 'connecting', everConnected: false, server: '', attempt: 0 };
  }

  get state(): KubeConnection {
    return this.current;
  }

  onState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the connection came back (the watches re-list). */
  onReconnect(hook: () => void): () => void {
    this.reconnectHooks.add(hook);
    return () => this.reconnectHooks.delete(hook);
  }

  /** The clients, connecting first if needed; fails with the reason in words. */
  async ready(): Promise<Clients> {
    if (this.current.status !== 'connected' || !this.clients) await this.connect();
    if (this.current.status === 'connected' && this.clients) return this.clients;
    throw this.current.error ? LotseError.fromData(this.current.error) : new LotseError('K8S_UNREACHABLE', `The context ${this.context} is not connected.`);
  }

  /** Tries now, skipping the wait of the current backoff. */
  reconnect(): Promise<KubeConnection> {
    clearTimeout(this.retryTimer);
    return this.connect();
  }

  connect(): Promise<KubeConnection> {
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /**
   * A request or watch failed: does the server still answer? When it looks like the network and the server
   * does not answer, the connection counts as lost (banner, retries, re-list when back). Callers at the same
   * moment share one probe.
   */
  verify(error?: unknown): Promise<boolean> {
    if (this.current.status !== 'connected' || this.disposed) return Promise.resolve(false);
    if (error !== undefined && !isNetworkError(error)) return Promise.resolve(true);
    this.verifying ??= this.probe(this.clients)
      .then(
        () => true,
        (e: unknown) => {
          this.lost(e);
          return false;
        },
      )
      .finally(() => {
        this.verifying = undefined;
      });
    return this.verifying;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    this.reconnectHooks.clear();
  }

  private set(state: KubeConnection): void {
    this.current = state;
    for (const l of [...this.listeners]) l(state);
  }

  private async attempt(): Promise<KubeConnection> {
    const wasDown = this.current.status !== 'connected';
    if (this.current.status !== 'connecting') this.set({ ...this.current, status: 'connecting' });
    const loaded = await this.options.load();
    const prepared = await this.prepare(loaded);
    if ('problem' in prepared) {
      this.clients = undefined;
      this.set({ ...this.base(prepared.server), status: 'unauthorized', auth: prepared.problem, error: prepared.error.toData(), attempt: 0 });
      return this.current;
    }
    try {
      const version = await this.probe(prepared);
      if (this.disposed) return this.current;
      this.clients = prepared;
      this.set({ ...this.base(prepared.server), status: 'connected', everConnected: true, version, attempt: 0 });
      if (wasDown) for (const hook of [...this.reconnectHooks]) hook();
    } catch (error) {
      this.clients = undefined;
      this.fail(error, prepared.server, prepared.user);
    }
    return this.current;
  }

  private base(server: string): KubeConnection {
    return { context: this.context, status: this.current.status, everConnected: this.current.everConnected, server, attempt: this.current.attempt };
  }

  /** The client-node config for the context, with its exec plugin found on the login shell's PATH. */
  private async prepare(loaded: LoadedKubeconfig): Promise<(Clients & { user: User | undefined }) | { problem: AuthProblem; error: LotseError; server: string }> {
    const entry = loaded.contexts.get(this.context);
    const server = entry ? (loaded.clusters.get(entry.context.cluster)?.cluster.server ?? '') : '';
    if (!entry) {
      const error = new LotseError('NOT_FOUND', `The kubeconfig has no context "${this.context}".`, undefined, { reason: 'k8sNotFound' });
      return { problem: { kind: 'unauthorized', detail: error.message }, error, server };
    }
    let user = loaded.users.get(entry.context.user)?.user;
    const exec = user?.exec as { command?: string; env?: { name: string; value: string }[] } | undefined;
    if (user && exec?.command) {
      const path = await this.options.searchPath();
      const found = findCommand(exec.command, path);
      if (!found) {
        const hint = PLUGIN_HINTS[exec.command.split('/').pop() ?? exec.command];
        const error = new LotseError('DENIED', `The exec plugin "${exec.command}" that signs in to ${server} is not installed (or not on the PATH of your login shell).`, hint, {
          reason: 'k8sExecPluginMissing',
          detail: exec.command,
        });
        return { problem: { kind: 'exec-missing', subject: exec.command, ...(hint ? { detail: hint } : {}) }, error, server };
      }
      // The plugin runs with the login shell's PATH too, so the tools it calls (gcloud, az) are found.
      user = { ...user, exec: { ...exec, command: found, env: [...(exec.env ?? []).filter((e) => e.name !== 'PATH'), { name: 'PATH', value: path }] } };
    }
    const expired = certificateExpiry(user);
    if (expired) {
      const error = new LotseError('DENIED', `The client certificate of the user "${entry.context.user}" expired on ${expired}.`, undefined, { reason: 'k8sUnauthorized', detail: expired });
      return { problem: { kind: 'certificate', subject: entry.context.user, detail: expired }, error, server };
    }
    const tokenExpiry = jwtExpiry(user?.token);
    if (tokenExpiry !== undefined && tokenExpiry < Date.now()) {
      const when = new Date(tokenExpiry).toISOString();
      const error = new LotseError('DENIED', `The token of the user "${entry.context.user}" expired on ${when}.`, undefined, { reason: 'k8sUnauthorized', detail: when });
      return { problem: { kind: 'token-expired', subject: entry.context.user, detail: when }, error, server };
    }
    const kc = await kubeConfigFor(loaded, this.context, user);
    if (!kc) {
      const error = new LotseError('NOT_FOUND', `The context "${this.context}" names a cluster no kubeconfig file defines.`, undefined, { reason: 'k8sNotFound' });
      return { problem: { kind: 'unauthorized', detail: error.message }, error, server };
    }
    return { kc, raw: kc.makeApiClient(RawApi), server, user };
  }

  /** /version (public) and /api (needs a valid identity): the version, or why not. */
  private async probe(clients: Clients | undefined): Promise<string> {
    if (!clients) throw new LotseError('K8S_UNREACHABLE', 'Not connected.');
    const signal = AbortSignal.timeout(this.options.probeTimeoutMs ?? 5000);
    const version = await clients.raw.get<{ gitVersion?: string }>('/version', undefined, signal);
    try {
      await clients.raw.get('/api', undefined, signal);
    } catch (error) {
      // Forbidden discovery still means the server knows who we are.
      if (!(error instanceof KubeApiError && error.status === 403)) throw error;
    }
    return version.gitVersion ?? '';
  }

  private fail(error: unknown, server: string, user: User | undefined): void {
    const lotse = toKubeError(error, server);
    if (error instanceof KubeApiError && error.status === 401) {
      const expiry = jwtExpiry(user?.token);
      const problem: AuthProblem = expiry !== undefined && expiry < Date.now() ? { kind: 'token-expired', detail: new Date(expiry).toISOString() } : { kind: 'unauthorized', detail: lotse.detail ?? lotse.message };
      this.set({ ...this.base(server), status: 'unauthorized', auth: problem, error: lotse.toData(), attempt: 0 });
      return;
    }
    const exec = (user?.exec as { command?: string } | undefined)?.command;
    if (exec && !isNetworkError(error) && !isTlsError(error) && !(error instanceof KubeApiError)) {
      const detail = (error as Error).message?.trim() || String(error);
      const failed = new LotseError('DENIED', `The exec plugin "${exec}" failed: ${detail}`, undefined, { reason: 'k8sUnauthorized', detail });
      this.set({ ...this.base(server), status: 'unauthorized', auth: { kind: 'exec-failed', subject: exec, detail }, error: failed.toData(), attempt: 0 });
      return;
    }
    if (isTlsError(error)) {
      this.set({ ...this.base(server), status: 'error', auth: { kind: 'tls', detail: lotse.detail ?? lotse.message }, error: lotse.toData(), attempt: 0 });
      return;
    }
    this.lost(error, server);
  }

  private lost(error: unknown, server = this.current.server): void {
    if (this.disposed) return;
    this.clients = undefined;
    const attempt = this.current.attempt + 1;
    const retryInMs = Math.min(this.options.maxBackoffMs ?? 10_000, (this.options.initialBackoffMs ?? 500) * 2 ** (attempt - 1));
    this.set({ ...this.base(server), status: 'unreachable', error: toKubeError(error, server).toData(), retryInMs, attempt });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), retryInMs);
    this.retryTimer.unref();
  }
}

/** When a client certificate has expired: its end date; undefined when it is valid or not readable. */
function certificateExpiry(user: User | undefined): string | undefined {
  try {
    const pem = user?.certData ? Buffer.from(user.certData, 'base64') : user?.certFile ? readFileSync(user.certFile) : undefined;
    if (!pem) return undefined;
    const cert = new X509Certificate(pem);
    const end = Date.parse(cert.validTo);
    return Number.isFinite(end) && end < Date.now() ? new Date(end).toISOString() : undefined;
  } catch {
    return undefined;
  }
}

/** The `exp` of a JWT bearer token in ms, when the token is one. */
export function jwtExpiry(token: string | undefined): number | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
