import type { EventOf, MethodName, ParamsOf, ProgressOf, ResultOf, TopicName, TopicParamsOf } from '@shared/contract';
import { LotseError } from '@shared/lotse-error';
import { controlMethods } from '@shared/rpc/control';
import type { RequestId } from '@shared/rpc/jsonrpc';
import type * as ErrorSchemas from '@shared/errors';

/** What the client needs from a transport: send a message, hear messages, know when it is open. */
export interface Transport {
  send(message: unknown): void;
  onMessage(callback: (message: unknown) => void): () => void;
  /** Reports (re)opened and closed; transports that cannot close never call it. */
  onStatus(callback: (open: boolean) => void): () => void;
}

export interface CallOptions<P = unknown> {
  signal?: AbortSignal;
  /** The method's `$/progress` values, typed by the contract's progress schema. */
  onProgress?: (value: P) => void;
}

interface RequestOptions extends CallOptions {
  /** Runs synchronously when the answer arrives, before any message that follows it. */
  onResult?: (result: unknown) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: ((value: unknown) => void) | undefined;
  onResult?: ((result: unknown) => void) | undefined;
}

interface LocalSubscription {
  topic: string;
  params: unknown;
  callback(event: unknown): void;
  remoteId: string | undefined;
  active: boolean;
}

interface IncomingMessage {
  id?: RequestId | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** The renderer's one API: `call` and `subscribe`, whatever carries the messages. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  private readonly subscriptions = new Set<LocalSubscription>();
  private readonly byRemoteId = new Map<string, LocalSubscription>();
  /** Subscriptions are reopened only after a reconnect; before the first open they wait in the queue. */
  private wasOpen = false;
  private readonly statusListeners = new Set<(open: boolean) => void>();

  constructor(private readonly transport: Transport) {
    transport.onMessage((message) => this.receive(message as IncomingMessage));
    transport.onStatus((open) => {
      for (const listener of this.statusListeners) listener(open);
      if (open) {
        if (this.wasOpen) for (const sub of this.subscriptions) void this.open(sub);
        this.wasOpen = true;
      } else {
        this.byRemoteId.clear();
        for (const sub of this.subscriptions) sub.remoteId = undefined;
        const lost = new LotseError('ENGINE_UNAVAILABLE', 'The connection to the Lotse backend was lost.');
        for (const p of this.pending.values()) p.reject(lost);
        this.pending.clear();
      }
    });
  }

  /** Whether the backend is reachable (the browser bridge's socket can drop; IPC cannot). */
  onStatus(listener: (open: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>, options: CallOptions<ProgressOf<M>> = {}): Promise<ResultOf<M>> {
    return this.request(method, params, options as CallOptions) as Promise<ResultOf<M>>;
  }

  /** Subscribes to a topic; returns the disposer. Re-subscribes by itself after a reconnect. */
  subscribe<T extends TopicName>(topic: T, params: TopicParamsOf<T>, callback: (event: EventOf<T>) => void): () => void {
    const sub: LocalSubscription = {
      topic,
      params,
      callback,
      remoteId: undefined,
      active: true,
    };
    this.subscriptions.add(sub);
    void this.open(sub);
    return () => {
      sub.active = false;
      this.subscriptions.delete(sub);
      if (sub.remoteId) {
        this.byRemoteId.delete(sub.remoteId);
        void this.request(controlMethods.unsubscribe, { subscription: sub.remoteId }).catch(() => undefined);
      }
    };
  }

  private async open(sub: LocalSubscription): Promise<void> {
    // The first event may follow the answer at once: register the id before anything else runs.
    const register = (result: unknown): void => {
      const { subscription } = result as { subscription: string };
      if (!sub.active) {
        void this.request(controlMethods.unsubscribe, { subscription }).catch(() => undefined);
        return;
      }
      if (sub.remoteId) this.byRemoteId.delete(sub.remoteId);
      sub.remoteId = subscription;
      this.byRemoteId.set(subscription, sub);
    };
    await this.request(controlMethods.subscribe, { topic: sub.topic, params: sub.params }, { onResult: register }).catch(
      () => undefined, // Reopened on the next reconnect.
    );
  }

  private request(method: string, params: unknown, options: RequestOptions = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new LotseError('CANCELLED', 'The request was cancelled.'));
        return;
      }
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress, onResult: options.onResult });
      options.signal?.addEventListener('abort', () => this.transport.send({ jsonrpc: '2.0', method: controlMethods.cancel, params: { id } }), {
        once: true,
      });
      try {
        this.transport.send({ jsonrpc: '2.0', id, method, params });
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private receive(message: IncomingMessage): void {
    if (message.method === controlMethods.event) {
      const params = message.params as { subscription: string; event: unknown };
      this.byRemoteId.get(params.subscription)?.callback(params.event);
      return;
    }
    if (message.method === controlMethods.progress) {
      const params = message.params as { id: RequestId; value: unknown };
      this.pending.get(params.id)?.onProgress?.(params.value);
      return;
    }
    if (message.id === undefined || message.id === null) return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.error) {
      const error = message.error;
      toLotseError(error).then(
        (lotse) => pending.reject(lotse),
        () => pending.reject(new LotseError('INTERNAL', error.message)),
      );
    } else {
      pending.onResult?.(message.result);
      pending.resolve(message.result);
    }
  }
}

/** The error schemas load with the first error answer: the first paint builds none. */
let errorSchemas: Promise<typeof ErrorSchemas> | undefined;

/**
 * The error an answer carries, as the UI says it: with its reason and refused values when they
 * are ones this build knows, else at least its code and words.
 */
async function toLotseError(error: { message: string; data?: unknown }): Promise<LotseError> {
  const { ErrorData } = await (errorSchemas ??= import('@shared/errors'));
  const full = ErrorData.safeParse(error.data);
  if (full.success) return LotseError.fromData(full.data);
  const basic = ErrorData.pick({ code: true, message: true, hint: true }).safeParse(error.data);
  return basic.success ? LotseError.fromData(basic.data) : new LotseError('INTERNAL', error.message);
}
