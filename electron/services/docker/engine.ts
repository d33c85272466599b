import type { Readable } from 'node:stream';

import Docker from 'dockerode';

import type { EngineEvent, EngineInfo, EngineState } from '@shared/dto/engine';
import { LotseError } from '@shared/errors';

import { toLotseError } from './errors';
import { connectionFor, type EndpointCandidate, type EngineConnection } from './endpoints';
import { LineSplitter } from './lines';

export interface EngineServiceOptions {
  /** Returns the endpoints to try, in order; called on every attempt so a new socket is found. */
  resolve: () => EndpointCandidate[];
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  pingTimeoutMs?: number;
}

type Listener<T> = (value: T) => void;

/**
 * Owns the connection to the Docker engine: finds it, keeps the event stream open, notices when
 * the engine goes away and reconnects with backoff. Never throws into the void: every failure
 * becomes state.
 */
export class EngineService {
  private current: EngineState = { status: 'connecting', everConnected: false, attempt: 0 };
  private client: { docker: Docker; connection: EngineConnection } | undefined;
  private events: Readable | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private running = false;
  private connecting: Promise<EngineState> | undefined;
  private verifying: Promise<boolean> | undefined;
  private generation = 0;
  /** Bumped by every event and every opened or closed event stream: see changeMark(). */
  private changes = 0;
  private readonly stateListeners = new Set<Listener<EngineState>>();
  private readonly eventListeners = new Set<Listener<EngineEvent>>();

  constructor(private readonly options: EngineServiceOptions) {}

  get state(): EngineState {
    return this.current;
  }

  /** The connected client; fails with ENGINE_UNAVAILABLE while there is none. */
  docker(): Docker {
    return this.connected().docker;
  }

  /** How the connected client reaches the engine, for a client of its own elsewhere (a worker thread). */
  connection(): EngineConnection {
    return this.connected().connection;
  }

  private connected(): { docker: Docker; connection: EngineConnection } {
    if (!this.client || this.current.status !== 'connected') {
      throw new LotseError(
        'ENGINE_UNAVAILABLE',
        'Lotse is not connected to a Docker engine right now.',
        'Start Docker; Lotse reconnects by itself.',
      );
    }
    return this.client;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.closeEvents();
    this.client = undefined;
  }

  /**
   * A mark that moves whenever the engine may have changed: with every event, and whenever the event
   * stream opens or closes. Undefined while no event stream is open, since then a change would go
   * unheard. What was read from the engine is still current while the mark is the one taken before
   * the read began.
   */
  changeMark(): number | undefined {
    return this.events && this.current.status === 'connected' ? this.changes : undefined;
  }

  /** Tries at once, skipping the wait of the current backoff. */
  reconnect(): Promise<EngineState> {
    if (this.current.status === 'connected') return Promise.resolve(this.current);
    clearTimeout(this.retryTimer);
    return this.connect();
  }

  /**
   * Asks the engine whether it still answers, for a stream that just broke off: when it does not,
   * the connection counts as lost at once (rather than when the event stream notices) and the
   * reconnecting starts. Callers at the same moment share one ping.
   */
  verify(): Promise<boolean> {
    const client = this.client?.docker;
    if (!client || this.current.status !== 'connected') return Promise.resolve(false);
    const generation = this.generation;
    this.verifying ??= withTimeout(client.ping(), this.options.pingTimeoutMs ?? 3000)
      .then(
        () => true,
        (error: unknown) => {
          this.lost(
            new LotseError('ENGINE_UNAVAILABLE', `The connection to the Docker engine was lost (${toLotseError(error).message}).`),
            generation,
          );
          return false;
        },
      )
      .finally(() => {
        this.verifying = undefined;
      });
    return this.verifying;
  }

  onState(listener: Listener<EngineState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEvent(listener: Listener<EngineEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private connect(): Promise<EngineState> {
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async attempt(): Promise<EngineState> {
    const generation = ++this.generation;
    if (this.current.status !== 'connecting') this.setState({ ...this.current, status: 'connecting' });
    const candidates = this.options.resolve();
    let lastError: LotseError = new LotseError('ENGINE_UNAVAILABLE', 'No Docker engine endpoint was found.');
    let lastEndpoint: EndpointCandidate | undefined = candidates[0];
    for (const endpoint of candidates) {
      lastEndpoint = endpoint;
      try {
        const connection = connectionFor(endpoint);
        const client = new Docker(connection);
        await withTimeout(client.ping(), this.options.pingTimeoutMs ?? 3000);
        const info = await readInfo(client);
        if (generation !== this.generation || !this.running) return this.current;
        this.client = { docker: client, connection };
        this.openEvents(client, generation);
        this.setState({
          status: 'connected',
          everConnected: true,
          endpoint: publicEndpoint(endpoint),
          info,
          attempt: 0,
        });
        return this.current;
      } catch (error) {
        lastError = toLotseError(error);
      }
    }
    if (generation !== this.generation || !this.running) return this.current;
    this.scheduleRetry(lastError, lastEndpoint);
    return this.current;
  }

  /**
   * Reads the engine's info again and tells the state's listeners: joining or leaving a swarm changes
   * it, and the engine's event stream says nothing about that.
   */
  async refreshInfo(): Promise<void> {
    const client = this.client;
    if (!client || this.current.status !== 'connected') return;
    const generation = this.generation;
    try {
      const info = await readInfo(client.docker);
      if (generation === this.generation && this.current.status === 'connected') this.setState({ ...this.current, info });
    } catch {
      // A lost engine is noticed by the event stream; the state keeps the last info until then.
    }
  }

  private scheduleRetry(error: LotseError, endpoint: EndpointCandidate | undefined): void {
    const attempt = this.current.attempt + 1;
    const initial = this.options.initialBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 10_000;
    const retryInMs = Math.min(max, initial * 2 ** (attempt - 1));
    this.client = undefined;
    this.setState({
      status: 'disconnected',
      everConnected: this.current.everConnected,
      ...(endpoint ? { endpoint: publicEndpoint(endpoint) } : {}),
      ...(this.current.info ? { info: this.current.info } : {}),
      error: error.toData(),
      retryInMs,
      attempt,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), retryInMs);
    this.retryTimer.unref();
  }

  private openEvents(client: Docker, generation: number): void {
    this.closeEvents();
    const since = Math.floor(Date.now() / 1000);
    client.getEvents({ since }, (error, stream) => {
      if (generation !== this.generation) {
        (stream as Readable | undefined)?.destroy();
        return;
      }
      if (error || !stream) {
        this.lost(toLotseError(error ?? new Error('no event stream')), generation);
        return;
      }
      const readable = stream as Readable;
      this.events = readable;
      this.changes++;
      const lines = new LineSplitter(64 * 1024);
      readable.on('data', (chunk: Buffer) => {
        this.changes++;
        for (const line of lines.push(chunk)) this.emitEvent(line);
      });
      const onGone = (cause?: Error): void => {
        if (this.events === readable) this.events = undefined;
        this.lost(
          new LotseError('ENGINE_UNAVAILABLE', `The connection to the Docker engine was lost${cause ? ` (${cause.message})` : ''}.`),
          generation,
        );
      };
      readable.once('end', () => onGone());
      readable.once('close', () => onGone());
      readable.once('error', (e: Error) => onGone(e));
    });
  }

  private lost(error: LotseError, generation: number): void {
    if (generation !== this.generation || !this.running || this.current.status !== 'connected') return;
    this.generation++;
    this.closeEvents();
    const endpoint = this.current.endpoint;
    this.current = { ...this.current, attempt: 0 };
    this.scheduleRetry(error, endpoint ? { ...endpoint } : undefined);
  }

  private emitEvent(line: string): void {
    const event = parseEvent(line);
    if (!event) return;
    for (const listener of [...this.eventListeners]) listener(event);
  }

  private closeEvents(): void {
    const events = this.events;
    this.events = undefined;
    this.changes++;
    events?.removeAllListeners();
    events?.on('error', () => undefined);
    events?.destroy();
  }

  private setState(state: EngineState): void {
    this.current = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  scope?: string;
  time?: number;
  timeNano?: number;
}

export function parseEvent(line: string): EngineEvent | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  if (!raw.Type || !raw.Action) return undefined;
  const attributes = raw.Actor?.Attributes ?? {};
  const name = attributes.name;
  return {
    type: raw.Type,
    action: raw.Action,
    id: raw.Actor?.ID ?? '',
    ...(name ? { name } : {}),
    attributes,
    ...(raw.scope ? { scope: raw.scope } : {}),
    time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
  };
}

async function readInfo(client: Docker): Promise<EngineInfo> {
  const info: unknown = await client.info();
  const version: unknown = await client.version();
  const i = info as Record<string, unknown> & {
    SecurityOptions?: string[];
    Swarm?: { LocalNodeState?: string };
  };
  const v = version as { ApiVersion?: string; Version?: string; Components?: { Name?: string }[] };
  const swarm = i.Swarm?.LocalNodeState;
  return {
    name: str(i.Name),
    product: v.Components?.some((c) => c.Name?.toLowerCase().includes('podman')) ? 'podman' : 'docker',
    version: str(i.ServerVersion ?? v.Version),
    apiVersion: str(v.ApiVersion),
    os: str(i.OperatingSystem),
    osType: str(i.OSType),
    kernelVersion: str(i.KernelVersion),
    architecture: str(i.Architecture),
    storageDriver: str(i.Driver),
    rootless: (i.SecurityOptions ?? []).some((o) => o.includes('name=rootless')),
    cpus: Number(i.NCPU ?? 0),
    memoryBytes: Number(i.MemTotal ?? 0),
    swarm:
      swarm === 'pending' || swarm === 'active' || swarm === 'error' || swarm === 'locked' ? swarm : 'inactive',
  };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function publicEndpoint(endpoint: EndpointCandidate): EngineState['endpoint'] {
  return {
    kind: endpoint.kind,
    address: endpoint.address,
    tls: endpoint.tls,
    source: endpoint.source,
    ...(endpoint.context ? { context: endpoint.context } : {}),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('ping timed out'), { code: 'ETIMEDOUT' })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
