import type { z } from 'zod';

import { type AreaId, areaOfName } from '@shared/areas';
import {
  type EventOf,
  loadContract,
  type MethodName,
  type Methods,
  type MethodSpec,
  type ProgressOf,
  type ResultOf,
  type TopicName,
  type Topics,
  type TopicSpec,
} from '@shared/contract';
import { LotseError } from '@shared/errors';
import { openRpcDocument } from '@shared/openrpc';
import {
  CancelParams,
  controlMethods,
  type RequestId,
  RpcNotification,
  RpcRequest,
  rpcErrorNumbers,
  type RpcMessage,
  SubscribeParams,
  UnsubscribeParams,
} from '@shared/rpc/jsonrpc';

import { invalidParams, toLotseError } from './errors';
import { checkValue, idOf, inboundLimits, peekId, scanJson } from './inbound';

/** Subscriptions one connection may hold at once (a window needs a few dozen). */
export const MAX_SUBSCRIPTIONS = 256;

// Fatal: bytes that are not UTF-8 are refused, not replaced; a byte order mark stays and fails as JSON.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface CallContext<P = unknown> {
  /** Aborted when the caller cancels ($/cancelRequest) or its connection closes. */
  readonly signal: AbortSignal;
  /** Sends a `$/progress` notification for this request, of the type the contract declares for it. */
  progress(value: P): void;
}

export type Handler<M extends MethodName> = (
  params: z.output<Methods[M]['params']>,
  ctx: CallContext<ProgressOf<M>>,
) => Promise<ResultOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface TopicSource<T extends TopicName> {
  /**
   * Opens the upstream; returns its disposer. Called once per topic+params, shared by all subscribers.
   * A source whose stream is over calls `end`: its subscribers keep what they got, and the next
   * subscriber with the same params opens a fresh upstream instead of joining a silent one.
   */
  open(params: z.output<Topics[T]['params']>, emit: (event: EventOf<T>) => void, end: () => void): () => void;
  /** Replay the last event to a subscriber that joins a running upstream (state topics). */
  replayLast?: boolean;
  /**
   * For topics whose events are changes to a state (a list kept by a watch): folds each event into the
   * one a joining subscriber gets instead of the last event, so it starts from the whole state.
   */
  fold?: (state: EventOf<T> | undefined, event: EventOf<T>) => EventOf<T>;
}
export type TopicSources = { [T in TopicName]: TopicSource<T> };

/** One area, loaded: its part of the contract, and what answers it. */
export interface WiredArea {
  methods: Readonly<Record<string, MethodSpec>>;
  topics: Readonly<Record<string, TopicSpec>>;
  handlers: Partial<Handlers>;
  sources: Partial<TopicSources>;
}

export interface RouterOptions {
  /** Loads an area the first time one of its names is asked for (the area of a name: shared/areas.ts). */
  areas: (area: AreaId) => Promise<WiredArea>;
  version: string;
  /** Validate every result against the contract (tests turn this on). */
  strictResults?: boolean;
}

type Send = (message: RpcMessage) => void;

interface Upstream {
  dispose: () => void;
  listeners: Set<(event: unknown) => void>;
  last: { event: unknown } | undefined;
}

/** One router for both transports: validates params, calls services, maps errors, shares watches. */
export class Router {
  private readonly upstreams = new Map<string, Upstream>();
  private readonly connections = new Set<RouterConnection>();
  private readonly wired = new Map<AreaId | 'discovery', Promise<unknown>>();

  constructor(private readonly options: RouterOptions) {}

  connect(send: Send): RouterConnection {
    const connection = new RouterConnection(this, send);
    this.connections.add(connection);
    return connection;
  }

  /** How many upstream streams are open (each shared by its subscribers). */
  get upstreamCount(): number {
    return this.upstreams.size;
  }

  /** Closes every connection and with them every upstream. */
  close(): void {
    for (const connection of [...this.connections]) connection.close();
  }

  /** @internal */
  forget(connection: RouterConnection): void {
    this.connections.delete(connection);
  }

  /** Loads once, shared by every caller; a load that failed is tried again by the next one. */
  private once<T>(key: AreaId | 'discovery', load: () => Promise<T>): Promise<T> {
    let loading = this.wired.get(key) as Promise<T> | undefined;
    if (!loading) {
      const started = load();
      loading = started;
      this.wired.set(key, started);
      started.catch(() => {
        if (this.wired.get(key) === started) this.wired.delete(key);
      });
    }
    return loading;
  }

  private area(name: string, what: 'method' | 'topic'): Promise<WiredArea> {
    const area = areaOfName(name);
    if (!area) return Promise.reject(new LotseError('METHOD_NOT_FOUND', `Unknown ${what} '${name}'.`));
    return this.once(area, () => this.options.areas(area));
  }

  /** @internal */
  async call(method: string, rawParams: unknown, ctx: CallContext): Promise<unknown> {
    // Built once: it is the same for every caller, and building it is the costliest answer there is.
    if (method === controlMethods.discover) return this.once('discovery', async () => openRpcDocument(this.options.version, await loadContract()));
    const area = await this.area(method, 'method');
    const spec = Object.hasOwn(area.methods, method) ? area.methods[method] : undefined;
    if (!spec) throw new LotseError('METHOD_NOT_FOUND', `Unknown method '${method}'.`);
    const parsed = spec.params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      throw invalidParams(method, parsed.error, rawParams ?? {});
    }
    // Only a name of the area's contract is looked up among its handlers.
    const handler = area.handlers[method as MethodName] as ((p: unknown, c: CallContext) => Promise<unknown>) | undefined;
    if (typeof handler !== 'function') throw new LotseError('METHOD_NOT_FOUND', `Unknown method '${method}'.`);
    const result = await handler(parsed.data, this.options.strictResults ? checkedProgress(method, spec.progress, ctx) : ctx);
    if (this.options.strictResults) {
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        throw new LotseError('INTERNAL', `Result of ${method} breaks the contract: ${checked.error.message}`);
      }
    }
    return result;
  }

  /**
   * @internal Checks topic and params (loading the topic's area); the function it returns adds a listener to
   * the shared upstream for topic+params, at once, and returns its remover.
   */
  async topic(topic: string, rawParams: unknown): Promise<(listener: (event: unknown) => void) => () => void> {
    const area = await this.area(topic, 'topic');
    const spec = Object.hasOwn(area.topics, topic) ? area.topics[topic] : undefined;
    const source = spec && area.sources[topic as TopicName];
    if (!spec || !source) throw new LotseError('METHOD_NOT_FOUND', `Unknown topic '${topic}'.`);
    const parsed = spec.params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      throw invalidParams(`topic ${topic}`, parsed.error, rawParams ?? {});
    }
    return (listener) => this.listen(topic, parsed.data as z.output<Topics[TopicName]['params']>, source, listener);
  }

  private listen(topic: string, params: z.output<Topics[TopicName]['params']>, source: TopicSource<TopicName>, listener: (event: unknown) => void): () => void {
    const key = `${topic}\u0000${stableStringify(params)}`;
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      const created: Upstream = { dispose: () => undefined, listeners: new Set(), last: undefined };
      this.upstreams.set(key, created);
      created.listeners.add(listener);
      created.dispose = source.open(
        params,
        (event) => {
          created.last = { event: source.fold ? source.fold(created.last?.event as EventOf<TopicName> | undefined, event) : event };
          for (const l of [...created.listeners]) l(event);
        },
        () => {
          if (this.upstreams.get(key) === created) this.upstreams.delete(key);
        },
      );
      upstream = created;
    } else {
      upstream.listeners.add(listener);
      if (source.replayLast && upstream.last) listener(upstream.last.event);
    }
    const shared = upstream;
    return () => {
      if (!shared.listeners.delete(listener) || shared.listeners.size > 0) return;
      // An ended upstream has left the map already; it is disposed with its last subscriber all the same.
      if (this.upstreams.get(key) === shared) this.upstreams.delete(key);
      shared.dispose();
    };
  }
}

/** One window or one WebSocket: its requests, its subscriptions, closed together. */
export class RouterConnection {
  private readonly subscriptions = new Map<string, () => void>();
  private readonly running = new Map<RequestId, AbortController>();
  private nextSubscription = 1;
  private closed = false;

  constructor(
    private readonly router: Router,
    private readonly send: Send,
  ) {}

  /** Handles one message as JSON text (the browser bridge): measured against the limits before it is parsed. Never throws. */
  receiveJson(bytes: Uint8Array): void {
    if (this.closed) return;
    const refusal = scanJson(bytes);
    if (refusal !== undefined) return this.refuse(peekId(bytes), refusal);
    let message: unknown;
    try {
      message = JSON.parse(utf8.decode(bytes));
    } catch {
      return this.reply({ jsonrpc: '2.0', id: null, error: { code: rpcErrorNumbers.parseError, message: 'The message is not JSON text in UTF-8.' } });
    }
    this.accept(message);
  }

  /** Handles one message that arrives as a value (Electron IPC): the same limits, walked. Never throws. */
  receive(message: unknown): void {
    if (this.closed) return;
    const refusal = checkValue(message);
    if (refusal !== undefined) return this.refuse(idOf(message), refusal);
    this.accept(message);
  }

  private accept(message: unknown): void {
    const request = RpcRequest.safeParse(message);
    if (request.success) {
      const { id, method } = request.data;
      if (typeof id === 'string' && id.length > inboundLimits.maxIdLength) {
        return this.refuse(null, `A request id may have at most ${inboundLimits.maxIdLength} characters.`);
      }
      if (method.length > inboundLimits.maxMethodLength) return this.refuse(id, `There is no method with a name that long.`);
      this.handleRequest(request.data).catch((error: unknown) => this.replyError(id, error));
      return;
    }
    // With an id it is a request, even when the id is of no use: a request is answered, a notification is not.
    const hasId = typeof message === 'object' && message !== null && Object.hasOwn(message, 'id');
    const notification = hasId ? undefined : RpcNotification.safeParse(message);
    if (notification?.success) {
      this.handleNotification(notification.data);
      return;
    }
    this.refuse(idOf(message), 'Not a JSON-RPC 2.0 request: it needs jsonrpc "2.0", a method name and an id that is a string or a number.');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const dispose of this.subscriptions.values()) dispose();
    this.subscriptions.clear();
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.router.forget(this);
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  private handleNotification(message: RpcNotification): void {
    if (message.method === controlMethods.cancel) {
      const params = CancelParams.safeParse(message.params);
      if (params.success) this.running.get(params.data.id)?.abort();
    }
  }

  private async handleRequest(request: RpcRequest): Promise<void> {
    const { id } = request;
    if (this.running.has(id)) {
      this.replyError(id, new LotseError('INVALID_PARAMS', `Request id ${String(id)} is already in use.`));
      return;
    }
    if (request.method === controlMethods.subscribe) {
      try {
        const { subscription, flush } = await this.subscribe(request.params);
        this.reply({ jsonrpc: '2.0', id, result: { subscription } });
        flush();
      } catch (error) {
        this.replyError(id, error);
      }
      return;
    }
    if (this.running.size >= inboundLimits.maxInFlight) {
      this.refuse(id, `More than ${inboundLimits.maxInFlight} requests at once on one connection: wait for answers first.`);
      return;
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      const result = await this.dispatch(request, controller.signal);
      if (controller.signal.aborted) throw new LotseError('CANCELLED', 'The request was cancelled.');
      this.reply({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (error) {
      this.replyError(id, controller.signal.aborted ? new LotseError('CANCELLED', 'The request was cancelled.') : error);
    } finally {
      this.running.delete(id);
    }
  }

  private async dispatch(request: RpcRequest, signal: AbortSignal): Promise<unknown> {
    switch (request.method) {
      case controlMethods.unsubscribe: {
        const params = UnsubscribeParams.safeParse(request.params);
        if (!params.success) throw new LotseError('INVALID_PARAMS', 'rpc.unsubscribe needs {subscription}.');
        const dispose = this.subscriptions.get(params.data.subscription);
        this.subscriptions.delete(params.data.subscription);
        dispose?.();
        return { removed: dispose !== undefined };
      }
      default:
        return this.router.call(request.method, request.params, {
          signal,
          progress: (value) => {
            if (!signal.aborted) this.reply({ jsonrpc: '2.0', method: controlMethods.progress, params: { id: request.id, value } });
          },
        });
    }
  }

  private async subscribe(rawParams: unknown): Promise<{ subscription: string; flush: () => void }> {
    const params = SubscribeParams.safeParse(rawParams);
    if (!params.success) throw new LotseError('INVALID_PARAMS', 'rpc.subscribe needs {topic, params}.');
    const full = (): LotseError => new LotseError('INVALID_PARAMS', `A connection holds at most ${MAX_SUBSCRIPTIONS} subscriptions; unsubscribe from some first.`);
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) throw full();
    const attach = await this.router.topic(params.data.topic, params.data.params);
    // While the topic's area loaded, the connection may have closed or filled up.
    if (this.closed) throw new LotseError('CANCELLED', 'The connection closed.');
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) throw full();
    const subscription = `s${this.nextSubscription++}`;
    // Register before listening: a state topic replays synchronously and that event must find its id.
    let dispose: (() => void) | undefined;
    this.subscriptions.set(subscription, () => dispose?.());
    const pending: unknown[] = [];
    let ready = false;
    try {
      dispose = attach((event) => {
        if (!ready) pending.push(event);
        else this.reply({ jsonrpc: '2.0', method: controlMethods.event, params: { subscription, event } });
      });
    } catch (error) {
      this.subscriptions.delete(subscription);
      throw error;
    }
    // Events raised while opening go out right after the answer that names the subscription.
    const flush = (): void => {
      ready = true;
      for (const event of pending.splice(0)) {
        this.reply({ jsonrpc: '2.0', method: controlMethods.event, params: { subscription, event } });
      }
    };
    return { subscription, flush };
  }

  private replyError(id: RequestId, error: unknown): void {
    const lotse = toLotseError(error);
    const code =
      lotse.code === 'INVALID_PARAMS'
        ? rpcErrorNumbers.invalidParams
        : lotse.code === 'METHOD_NOT_FOUND'
          ? rpcErrorNumbers.methodNotFound
          : lotse.code === 'CANCELLED'
            ? rpcErrorNumbers.cancelled
            : rpcErrorNumbers.application;
    this.reply({ jsonrpc: '2.0', id, error: { code, message: lotse.message, data: lotse.toData() } });
  }

  /** A message refused before it reached a method: an invalid-request answer, with the reason as data. */
  private refuse(id: RequestId | null, reason: string): void {
    const data = new LotseError('INVALID_PARAMS', reason).toData();
    this.reply({ jsonrpc: '2.0', id, error: { code: rpcErrorNumbers.invalidRequest, message: reason, data } });
  }

  private reply(message: RpcMessage): void {
    if (this.closed) return;
    try {
      this.send(message);
    } catch {
      // The other side is gone; its close() follows.
    }
  }
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Under strictResults: every progress value must match the schema its method declares (and none may be sent without one). */
function checkedProgress(method: string, spec: z.ZodType | undefined, ctx: CallContext): CallContext {
  return {
    signal: ctx.signal,
    progress: (value) => {
      if (!spec) throw new LotseError('INTERNAL', `${method} sent progress but declares none in the contract.`);
      const checked = spec.safeParse(value);
      if (!checked.success) throw new LotseError('INTERNAL', `Progress of ${method} breaks the contract: ${checked.error.message}`);
      ctx.progress(value);
    },
  };
}
