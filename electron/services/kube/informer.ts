import type { KubeObject, KubeResource, WatchChange, WatchEvent } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';
import { toDto } from '@shared/kube/convert';

import { clientNode } from './client';
import type { ContextConnection } from './connection';
import { KubeApiError, toKubeError } from './http';
import { collectionPath } from './resources';

export interface InformerOptions {
  /** Changes arriving within this many ms go out as one batch. */
  batchMs?: number;
  /** Page size of the list (kubectl's chunk size). */
  pageSize?: number;
}

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: unknown[];
}

/**
 * List, then watch (client-node's Watch) one resource of one context, in one namespace or all. Everything
 * goes out as WatchEvents for the pure reducer: the list (first, again after a 410 Gone, again after the
 * connection came back), changes in small batches, and `stale` while the watch is down. Nothing polls: a
 * watch that ends is resumed from the last resourceVersion; one that cannot resume lists again.
 */
export class Informer {
  private resourceVersion = '';
  private generation = 0;
  private stopped = false;
  private controller: AbortController | undefined;
  private queue: WatchChange[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly offReconnect: () => void;
  private waiting = false;
  private lastWatchStart = 0;

  constructor(
    private readonly connection: ContextConnection,
    private readonly resource: KubeResource,
    private readonly namespace: string | undefined,
    private readonly emit: (event: WatchEvent) => void,
    private readonly options: InformerOptions = {},
  ) {
    this.offReconnect = connection.onReconnect(() => {
      if (this.waiting) void this.relist();
    });
  }

  start(): void {
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.offReconnect();
    clearTimeout(this.flushTimer);
    this.controller?.abort();
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    this.waiting = false;
    this.controller?.abort();
    this.flush();
    try {
      const { raw } = await this.connection.ready();
      const items: KubeObject[] = [];
      let next: string | undefined;
      let resourceVersion = '';
      do {
        const page = await raw.get<ListPage>(collectionPath(this.resource, this.namespace), { limit: this.options.pageSize ?? 500, ...(next ? { continue: next } : {}) });
        if (generation !== this.generation) return;
        for (const item of page.items ?? []) items.push(toDto(this.resource, item));
        resourceVersion ||= page.metadata?.resourceVersion ?? '';
        next = page.metadata?.continue || undefined;
      } while (next);
      this.resourceVersion = resourceVersion;
      this.emit({ kind: 'reset', resourceVersion, items });
      await this.watch(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      await this.failed(error, generation);
    }
  }

  private async watch(generation: number): Promise<void> {
    const { kc } = await this.connection.ready();
    const { Watch } = await clientNode();
    if (generation !== this.generation) return;
    const watch = new Watch(kc);
    this.lastWatchStart = Date.now();
    let ended = false;
    const done = (error: unknown): void => {
      if (ended) return;
      ended = true;
      if (generation !== this.generation) return;
      this.flush();
      if (!error) {
        // The server ended the watch (its timeout): resume where it stopped.
        void this.watch(generation).catch((e: unknown) => this.failed(e, generation));
        return;
      }
      void this.failed(error, generation);
    };
    this.controller = await watch.watch(
      collectionPath(this.resource, this.namespace),
      { resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
      (type: string, object: unknown) => {
        if (generation !== this.generation) return;
        if (type === 'BOOKMARK') {
          this.resourceVersion = (object as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? this.resourceVersion;
          return;
        }
        if (type === 'ERROR') {
          const status = object as { code?: number; message?: string };
          ended = true;
          this.controller?.abort();
          // 410 Gone: the resourceVersion is older than the server remembers; list again.
          if (status.code === 410) void this.relist();
          else void this.failed(new KubeApiError(status.code ?? 500, status, 'WATCH', this.resource), generation);
          return;
        }
        if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
        const dto = toDto(this.resource, object);
        if (dto.meta.resourceVersion) this.resourceVersion = dto.meta.resourceVersion;
        this.enqueue({ type, object: dto });
      },
      done,
    );
  }

  private enqueue(change: WatchChange): void {
    this.queue.push(change);
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.batchMs ?? 15);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.queue.length) return;
    const changes = this.queue;
    this.queue = [];
    this.emit({ kind: 'changes', changes });
  }

  private async failed(error: unknown, generation: number): Promise<void> {
    if (this.stopped || generation !== this.generation) return;
    if (error instanceof KubeApiError && error.status === 410) return this.relist();
    const lotse = error instanceof LotseError ? error : toKubeError(error);
    // Refused (forbidden, not found): say so and wait; nothing to retry until the connection is renewed.
    if (error instanceof KubeApiError || lotse.code === 'K8S_FORBIDDEN' || lotse.code === 'DENIED' || lotse.code === 'NOT_FOUND') {
      this.emit({ kind: 'stale', error: lotse.toData() });
      this.waiting = true;
      return;
    }
    const reachable = await this.connection.verify(error);
    if (this.stopped || generation !== this.generation) return;
    if (reachable) {
      // A watch that broke off while the server still answers (an idle timeout): resume it; at once,
      // unless it had only just started (then after a second, so a failing watch cannot spin).
      if (Date.now() - this.lastWatchStart < 1000) await new Promise((r) => setTimeout(r, 1000));
      if (this.stopped || generation !== this.generation) return;
      return this.watch(generation).catch((e: unknown) => this.failed(e, generation));
    }
    this.emit({ kind: 'stale', error: lotse.toData() });
    this.waiting = true;
  }
}
