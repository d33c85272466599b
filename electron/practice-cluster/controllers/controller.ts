import type { ClusterContext, Component } from '../cluster';
import type { StoreEvent } from '../store';

/**
 * A controller: store events map to keys, keys are reconciled in batches on the next turn of the event loop.
 * A reconcile that throws is logged and retried on the next event; it never stops the cluster.
 */
export abstract class Controller implements Component {
  private readonly queue = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;
  private unsubscribe: (() => void) | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;

  constructor(
    protected readonly ctx: ClusterContext,
    private readonly resyncMs = 0,
  ) {}

  /** Keys to reconcile after a store event. */
  protected abstract keysFor(event: StoreEvent): string[];
  /** Every key, for the first run and periodic resyncs. */
  protected abstract allKeys(): string[];
  protected abstract reconcile(key: string): void;

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => {
      for (const k of this.keysFor(e)) this.enqueue(k);
    });
    for (const k of this.allKeys()) this.enqueue(k);
    if (this.resyncMs) {
      this.resyncTimer = setInterval(() => {
        for (const k of this.allKeys()) this.enqueue(k);
      }, this.resyncMs);
      this.resyncTimer.unref();
    }
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.queue.clear();
  }

  enqueue(key: string): void {
    this.queue.add(key);
    this.scheduled ??= setImmediate(() => this.drain());
  }

  /** Re-run a key later (waiting for time to pass, e.g. minReadySeconds or a back-off). */
  enqueueAfter(key: string, ms: number): void {
    setTimeout(() => this.enqueue(key), ms).unref();
  }

  private drain(): void {
    this.scheduled = undefined;
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      try {
        this.reconcile(key);
      } catch (error) {
        this.ctx.log(`${this.constructor.name} ${key}: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
}

export const nsKey = (namespace: string | undefined, name: string | undefined): string => `${namespace ?? ''}/${name ?? ''}`;
export function splitKey(key: string): [string, string] {
  const at = key.indexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}
