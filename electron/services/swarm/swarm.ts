import { networkInterfaces } from 'node:os';

import type Docker from 'dockerode';

import { loadSpreadCommands, withPort } from '@shared/cli/swarm';
import type {
  AddressCandidate,
  DrainPreview,
  InitRequest,
  JoinTokens,
  LoadSpreadResult,
  NodeAvailability,
  NodeRole,
  NodeSummary,
  NodeUpdate,
  RolloutTimeline,
  ServiceChanges,
  ServiceDetail,
  ServiceForm,
  ServiceSummary,
  SwarmSnapshot,
  SwarmState,
  TaskSummary,
} from '@shared/dto/swarm';
import { LotseError } from '@shared/errors';
import { type ServiceIssue, serviceFormIssues } from '@shared/rules/swarm-spec';

import type { EngineService } from '../docker/engine';
import { findHelperImage, runHelper } from '../docker/helper';
import { imageOf } from '../docker/paths';
import { isOutOfSequence, swarmError } from './errors';
import { nodeOf, serviceOf } from './paths';
import { drainPreview, isActiveTask } from './placement';
import { type RawNode, type RawService, type RawServiceSpec, type RawSwarmInfo, type RawTask, toForm, toNode, toService, toSwarmState, toTask } from './read';
import { rememberTasks, seenRunning } from './seen';
import { applyChanges, specFromForm } from './spec';
import { buildTimeline } from './timeline';

/** How often a write is tried again when the swarm changed the object meanwhile ("update out of sequence"). */
const WRITE_ATTEMPTS = 5;
/** Events come in bursts (an update sends several): the ones that arrive together make one read. */
const EVENT_SETTLE_MS = 0;
/** While something converges, the snapshot is read again this often (the CLI's progress polls alike). */
const CONVERGE_POLL_MS = 200;
/** Tasks starting or stopping outside a rollout are followed this long after the last event. */
const CONVERGE_WINDOW_MS = 30_000;

/** Task states between "the swarm wants it" and "it runs" (or between stop and stopped). */
const STARTING = new Set(['new', 'allocated', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);

interface RawSwarm {
  ID?: string;
  Version?: { Index?: number };
  Spec?: Record<string, unknown> & { EncryptionConfig?: { AutoLockManagers?: boolean } };
  JoinTokens?: { Worker?: string; Manager?: string };
}

const words = (error: unknown): string => swarmError(error).detail ?? swarmError(error).message;

/**
 * Swarm mode against the engine Lotse is connected to: the swarm, nodes, services, tasks and
 * rollouts. Writes resend the whole spec with the version just read (the engine replaces the object
 * with what it gets) and are retried when the swarm moved on meanwhile.
 */
export class SwarmService {
  private readonly watchers = new Set<(snapshot: SwarmSnapshot) => void>();
  private last: { snapshot: SwarmSnapshot; key: string } | undefined;
  private offEngine: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Reads under way, reads started, and the newest read whose answer was used. */
  private inFlight = 0;
  private started = 0;
  private shown = 0;
  private readAgain = false;
  private lastEventAt = 0;

  constructor(private readonly engine: EngineService) {}

  private docker(): Docker {
    return this.engine.docker();
  }

  private async dial<T>(path: string, method: 'GET' | 'POST', body?: Record<string, unknown>): Promise<T> {
    const docker = this.docker();
    return new Promise<T>((resolve, reject) => {
      docker.modem.dial(
        {
          path,
          method,
          ...(body === undefined ? {} : { options: { _body: body } }),
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error', 503: 'node is not part of a swarm' },
        },
        (error: unknown, data: unknown) => (error ? reject(swarmError(error)) : resolve(data as T)),
      );
    });
  }

  // ------------------------------------------------------------------------------------------
  // The swarm itself

  async state(): Promise<SwarmState> {
    const info = (await this.docker().info()) as { Swarm?: RawSwarmInfo };
    const swarm = info.Swarm;
    let leader = false;
    if (swarm?.ControlAvailable && swarm.NodeID) {
      const self = (await nodeOf(this.docker(), swarm.NodeID)
        .inspect()
        .catch(() => undefined)) as RawNode | undefined;
      leader = self?.ManagerStatus?.Leader === true;
    }
    return toSwarmState(swarm, leader);
  }

  /** This machine's interface addresses, IPv4 first: candidates for --advertise-addr. */
  addresses(): AddressCandidate[] {
    return Object.entries(networkInterfaces())
      .flatMap(([name, list]) =>
        (list ?? []).map((a) => ({ interface: name, address: a.address, family: a.family === 'IPv6' ? ('IPv6' as const) : ('IPv4' as const), internal: a.internal })),
      )
      .filter((a) => !(a.family === 'IPv6' && a.address.startsWith('fe80')))
      .sort((a, b) => Number(a.internal) - Number(b.internal) || a.family.localeCompare(b.family));
  }

  async init(request: InitRequest): Promise<SwarmState> {
    try {
      await this.docker().swarmInit({
        ListenAddr: request.listenAddr ?? '0.0.0.0:2377',
        AdvertiseAddr: request.advertiseAddr,
        ...(request.defaultAddrPool.length ? { DefaultAddrPool: request.defaultAddrPool } : {}),
        ...(request.autolock ? { Spec: { EncryptionConfig: { AutoLockManagers: true } } } : {}),
      });
    } catch (error) {
      throw swarmError(error);
    } finally {
      this.poke();
      // Membership is part of the engine's info (the dashboard's swarm state).
      void this.engine.refreshInfo();
    }
    return this.state();
  }

  /**
   * Joins a swarm. When the engine gives up waiting it goes on trying in the background and stays
   * pending: Lotse cancels that (leave --force), so a failed join leaves the engine as it was.
   */
  async join(request: { remoteAddr: string; token: string; advertiseAddr?: string | undefined; listenAddr?: string | undefined }): Promise<SwarmState> {
    try {
      await this.docker().swarmJoin({
        ListenAddr: request.listenAddr ?? '0.0.0.0:2377',
        ...(request.advertiseAddr ? { AdvertiseAddr: request.advertiseAddr } : {}),
        RemoteAddrs: [withPort(request.remoteAddr, 2377)],
        JoinToken: request.token,
      });
    } catch (error) {
      const now = await this.state().catch(() => undefined);
      if (now?.localState === 'pending') {
        await this.docker()
          .swarmLeave({ force: true })
          .catch(() => undefined);
        throw new LotseError('CONFLICT', `The join did not finish and was cancelled: ${words(error)}`, undefined, { reason: 'joinTimeout', detail: words(error) });
      }
      throw swarmError(error);
    } finally {
      this.poke();
      // Membership is part of the engine's info (the dashboard's swarm state).
      void this.engine.refreshInfo();
    }
    return this.state();
  }

  async leave(force: boolean): Promise<SwarmState> {
    try {
      await this.docker().swarmLeave({ force });
    } catch (error) {
      throw swarmError(error);
    } finally {
      this.poke();
      // Membership is part of the engine's info (the dashboard's swarm state).
      void this.engine.refreshInfo();
    }
    return this.state();
  }

  private async swarm(): Promise<RawSwarm> {
    try {
      return (await this.docker().swarmInspect()) as RawSwarm;
    } catch (error) {
      throw swarmError(error);
    }
  }

  async tokens(): Promise<JoinTokens> {
    const swarm = await this.swarm();
    return { worker: swarm.JoinTokens?.Worker ?? '', manager: swarm.JoinTokens?.Manager ?? '' };
  }

  /** Writes the swarm spec back with a change, with the version just read. */
  private async updateSwarm(query: Record<string, string>, change: (spec: NonNullable<RawSwarm['Spec']>) => void = () => undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const swarm = await this.swarm();
      const spec = structuredClone(swarm.Spec ?? {});
      change(spec);
      try {
        await this.docker().swarmUpdate({ _query: { version: swarm.Version?.Index ?? 0, ...query }, _body: spec });
        return;
      } catch (error) {
        if (attempt < WRITE_ATTEMPTS && isOutOfSequence(error)) continue;
        throw swarmError(error);
      }
    }
  }

  async rotateToken(role: NodeRole): Promise<JoinTokens> {
    await this.updateSwarm(role === 'worker' ? { rotateWorkerToken: 'true' } : { rotateManagerToken: 'true' });
    return this.tokens();
  }

  async unlockKey(): Promise<{ key: string }> {
    const answer = await this.dial<{ UnlockKey?: string }>('/swarm/unlockkey', 'GET');
    return { key: answer.UnlockKey ?? '' };
  }

  async setAutolock(enabled: boolean): Promise<{ key: string }> {
    await this.updateSwarm({}, (spec) => {
      spec.EncryptionConfig = { ...spec.EncryptionConfig, AutoLockManagers: enabled };
    });
    this.poke();
    return enabled ? this.unlockKey() : { key: '' };
  }

  async unlock(key: string): Promise<SwarmState> {
    await this.dial('/swarm/unlock', 'POST', { UnlockKey: key });
    this.poke();
    return this.state();
  }

  // ------------------------------------------------------------------------------------------
  // Reading everything

  /** State, nodes, services and tasks read together; outside a swarm or on a worker only the state. */
  async snapshot(): Promise<SwarmSnapshot> {
    const docker = this.docker();
    // The lists answer only on a manager; asked alongside the state they cost no round trip of their own.
    const optional = <T>(read: Promise<T>): Promise<T | undefined> => read.catch(() => undefined);
    const [info, rawNodes, rawServices, rawTasks] = await Promise.all([
      docker.info() as Promise<{ Swarm?: RawSwarmInfo }>,
      optional(docker.listNodes() as Promise<RawNode[]>),
      optional(docker.listServices({ status: true } as Docker.ServiceListOptions) as Promise<RawService[]>),
      optional(docker.listTasks() as Promise<RawTask[]>),
    ]);
    const swarm = info.Swarm;
    const state = toSwarmState(swarm, rawNodes?.find((n) => n.ID === swarm?.NodeID)?.ManagerStatus?.Leader === true);
    if (state.localState !== 'active' || !state.manager || !rawNodes || !rawServices || !rawTasks) {
      return { state, nodes: [], services: [], tasks: [], converging: state.localState === 'pending', at: Date.now() };
    }
    const tasks = rawTasks.map(toTask);
    rememberTasks(tasks, true);
    const services = rawServices.map((s) => toService(s, rawTasks)).sort((a, b) => a.name.localeCompare(b.name));
    const nodes = rawNodes.map((n) => toNode(n, state.nodeId)).sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname));
    return { state, nodes, services, tasks, converging: converging(services, tasks, nodes), at: Date.now() };
  }

  private async raw(): Promise<{ nodes: NodeSummary[]; services: RawService[]; tasks: TaskSummary[]; state: SwarmState }> {
    const state = await this.state();
    if (!state.manager) {
      throw new LotseError('CONFLICT', 'This engine is not a swarm manager.', undefined, { reason: state.localState === 'active' ? 'notSwarmManager' : 'notInSwarm' });
    }
    const docker = this.docker();
    const [nodes, services, tasks] = await Promise.all([
      docker.listNodes() as Promise<RawNode[]>,
      docker.listServices({ status: true } as Docker.ServiceListOptions) as Promise<RawService[]>,
      docker.listTasks() as Promise<RawTask[]>,
    ]);
    return { state, nodes: nodes.map((n) => toNode(n, state.nodeId)), services, tasks: tasks.map(toTask) };
  }

  // ------------------------------------------------------------------------------------------
  // Watching

  /**
   * The snapshot, at once and after every change. Service and node events say the swarm changed;
   * tasks send no events at all (API 1.41 has none, and a task on another node changes without a
   * word on this engine's stream), so while something converges, a rollout above all, the snapshot
   * is read again every 200 ms until it has. Outside a rollout that lasts at most 30 s after the last
   * event: a service that keeps failing is not followed by a timer forever.
   */
  watch(listener: (snapshot: SwarmSnapshot) => void): () => void {
    this.watchers.add(listener);
    if (this.watchers.size === 1) {
      const offEvent = this.engine.onEvent((event) => {
        const task = event.type === 'container' && event.attributes['com.docker.swarm.task.id'] !== undefined;
        if (event.type !== 'service' && event.type !== 'node' && !task) return;
        this.lastEventAt = Date.now();
        this.schedule(EVENT_SETTLE_MS);
      });
      const offState = this.engine.onState((state) => {
        if (state.status === 'connected') this.schedule(0);
      });
      this.offEngine = () => {
        offEvent();
        offState();
      };
      this.lastEventAt = Date.now();
      this.schedule(0);
    } else if (this.last) listener(this.last.snapshot);
    return () => {
      this.watchers.delete(listener);
      if (this.watchers.size > 0) return;
      this.offEngine?.();
      this.offEngine = undefined;
      clearTimeout(this.timer);
      this.timer = undefined;
      this.last = undefined;
    };
  }

  /** Lotse itself changed the swarm: read it now (some changes, such as init or leave, send no event). */
  private poke(): void {
    if (!this.watchers.size) return;
    this.lastEventAt = Date.now();
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.watchers.size) return;
    if (this.timer && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.read();
    }, ms);
  }

  /**
   * Reads and sends the snapshot when it changed. A change during a read starts a second read at
   * once rather than after it (its answer is the newer one; an older answer arriving later is
   * dropped); further changes wait for those two.
   */
  private async read(): Promise<void> {
    if (this.inFlight >= 2) {
      this.readAgain = true;
      return;
    }
    const sequence = ++this.started;
    this.inFlight++;
    try {
      if (this.engine.state.status !== 'connected') return;
      const snapshot = await this.snapshot().catch((error: unknown) => this.failed(error));
      if (!snapshot || !this.watchers.size || sequence < this.shown) return;
      this.shown = sequence;
      const key = JSON.stringify({ ...snapshot, at: 0 });
      if (key !== this.last?.key) {
        this.last = { snapshot, key };
        for (const listener of [...this.watchers]) listener(snapshot);
      }
      const rollout = snapshot.services.some((s) => s.update?.state === 'updating' || s.update?.state === 'rollback_started');
      if (snapshot.converging && (rollout || Date.now() - this.lastEventAt < CONVERGE_WINDOW_MS)) this.schedule(CONVERGE_POLL_MS);
    } finally {
      this.inFlight--;
      if (this.readAgain && this.inFlight < 2) {
        this.readAgain = false;
        this.schedule(0);
      }
    }
  }

  /** A failed read keeps what was shown and says why. */
  private failed(error: unknown): SwarmSnapshot | undefined {
    if (!this.last) return undefined;
    return { ...this.last.snapshot, error: swarmError(error).toData(), at: Date.now() };
  }

  // ------------------------------------------------------------------------------------------
  // Nodes

  /** Resends the node's whole spec with one change, with the version just read. */
  async updateNode(request: NodeUpdate): Promise<NodeSummary> {
    const docker = this.docker();
    for (let attempt = 1; ; attempt++) {
      const raw = (await nodeOf(docker, request.node)
        .inspect()
        .catch((error: unknown) => {
          throw swarmError(error);
        })) as RawNode;
      const spec = structuredClone(raw.Spec ?? {});
      if (request.availability) spec.Availability = request.availability;
      if (request.role) spec.Role = request.role;
      const labels = { ...(spec.Labels ?? {}), ...request.labelsAdd };
      for (const key of request.labelsRemove) delete labels[key];
      spec.Labels = labels;
      try {
        await nodeOf(docker, raw.ID).update({ _query: { version: raw.Version?.Index ?? 0 }, _body: spec });
        break;
      } catch (error) {
        if (attempt < WRITE_ATTEMPTS && isOutOfSequence(error)) continue;
        throw swarmError(error);
      } finally {
        this.poke();
      }
    }
    const state = await this.state();
    return toNode((await nodeOf(docker, request.node).inspect()) as RawNode, state.nodeId);
  }

  async drainPreview(ref: string, availability: NodeAvailability): Promise<DrainPreview> {
    const { nodes, services, tasks, state } = await this.raw();
    const target = nodes.find((n) => n.id === ref || n.hostname === ref || (ref === 'self' && n.self)) ?? nodes.find((n) => n.id.startsWith(ref));
    if (!target) throw new LotseError('NOT_FOUND', `There is no node '${ref}' in this swarm.`, undefined, { reason: 'noSuchNode' });
    const local = await this.docker().listImages();
    const reservations = new Map(
      services.map((s) => [s.ID, { cpus: s.Spec.TaskTemplate?.Resources?.Reservations?.NanoCPUs ?? 0, memory: s.Spec.TaskTemplate?.Resources?.Reservations?.MemoryBytes ?? 0 }]),
    );
    const preview = drainPreview(target, availability, nodes, services, tasks, {
      localImages: new Set(local.flatMap((i) => i.RepoTags ?? [])),
      reservations,
    });
    if (target.id !== state.nodeId) return preview;
    // A drain moves only tasks: what docker run or Compose started on this engine stays.
    const containers = await this.docker().listContainers();
    return { ...preview, plainContainers: containers.filter((c) => !c.Labels['com.docker.swarm.task.id']).length };
  }

  async removeNode(ref: string, force: boolean): Promise<void> {
    try {
      await nodeOf(this.docker(), ref).remove({ force });
    } catch (error) {
      throw swarmError(error);
    } finally {
      this.poke();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Services

  private async inspectRaw(ref: string): Promise<RawService> {
    try {
      return (await serviceOf(this.docker(), ref).inspect()) as RawService;
    } catch (error) {
      throw swarmError(error);
    }
  }

  private async tasksOf(serviceId: string): Promise<TaskSummary[]> {
    const raw = (await this.docker().listTasks({ filters: { service: [serviceId] } })) as RawTask[];
    return raw.map(toTask).filter((t) => t.serviceId === serviceId);
  }

  async inspectService(ref: string): Promise<ServiceDetail> {
    const raw = await this.inspectRaw(ref);
    const tasks = (await this.docker().listTasks({ filters: { service: [raw.ID] } })) as RawTask[];
    return { summary: toService(raw, tasks), form: toForm(raw.Spec), ...(raw.PreviousSpec ? { previous: toForm(raw.PreviousSpec) } : {}) };
  }

  /** The form's problems, with what the swarm knows: names in use, the networks there are. */
  async checkService(form: ServiceForm): Promise<ServiceIssue[]> {
    const docker = this.docker();
    const [services, networks] = await Promise.all([
      docker.listServices() as Promise<RawService[]>,
      docker.listNetworks() as Promise<{ Id: string; Name: string; Driver?: string; Scope?: string }[]>,
    ]);
    return serviceFormIssues(form, {
      serviceNames: services.map((s) => s.Spec.Name ?? ''),
      networks: networks.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver ?? '', scope: n.Scope ?? '' })),
    });
  }

  /** `docker service create`; the engine creates all or nothing, so a refused create leaves no service. */
  async createService(form: ServiceForm): Promise<{ id: string; warnings: string[] }> {
    const issues = await this.checkService(form);
    if (issues[0]) {
      const refused = issues.map((i) => `${i.field}${i.index === undefined ? '' : `[${i.index}]`}${i.part ? `.${i.part}` : ''}: ${i.code}`).join(', ');
      throw new LotseError(issues.some((i) => i.code === 'nameInUse') ? 'CONFLICT' : 'INVALID_PARAMS', `The service form has problems: ${refused}.`, 'Correct the marked fields.', {
        ...(issues.some((i) => i.code === 'nameInUse') ? { reason: 'serviceNameInUse' as const } : {}),
        issues: issues.map((i) => ({ path: [i.field, ...(i.index === undefined ? [] : [i.index]), ...(i.part ? [i.part] : [])], code: 'invalid' as const, params: { code: i.code } })),
      });
    }
    const warnings: string[] = [];
    const here = await imageOf(this.docker(), form.image)
      .inspect()
      .then(() => true)
      .catch(() => false);
    if (!here) warnings.push('imageNotHere');
    const state = await this.state();
    if (state.nodes > 1) warnings.push('imageOnEveryNode');
    try {
      const created = (await this.docker().createService(specFromForm(form) as unknown as Docker.CreateServiceOptions)) as { id?: string; ID?: string };
      return { id: created.ID ?? created.id ?? '', warnings };
    } catch (error) {
      throw swarmError(error);
    } finally {
      this.poke();
    }
  }

  /** Reads the service, lets `change` make the whole new spec, and writes it with the version just read. */
  private async writeService(ref: string, change: (raw: RawService) => RawServiceSpec, query: Record<string, string> = {}): Promise<ServiceSummary> {
    for (let attempt = 1; ; attempt++) {
      const raw = await this.inspectRaw(ref);
      const spec = change(raw);
      try {
        await serviceOf(this.docker(), raw.ID).update({ _query: { version: raw.Version?.Index ?? 0, ...query }, _body: spec });
        break;
      } catch (error) {
        if (attempt < WRITE_ATTEMPTS && isOutOfSequence(error)) continue;
        throw swarmError(error);
      } finally {
        this.poke();
      }
    }
    const raw = await this.inspectRaw(ref);
    return toService(raw, (await this.docker().listTasks({ filters: { service: [raw.ID] } })) as RawTask[]);
  }

  async scale(ref: string, replicas: number): Promise<ServiceSummary> {
    return this.writeService(ref, (raw) => {
      if (!raw.Spec.Mode?.Replicated) {
        throw new LotseError('CONFLICT', `${raw.Spec.Name ?? ref} is a global service: it runs one task per node and cannot be scaled.`, undefined, { reason: 'scaleGlobal' });
      }
      return applyChanges(raw.Spec, { replicas, force: false });
    });
  }

  async updateService(ref: string, changes: ServiceChanges): Promise<ServiceSummary> {
    const issues = serviceFormIssues({
      name: 'x',
      image: changes.image ?? 'x',
      ...(changes.env ? { env: changes.env } : {}),
      ...(changes.limits ? { limits: changes.limits } : {}),
      ...(changes.reservations ? { reservations: changes.reservations } : {}),
      ...(changes.update ? { update: { parallelism: 1, delay: '0s', failureAction: 'pause', monitor: '5s', maxFailureRatio: 0, order: 'stop-first', ...changes.update } } : {}),
    });
    if (issues[0]) {
      throw new LotseError('INVALID_PARAMS', `The update has problems: ${issues.map((i) => `${i.field}${i.part ? `.${i.part}` : ''}: ${i.code}`).join(', ')}.`, undefined, {
        issues: issues.map((i) => ({ path: [i.field, ...(i.index === undefined ? [] : [i.index]), ...(i.part ? [i.part] : [])], code: 'invalid' as const, params: { code: i.code } })),
      });
    }
    return this.writeService(ref, (raw) => {
      if (changes.replicas !== undefined && !raw.Spec.Mode?.Replicated) {
        throw new LotseError('CONFLICT', `${raw.Spec.Name ?? ref} is a global service: it has no replica count.`, undefined, { reason: 'scaleGlobal' });
      }
      return applyChanges(raw.Spec, changes);
    });
  }

  /** `docker service rollback`: the engine swaps the spec and the previous one (one level is kept). */
  async rollback(ref: string): Promise<ServiceSummary> {
    return this.writeService(
      ref,
      (raw) => {
        if (!raw.PreviousSpec) {
          throw new LotseError('CONFLICT', `${raw.Spec.Name ?? ref} has not been updated yet: there is no previous spec to roll back to.`, undefined, { reason: 'noPreviousSpec' });
        }
        return raw.Spec;
      },
      { rollback: 'previous' },
    );
  }

  async removePreview(ref: string): Promise<{ service: ServiceSummary; tasks: TaskSummary[] }> {
    const raw = await this.inspectRaw(ref);
    const rawTasks = (await this.docker().listTasks({ filters: { service: [raw.ID] } })) as RawTask[];
    return { service: toService(raw, rawTasks), tasks: rawTasks.map(toTask).filter(isActiveTask) };
  }

  async removeService(ref: string): Promise<void> {
    try {
      await serviceOf(this.docker(), ref).remove();
    } catch (error) {
      throw swarmError(error);
    } finally {
      this.poke();
    }
  }

  async timeline(ref: string): Promise<RolloutTimeline> {
    const raw = await this.inspectRaw(ref);
    const [rawTasks, rawNodes, state] = await Promise.all([
      this.docker().listTasks({ filters: { service: [raw.ID] } }) as Promise<RawTask[]>,
      this.docker().listNodes() as Promise<RawNode[]>,
      this.state(),
    ]);
    const tasks = rawTasks.map(toTask);
    rememberTasks(tasks, false);
    return buildTimeline({
      service: toService(raw, rawTasks),
      previousImage: raw.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image?.replace(/@.*$/, ''),
      tasks,
      nodes: rawNodes.map((n) => toNode(n, state.nodeId)),
      seenRunning: seenRunning(),
    });
  }

  /**
   * How the swarm spreads requests, shown where this kernel lets it be shown: a short-lived helper
   * on the service's attachable overlay network asks the swarm's DNS for tasks.<service> (every
   * task's address, in an order that rotates) and requests the first address each time; then it
   * tries the service's virtual IP once, which the routing mesh (IPVS) serves where the kernel has it.
   */
  async loadSpread(ref: string, requests: number, port: number | undefined): Promise<LoadSpreadResult> {
    const started = performance.now();
    const docker = this.docker();
    const raw = await this.inspectRaw(ref);
    const name = raw.Spec.Name ?? ref;
    const networks = (await docker.listNetworks()) as { Id: string; Name: string; Driver?: string; Attachable?: boolean }[];
    const attached = new Set((raw.Spec.TaskTemplate?.Networks ?? []).map((n) => n.Target ?? ''));
    const network = networks.find((n) => (attached.has(n.Id) || attached.has(n.Name)) && n.Driver === 'overlay' && n.Attachable);
    if (!network) {
      throw new LotseError('CONFLICT', `${name} is on no attachable overlay network, so no helper container can join it.`, undefined, { reason: 'noAttachableNetwork' });
    }
    const target = port ?? raw.Spec.EndpointSpec?.Ports?.[0]?.TargetPort ?? (await exposedPort(docker, raw.Spec.TaskTemplate?.ContainerSpec?.Image ?? ''));
    const image = await findHelperImage(docker);
    const result = await runHelper(docker, {
      image,
      cmd: ['sh', '-c', LOAD_SPREAD_SCRIPT],
      env: { S: name, P: String(target), N: String(requests) },
      network: network.Name,
      purpose: 'load-spread',
      timeoutMs: 30_000 + requests * 3000,
    });
    const tasks = (await this.tasksOf(raw.ID)).filter((t) => t.desiredState === 'running');
    const byAddress = new Map(tasks.map((t) => [t.addresses[network.Id] ?? '', t]));
    const lines = result.output.split('\n');
    const addresses = (lines.find((l) => l.startsWith('RESOLVED')) ?? '').split(/\s+/).slice(1).filter(Boolean);
    const answered = new Map(
      lines
        .filter((l) => l.startsWith('EACH '))
        .map((l) => l.split(/\s+/))
        .map(([, address = '', status = '0']) => [address, Number(status) > 0]),
    );
    return {
      service: name,
      network: network.Name,
      port: target,
      tasks: addresses.map((address) => {
        const task = byAddress.get(address);
        return { address, taskId: task?.id ?? '', ...(task?.slot === undefined ? {} : { slot: task.slot }), nodeId: task?.nodeId ?? '', answered: answered.get(address) === true };
      }),
      requests: lines
        .filter((l) => l.startsWith('REQ '))
        .map((l) => l.split(/\s+/))
        .map(([, address = '', status = '0']) => ({ address, status: Number(status) })),
      vipAnswered: lines.some((l) => /^VIP [1-9]/.test(l)),
      commands: loadSpreadCommands({ network: network.Name, service: name, port: target, image }),
      durationMs: performance.now() - started,
    };
  }
}

/**
 * Something converges: an update runs, a task is on its way to running or to stopped, or a node is
 * on its way (a new manager not yet reachable, a node whose state is not yet known).
 */
function converging(services: ServiceSummary[], tasks: TaskSummary[], nodes: NodeSummary[]): boolean {
  if (services.some((s) => s.update?.state === 'updating' || s.update?.state === 'rollback_started')) return true;
  if (nodes.some((n) => (n.status !== 'ready' && n.status !== 'down') || (n.role === 'manager' && n.status === 'ready' && n.reachability !== 'reachable'))) return true;
  return tasks.some(
    (t) => (t.desiredState === 'running' && STARTING.has(t.state)) || (t.desiredState !== 'running' && (t.state === 'running' || STARTING.has(t.state))),
  );
}

async function exposedPort(docker: Docker, image: string): Promise<number> {
  const info = (await imageOf(docker, image.replace(/@.*$/, ''))
    .inspect()
    .catch(() => undefined)) as { Config?: { ExposedPorts?: Record<string, unknown> } } | undefined;
  const tcp = Object.keys(info?.Config?.ExposedPorts ?? {}).find((p) => p.endsWith('/tcp'));
  return tcp ? Number(tcp.split('/')[0]) : 80;
}

/**
 * busybox sh: $S service, $P port, $N requests. RESOLVED lists what tasks.$S answers; EACH says
 * whether each task answers; REQ is one request to the first address of a fresh lookup; VIP one
 * request to the service name (its virtual IP).
 */
const LOAD_SPREAD_SCRIPT = `
lookup() { nslookup "tasks.$S" 2>/dev/null | awk '/^Name:/ { n = 1 } n && /^Address/ { print $NF }'; }
status() { printf 'GET / HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n' "$S" | nc -w 2 "$1" "$P" 2>/dev/null | head -n 1 | awk '{ print $2 + 0 }'; }
echo RESOLVED $(lookup)
for a in $(lookup); do echo "EACH $a $(status "$a")"; done
i=0
while [ "$i" -lt "$N" ]; do
  a=$(lookup | head -n 1)
  echo "REQ $a $(status "$a")"
  i=$((i + 1))
done
echo "VIP $(status "$S")"
`;
