import { PassThrough, type Readable } from 'node:stream';

import type Docker from 'dockerode';
import type { Container as ContainerSpec, EnvVar, Pod } from 'kubernetes-types/core/v1';

import { containerOf, imageOf, networkOf } from '../../services/docker/paths';
import { R } from '../api/resources';
import type { RequestContext } from '../api/server';
import { ApiError, errors } from '../api/status';
import type { ClusterContext, Component } from '../cluster';
import { parseQuantity } from '../controllers/quantity';
import type { NodeFacts } from '../nodes';
import { as, isRecord, timestamp, type KObject } from '../types';
import { podStatusFrom, restartBackoffMs, type ContainerRecord } from './pod-status';

/** Labels on every container of the practice cluster (the dockershim's names, plus the cluster and node). */
export const LABEL_CLUSTER = 'lotse.practice-cluster';
export const LABEL_NODE = 'lotse.practice-cluster.node';
const LABEL_POD = 'io.kubernetes.pod.name';
const LABEL_NAMESPACE = 'io.kubernetes.pod.namespace';
const LABEL_UID = 'io.kubernetes.pod.uid';
const LABEL_CONTAINER = 'io.kubernetes.container.name';

interface PodRuntime {
  key: string;
  uid: string;
  records: ContainerRecord[];
  /** Ids of containers of earlier attempts still on the engine. */
  leftovers: string[];
  podIP?: string;
  startTime: string;
  busy: Promise<void>;
  retryTimers: Map<string, NodeJS.Timeout>;
  retryAt: Map<string, number>;
  pullAttempts: Map<string, number>;
}

const SOURCE = (node: string): { component: string; host: string } => ({ component: 'kubelet', host: node });

/** `nginx` → `nginx:latest`; references with a tag or digest stay. */
export function normalizeImage(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.indexOf(':', lastSlash + 1) >= 0 ? image : `${image}:latest`;
}

function engineMessage(error: unknown): string {
  const e = error as { json?: { message?: string } | null; reason?: string; message?: string };
  const text = e.json?.message ?? (e.message ?? String(error)).replace(/^\(HTTP code \d+\) [^-]*- /, '');
  return `Error response from daemon: ${text.trim()}`;
}

export function containerName(pod: Pod, container: string, attempt: number): string {
  return `k8s_${container}_${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}_${pod.metadata?.uid ?? ''}_${attempt}`;
}

/**
 * The kubelet of every practice node: runs each bound pod's containers on the Docker engine, on one network of
 * the practice cluster, and reports their state as pod status; restarts with back-off, pulls images, stops
 * containers on graceful deletion, serves logs.
 */
export class DockerKubelet implements Component {
  readonly network: string;
  private readonly pods = new Map<string, PodRuntime>();
  private readonly pulls = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | undefined;
  private events: Readable | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: ClusterContext,
    readonly docker: Docker,
  ) {
    this.network = `lotse-practice-${ctx.id}`;
  }

  /** Node facts from the engine: CPUs, memory, OS, kernel and runtime version. */
  static async facts(docker: Docker): Promise<NodeFacts> {
    const info = (await docker.info()) as { NCPU?: number; MemTotal?: number; OperatingSystem?: string; KernelVersion?: string; ServerVersion?: string; Architecture?: string };
    return {
      cpus: info.NCPU ?? 1,
      memoryBytes: info.MemTotal ?? 1024 ** 3,
      osImage: info.OperatingSystem ?? 'unknown',
      kernelVersion: info.KernelVersion ?? 'unknown',
      runtimeVersion: `docker://${info.ServerVersion ?? 'unknown'}`,
      architecture: info.Architecture === 'x86_64' ? 'amd64' : info.Architecture === 'aarch64' ? 'arm64' : (info.Architecture ?? 'amd64'),
    };
  }

  async start(): Promise<void> {
    await this.removeContainers();
    await this.ensureNetwork();
    this.ctx.objects.podNeedsGracefulStop = (pod) => !!as<Pod>(pod).spec?.nodeName;
    this.unsubscribe = this.ctx.store.subscribe((e) => {
      if (e.resource !== R.pods) return;
      const key = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`;
      if (e.type === 'DELETED' || as<Pod>(e.object).spec?.nodeName) this.enqueue(key);
    });
    await this.watchEngine();
    for (const p of this.ctx.store.list(R.pods)) if (as<Pod>(p).spec?.nodeName) this.enqueue(`${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.events?.destroy();
    for (const rt of this.pods.values()) for (const t of rt.retryTimers.values()) clearTimeout(t);
    await Promise.allSettled([...this.pods.values()].map((rt) => rt.busy));
    this.pods.clear();
    await this.removeContainers();
    try {
      await networkOf(this.docker, this.network).remove();
    } catch {
      // gone already, or still in use by a container someone attached
    }
  }

  /** The containers of this practice cluster on the engine. */
  containers(): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({ all: true, filters: { label: [`${LABEL_CLUSTER}=${this.ctx.id}`] } });
  }

  /** Removes every container of this practice cluster (leftovers of a crash, or everything on stop and reset). */
  async removeContainers(): Promise<number> {
    const list = await this.containers();
    await Promise.allSettled(list.map((c) => containerOf(this.docker, c.Id).remove({ force: true })));
    return list.length;
  }

  private async ensureNetwork(): Promise<void> {
    const existing = await this.docker.listNetworks({ filters: { name: [this.network] } });
    if (existing.some((n) => n.Name === this.network)) return;
    await this.docker.createNetwork({ Name: this.network, Driver: 'bridge', Labels: { [LABEL_CLUSTER]: this.ctx.id }, CheckDuplicate: true });
  }

  private async watchEngine(): Promise<void> {
    const stream = (await this.docker.getEvents({ filters: { type: ['container'], event: ['die', 'oom'], label: [`${LABEL_CLUSTER}=${this.ctx.id}`] } })) as unknown as Readable;
    this.events = stream;
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let at: number;
      while ((at = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        try {
          const event = JSON.parse(line) as { Action?: string; id?: string; Actor?: { Attributes?: Record<string, string> } };
          const attrs = event.Actor?.Attributes ?? {};
          if (event.Action === 'die' && attrs[LABEL_POD]) void this.containerDied(`${attrs[LABEL_NAMESPACE] ?? ''}/${attrs[LABEL_POD]}`, attrs[LABEL_UID] ?? '', event.id ?? '');
        } catch {
          // not a JSON line
        }
      }
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      if (!this.stopped) setTimeout(() => void this.watchEngine().catch((e: unknown) => this.ctx.log(`engine events: ${engineMessage(e)}`)), 1000).unref();
    });
  }

  private containerDied(key: string, uid: string, id: string): void {
    const rt = this.pods.get(key);
    if (!rt || rt.uid !== uid) return;
    const rec = rt.records.find((r) => r.id === id);
    if (!rec || rec.state !== 'running') return;
    rt.busy = rt.busy
      .then(async () => {
        const info = await containerOf(this.docker, id).inspect();
        const exitCode = info.State.ExitCode;
        const reason = info.State.OOMKilled ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
        rec.state = 'terminated';
        rec.exitCode = exitCode;
        rec.reason = reason;
        rec.finishedAt = timestamp(new Date(info.State.FinishedAt));
        rec.last = { id, exitCode, reason, startedAt: rec.startedAt, finishedAt: rec.finishedAt };
      })
      .catch((e: unknown) => this.ctx.log(`inspect ${id}: ${engineMessage(e)}`));
    this.enqueue(key);
  }

  enqueue(key: string): void {
    let rt = this.pods.get(key);
    const task = async (): Promise<void> => {
      try {
        await this.sync(key);
      } catch (error) {
        this.ctx.log(`kubelet ${key}: ${(error as Error).stack ?? String(error)}`);
      }
    };
    if (!rt) {
      // A placeholder until the pod is seen; sync fills it in.
      rt = { key, uid: '', records: [], leftovers: [], startTime: timestamp(), busy: Promise.resolve(), retryTimers: new Map(), retryAt: new Map(), pullAttempts: new Map() };
      this.pods.set(key, rt);
    }
    rt.busy = rt.busy.then(task);
  }

  private retry(rt: PodRuntime, container: string, ms: number): void {
    rt.retryAt.set(container, Date.now() + ms);
    clearTimeout(rt.retryTimers.get(container));
    rt.retryTimers.set(
      container,
      setTimeout(() => {
        rt.retryTimers.delete(container);
        if (!this.stopped) this.enqueue(rt.key);
      }, ms),
    );
  }

  private async teardown(rt: PodRuntime, grace: number): Promise<void> {
    for (const t of rt.retryTimers.values()) clearTimeout(t);
    rt.retryTimers.clear();
    const ids = [...rt.records.map((r) => r.id), ...rt.leftovers, ...rt.records.map((r) => r.last?.id)].filter((id): id is string => !!id);
    await Promise.allSettled(
      [...new Set(ids)].map(async (id) => {
        const c = containerOf(this.docker, id);
        try {
          await c.stop({ t: Math.max(0, Math.min(grace, 30)) });
        } catch {
          // stopped already
        }
        await c.remove({ force: true });
      }),
    );
    rt.records = [];
    rt.leftovers = [];
  }

  private async sync(key: string): Promise<void> {
    if (this.stopped) return;
    const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const object = this.ctx.store.get(R.pods, ns, name);
    let rt = this.pods.get(key);
    if (rt && rt.uid && (!object || object.metadata.uid !== rt.uid)) {
      await this.teardown(rt, 0);
      this.pods.delete(key);
      rt = undefined;
    }
    if (!object) {
      this.pods.delete(key);
      return;
    }
    const pod = as<Pod>(object);
    const node = pod.spec?.nodeName;
    if (!node) return;
    if (!rt) {
      rt = { key, uid: '', records: [], leftovers: [], startTime: timestamp(), busy: Promise.resolve(), retryTimers: new Map(), retryAt: new Map(), pullAttempts: new Map() };
      this.pods.set(key, rt);
    }
    if (!rt.uid) {
      rt.uid = object.metadata.uid ?? '';
      rt.startTime = pod.status?.startTime ?? timestamp();
      rt.records = (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        restartCount: pod.status?.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0,
        state: 'waiting',
        reason: 'ContainerCreating',
      }));
    }
    if (object.metadata.deletionTimestamp) {
      for (const r of rt.records) if (r.state === 'running') this.ctx.objects.recordEvent(object, 'Normal', 'Killing', `Stopping container ${r.name}`, SOURCE(node), `spec.containers{${r.name}}`);
      await this.teardown(rt, object.metadata.deletionGracePeriodSeconds ?? 30);
      this.pods.delete(key);
      const current = this.ctx.store.get(R.pods, ns, name);
      if (current?.metadata.uid === rt.uid) this.ctx.objects.remove(R.pods, ns, name);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const policy = pod.spec?.restartPolicy ?? 'Always';
    const specs = pod.spec?.containers ?? [];
    for (const [i, spec] of specs.entries()) {
      const rec = rt.records[i];
      if (!rec || rec.state === 'running') continue;
      const due = rt.retryAt.get(spec.name) ?? 0;
      if (due > Date.now()) continue;
      if (rec.state === 'terminated') {
        const restart = policy === 'Always' || (policy === 'OnFailure' && (rec.exitCode ?? 0) !== 0);
        if (!restart) continue;
        const delay = restartBackoffMs(rec.restartCount);
        if (delay > 0 && !rt.retryAt.has(spec.name)) {
          rec.state = 'waiting';
          rec.reason = 'CrashLoopBackOff';
          rec.message = `back-off ${delay / 1000}s restarting failed container=${spec.name} pod=${name}_${ns}(${rt.uid})`;
          this.ctx.objects.recordEvent(object, 'Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${name}_${ns}(${rt.uid})`, SOURCE(node), `spec.containers{${spec.name}}`);
          this.retry(rt, spec.name, delay);
          continue;
        }
      }
      rt.retryAt.delete(spec.name);
      if (!(await this.ensureImage(object, spec, rec, rt, node))) continue;
      await this.startContainer(object, pod, spec, rec, rt, node, i === 0 ? undefined : rt.records[0]?.id);
      if (i === 0) rt.podIP = await this.podIpOf(rec.id);
    }
    this.writeStatus(key, rt);
  }

  private writeStatus(key: string, rt: PodRuntime): void {
    const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const current = this.ctx.store.get(R.pods, ns, name);
    if (!current || current.metadata.uid !== rt.uid || current.metadata.deletionTimestamp) return;
    const status = podStatusFrom(as<Pod>(current), rt.records, { podIP: rt.podIP, hostIP: '127.0.0.1', startTime: rt.startTime });
    this.ctx.objects.writeStatus(R.pods, current, status);
  }

  private async podIpOf(id: string | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    const info = await containerOf(this.docker, id).inspect();
    return info.NetworkSettings.Networks[this.network]?.IPAddress || undefined;
  }

  private async imageId(image: string): Promise<string | undefined> {
    try {
      return (await imageOf(this.docker, image).inspect()).Id;
    } catch {
      return undefined;
    }
  }

  private pull(image: string): Promise<void> {
    let running = this.pulls.get(image);
    if (!running) {
      running = (async () => {
        const stream = (await this.docker.pull(image)) as Readable;
        await new Promise<void>((resolve, reject) => {
          this.docker.modem.followProgress(stream, (err: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
            const failed = output?.find((o) => o.error);
            if (err) reject(err);
            else if (failed) reject(new Error(failed.errorDetail?.message ?? failed.error));
            else resolve();
          });
        });
      })().finally(() => this.pulls.delete(image));
      this.pulls.set(image, running);
    }
    return running;
  }

  /** Image pull policy as the kubelet applies it; false (and a waiting state with back-off) when it cannot. */
  private async ensureImage(pod: KObject, spec: ContainerSpec, rec: ContainerRecord, rt: PodRuntime, node: string): Promise<boolean> {
    const image = normalizeImage(spec.image ?? '');
    const path = `spec.containers{${spec.name}}`;
    const event = (type: 'Normal' | 'Warning', reason: string, message: string): void => this.ctx.objects.recordEvent(pod, type, reason, message, SOURCE(node), path);
    const present = await this.imageId(image);
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    if (present && policy !== 'Always') {
      rec.imageId = present;
      event('Normal', 'Pulled', `Container image "${spec.image ?? ''}" already present on machine`);
      return true;
    }
    if (policy === 'Never') {
      rec.state = 'waiting';
      rec.reason = 'ErrImageNeverPull';
      rec.message = `Container image "${spec.image ?? ''}" is not present with pull policy of Never`;
      event('Warning', 'ErrImageNeverPull', rec.message);
      this.retry(rt, spec.name, 10_000);
      return false;
    }
    event('Normal', 'Pulling', `Pulling image "${spec.image ?? ''}"`);
    const started = Date.now();
    try {
      await this.pull(image);
      const id = await this.imageId(image);
      rec.imageId = id;
      const seconds = ((Date.now() - started) / 1000).toFixed(3);
      const size = id ? ((await imageOf(this.docker, image).inspect()) as { Size?: number }).Size : undefined;
      event('Normal', 'Pulled', `Successfully pulled image "${spec.image ?? ''}" in ${seconds}s (${seconds}s including waiting).${size ? ` Image size: ${size} bytes.` : ''}`);
      rt.pullAttempts.delete(spec.name);
      return true;
    } catch (error) {
      const message = engineMessage(error);
      if (present) {
        // Offline with the image on the engine (a classroom without registry access): use it, and say so.
        rec.imageId = present;
        event('Normal', 'Pulled', `Container image "${spec.image ?? ''}" already present on machine (pulling it failed: ${message})`);
        return true;
      }
      const attempts = (rt.pullAttempts.get(spec.name) ?? 0) + 1;
      rt.pullAttempts.set(spec.name, attempts);
      rec.state = 'waiting';
      rec.reason = attempts > 1 ? 'ImagePullBackOff' : 'ErrImagePull';
      rec.message = attempts > 1 ? `Back-off pulling image "${spec.image ?? ''}": ErrImagePull: ${message}` : message;
      event('Warning', 'Failed', `Failed to pull image "${spec.image ?? ''}": ${message}`);
      event('Warning', 'Failed', `Error: ${rec.reason}`);
      if (attempts > 1) event('Normal', 'BackOff', `Back-off pulling image "${spec.image ?? ''}"`);
      this.retry(rt, spec.name, Math.min(10_000 * 2 ** (attempts - 1), 300_000));
      this.writeStatus(rt.key, rt);
      // After the first failure the status shows ImagePullBackOff while waiting, as on a real node.
      setTimeout(() => {
        if (rec.reason === 'ErrImagePull' && rec.state === 'waiting') {
          rec.reason = 'ImagePullBackOff';
          rec.message = `Back-off pulling image "${spec.image ?? ''}": ErrImagePull: ${message}`;
          this.writeStatus(rt.key, rt);
        }
      }, 1500).unref();
      return false;
    }
  }

  private env(pod: Pod, spec: ContainerSpec): string[] {
    const out = new Map<string, string>();
    const ns = pod.metadata?.namespace;
    const lookup = (kind: 'configmaps' | 'secrets', name: string, key?: string, optional?: boolean): Record<string, string> | string | undefined => {
      const o = this.ctx.store.get(kind, ns, name);
      if (!o) {
        if (optional) return undefined;
        throw new ApiError(400, 'CreateContainerConfigError', `${kind === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`);
      }
      const raw = (kind === 'configmaps' ? o.data : o.data) as Record<string, string> | undefined;
      const data = kind === 'secrets' ? Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) : (raw ?? {});
      if (key === undefined) return data;
      if (!(key in data)) {
        if (optional) return undefined;
        throw new ApiError(400, 'CreateContainerConfigError', `couldn't find key ${key} in ${kind === 'configmaps' ? 'ConfigMap' : 'Secret'} ${ns ?? ''}/${name}`);
      }
      return data[key];
    };
    for (const from of spec.envFrom ?? []) {
      const source = from.configMapRef ? lookup('configmaps', from.configMapRef.name ?? '', undefined, from.configMapRef.optional) : from.secretRef ? lookup('secrets', from.secretRef.name ?? '', undefined, from.secretRef.optional) : undefined;
      if (isRecord(source)) for (const [k, v] of Object.entries(source)) out.set(`${from.prefix ?? ''}${k}`, String(v));
    }
    const fields: Record<string, string | undefined> = {
      'metadata.name': pod.metadata?.name,
      'metadata.namespace': pod.metadata?.namespace,
      'metadata.uid': pod.metadata?.uid,
      'spec.nodeName': pod.spec?.nodeName,
      'spec.serviceAccountName': pod.spec?.serviceAccountName,
      'status.hostIP': '127.0.0.1',
    };
    for (const e of spec.env ?? ([] as EnvVar[])) {
      if (e.value !== undefined) out.set(e.name, e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v: string) => out.get(v) ?? m));
      else if (e.valueFrom?.fieldRef) out.set(e.name, fields[e.valueFrom.fieldRef.fieldPath] ?? '');
      else if (e.valueFrom?.configMapKeyRef) {
        const v = lookup('configmaps', e.valueFrom.configMapKeyRef.name ?? '', e.valueFrom.configMapKeyRef.key, e.valueFrom.configMapKeyRef.optional);
        if (typeof v === 'string') out.set(e.name, v);
      } else if (e.valueFrom?.secretKeyRef) {
        const v = lookup('secrets', e.valueFrom.secretKeyRef.name ?? '', e.valueFrom.secretKeyRef.key, e.valueFrom.secretKeyRef.optional);
        if (typeof v === 'string') out.set(e.name, v);
      } else out.set(e.name, '');
    }
    return [...out].map(([k, v]) => `${k}=${v}`);
  }

  private async startContainer(object: KObject, pod: Pod, spec: ContainerSpec, rec: ContainerRecord, rt: PodRuntime, node: string, netnsOf: string | undefined): Promise<void> {
    const path = `spec.containers{${spec.name}}`;
    let env: string[];
    try {
      env = this.env(pod, spec);
    } catch (error) {
      rec.state = 'waiting';
      rec.reason = 'CreateContainerConfigError';
      rec.message = (error as Error).message;
      this.ctx.objects.recordEvent(object, 'Warning', 'Failed', `Error: ${rec.message}`, SOURCE(node), path);
      this.retry(rt, spec.name, 10_000);
      return;
    }
    const restarting = !!rec.id;
    const attempt = rec.restartCount + (restarting ? 1 : 0);
    const limits = spec.resources?.limits ?? {};
    const memory = parseQuantity(limits.memory);
    const cpu = parseQuantity(limits.cpu);
    const name = containerName(pod, spec.name, attempt);
    await containerOf(this.docker, name).remove({ force: true }).catch(() => undefined);
    let container: Docker.Container;
    try {
      container = await this.docker.createContainer({
        name,
        Image: normalizeImage(spec.image ?? ''),
        ...(spec.command ? { Entrypoint: spec.command } : {}),
        ...(spec.args ? { Cmd: spec.args } : {}),
        Env: env,
        ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
        Tty: !!spec.tty,
        OpenStdin: !!spec.stdin,
        StdinOnce: !!spec.stdinOnce,
        Hostname: (pod.metadata?.name ?? 'pod').slice(0, 63),
        Labels: {
          [LABEL_CLUSTER]: this.ctx.id,
          [LABEL_NODE]: node,
          [LABEL_POD]: pod.metadata?.name ?? '',
          [LABEL_NAMESPACE]: pod.metadata?.namespace ?? '',
          [LABEL_UID]: pod.metadata?.uid ?? '',
          [LABEL_CONTAINER]: spec.name,
          'io.kubernetes.container.restartCount': String(attempt),
        },
        HostConfig: {
          NetworkMode: netnsOf ? `container:${netnsOf}` : this.network,
          // An init process forwards SIGTERM, so a graceful stop does not wait for the whole grace period.
          Init: true,
          ...(memory ? { Memory: Math.floor(memory) } : {}),
          ...(cpu ? { NanoCpus: Math.floor(cpu * 1e9) } : {}),
        },
        ...(netnsOf ? {} : { NetworkingConfig: { EndpointsConfig: { [this.network]: { Aliases: [pod.metadata?.name ?? ''] } } } }),
      });
      await container.start();
    } catch (error) {
      const message = engineMessage(error);
      rec.state = 'waiting';
      rec.reason = 'RunContainerError';
      rec.message = message;
      this.ctx.objects.recordEvent(object, 'Warning', 'Failed', `Error: ${message}`, SOURCE(node), path);
      this.retry(rt, spec.name, restartBackoffMs(rec.restartCount + 1) || 10_000);
      return;
    }
    // Keep the previous attempt for `logs --previous`; older ones go.
    const keep = rec.last?.id;
    const older = rt.leftovers.filter((id) => id !== keep);
    rt.leftovers = keep ? [keep] : [];
    if (rec.id && rec.id !== keep) older.push(rec.id);
    await Promise.allSettled(older.map((id) => containerOf(this.docker, id).remove({ force: true })));
    if (restarting) rec.restartCount++;
    rec.id = container.id;
    rec.state = 'running';
    rec.reason = undefined;
    rec.message = undefined;
    rec.startedAt = timestamp();
    this.ctx.objects.recordEvent(object, 'Normal', 'Created', `Created container ${spec.name}`, SOURCE(node), path);
    this.ctx.objects.recordEvent(object, 'Normal', 'Started', `Started container ${spec.name}`, SOURCE(node), path);
  }

  // -------------------------------------------------------------------------------------------------------
  // logs

  /** The container a request names, validated as the real API server does. */
  containerFor(pod: KObject, requested: string | null): { spec: ContainerSpec; record: ContainerRecord | undefined } {
    const p = as<Pod>(pod);
    const specs = p.spec?.containers ?? [];
    const name = pod.metadata.name ?? '';
    let spec: ContainerSpec | undefined;
    if (requested) {
      spec = specs.find((c) => c.name === requested);
      if (!spec) throw errors.badRequest(`container ${requested} is not valid for pod ${name}`);
    } else if (specs.length === 1) spec = specs[0];
    else throw errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${specs.map((c) => c.name).join(' ')}]`);
    if (!spec) throw errors.badRequest(`pod ${name} has no containers`);
    const rt = this.pods.get(`${pod.metadata.namespace ?? ''}/${name}`);
    return { spec, record: rt && rt.uid === pod.metadata.uid ? rt.records.find((r) => r.name === spec.name) : undefined };
  }

  async log(ctx: RequestContext, pod: KObject): Promise<void> {
    const q = ctx.url.searchParams;
    const { spec, record } = this.containerFor(pod, q.get('container'));
    const previous = q.get('previous') === 'true';
    const id = previous ? record?.last?.id : record?.id;
    if (!id) {
      if (previous) throw errors.badRequest(`previous terminated container "${spec.name}" in pod "${pod.metadata.name ?? ''}" not found`);
      const reason = record?.reason ?? (as<Pod>(pod).spec?.nodeName ? 'ContainerCreating' : 'Pending');
      throw errors.badRequest(`container "${spec.name}" in pod "${pod.metadata.name ?? ''}" is waiting to start: ${reason}`);
    }
    const follow = q.get('follow') === 'true' && !previous;
    const tail = q.get('tailLines');
    const sinceSeconds = q.get('sinceSeconds');
    const sinceTime = q.get('sinceTime');
    const limitBytes = Number(q.get('limitBytes') ?? 0);
    const since = sinceSeconds ? Math.floor(Date.now() / 1000) - Number(sinceSeconds) : sinceTime ? Math.floor(Date.parse(sinceTime) / 1000) : undefined;
    const container = containerOf(this.docker, id);
    const info = await container.inspect();
    const options = { stdout: true, stderr: true, timestamps: q.get('timestamps') === 'true', ...(tail && Number(tail) >= 0 ? { tail: Number(tail) } : {}), ...(since ? { since } : {}) };
    const raw = (follow ? await container.logs({ ...options, follow: true }) : await container.logs({ ...options, follow: false })) as unknown as Readable | Buffer;
    ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    ctx.res.flushHeaders();
    let written = 0;
    const write = (chunk: Buffer): void => {
      if (limitBytes > 0) {
        if (written >= limitBytes) return;
        chunk = chunk.subarray(0, limitBytes - written);
      }
      written += chunk.length;
      ctx.res.write(chunk);
    };
    if (Buffer.isBuffer(raw)) {
      write(info.Config.Tty ? raw : demuxBuffer(raw));
      ctx.res.end();
      return;
    }
    const out = new PassThrough();
    if (info.Config.Tty) raw.pipe(out);
    else this.docker.modem.demuxStream(raw, out, out);
    raw.on('end', () => out.end());
    raw.on('error', () => out.end());
    out.on('data', write);
    out.on('end', () => ctx.res.end());
    ctx.res.on('close', () => {
      (raw as Readable & { destroy(): void }).destroy();
    });
  }
}

/** Docker's multiplexed log format (8-byte frame headers) to plain bytes. */
export function demuxBuffer(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(at + 4);
    parts.push(buffer.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts);
}
