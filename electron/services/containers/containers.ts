import { readFile, stat } from 'node:fs/promises';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { posix } from 'node:path';

import type Docker from 'dockerode';
import type { ContainerInfo, ContainerInspectInfo } from 'dockerode';
import { extract, pack } from 'tar-stream';

import { ARCHIVE_LIMIT_BYTES } from '@shared/api/containers';
import type {
  ArchiveFile,
  BulkOutcome,
  ContainerDetails,
  ContainerState,
  ContainerSummary,
  CopyOutResult,
  DiffEntry,
  FieldIssue,
  HealthState,
  PublishedPort,
  RunField,
  RunResult,
  RunSpec,
} from '@shared/dto/containers';
import { LotseError } from '@shared/errors';
import { containerDisplayName } from '@shared/rules/containers';
import { checkImageRef, checkNetworkRef } from '@shared/rules/names';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { eachLimited } from '../docker/limit';
import { containerOf, imageOf, networkOf } from '../docker/paths';
import { LogDecoder } from './frames';
import { parseEnvFile, specIssues, toCreateOptions } from './spec';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** Containers: list, checks before create, run/create with clean-up, lifecycle on many, inspect, diff, files. */
export class ContainerService {
  constructor(private readonly engine: EngineService) {}

  async list(ids?: string[]): Promise<ContainerSummary[]> {
    const docker = this.engine.docker();
    if (ids && ids.length === 0) return [];
    const raw = await docker.listContainers({ all: true, ...(ids ? { filters: { id: ids } } : {}) });
    const summaries = raw.map(toSummary);
    // The list has no start time: read it for running containers only (few, even with thousands in total).
    const running = summaries.filter((c) => c.state === 'running' || c.state === 'paused');
    await eachLimited(running, 16, async (c) => {
      try {
        const info = await containerOf(docker, c.id).inspect();
        const started = Date.parse(info.State.StartedAt);
        if (started > 0) c.startedAt = started;
      } catch {
        // Gone between list and inspect: the next event re-reads it.
      }
    });
    return summaries;
  }

  /** Every problem the spec has, each with its field; asks the engine and the host where needed. */
  async check(spec: RunSpec): Promise<FieldIssue[]> {
    const docker = this.engine.docker();
    const issues = specIssues(spec, this.engine.state.info?.cpus ?? 0);
    const local = this.engine.state.endpoint?.kind !== 'tcp';
    const tasks: Promise<void>[] = [];
    const add = (issue: FieldIssue): void => void issues.push(issue);

    const imageIssue = checkImageRef(spec.image);
    if (imageIssue) {
      add({ field: 'image', code: 'imageInvalid', params: { image: spec.image, problem: imageIssue.code }, message: `"${spec.image}" is not an image name.`, hint: 'Lowercase letters and digits with . _ - between them, parts joined by /, then :tag — like nginx:1.27 or 127.0.0.1:5000/learn/web:1.0.' });
    } else {
      tasks.push(
        imageOf(docker, spec.image)
          .inspect()
          .then(
            () => undefined,
            (error: unknown) => {
              const e = toLotseError(error);
              if (e.code === 'NOT_FOUND') {
                add({ field: 'image', code: 'imageMissing', params: { image: spec.image }, message: `The image ${spec.image} is not on this machine.`, hint: `Pull it first: docker pull ${spec.image}` });
              } else add({ field: 'image', message: e.message });
            },
          ),
      );
    }
    if (spec.name) {
      const name = spec.name;
      tasks.push(
        docker.listContainers({ all: true, filters: { name: [`^/${escapeRegExp(name)}$`] } }).then((found) => {
          const other = found[0];
          if (other) {
            add({
              field: 'name',
              code: 'nameTaken', params: { name, holder: other.Id.slice(0, 12), state: other.State }, message: `The name "${name}" is taken by container ${other.Id.slice(0, 12)} (${other.State}).`,
              hint: 'Names are unique per engine: choose another name, or remove or rename the other container.',
            });
          }
        }),
      );
    }
    if (spec.ports.some((p) => p.hostPort !== undefined)) {
      tasks.push(this.checkPorts(docker, spec, local, add));
    }
    if (local) {
      spec.mounts.forEach((mount, index) => {
        if (mount.type !== 'bind' || !mount.source.startsWith('/')) return;
        tasks.push(
          stat(mount.source).then(
            () => undefined,
            () =>
              add({
                field: 'mounts',
                index,
                code: 'bindMissing', params: { path: mount.source }, message: `The host path ${mount.source} does not exist.`,
                hint: 'Create the folder first, or pick an existing one. (docker run -v would silently create an empty folder as root.)',
              }),
          ),
        );
      });
    }
    spec.envFiles.forEach((file, index) => {
      tasks.push(
        readFile(file, 'utf8').then(
          () => undefined,
          () => add({ field: 'envFiles', index, code: 'envFileUnreadable', params: { path: file }, message: `The env file ${file} cannot be read.`, hint: 'Check the path: it is read on this machine.' }),
        ),
      );
    });
    if (spec.network && !BUILTIN_NETWORKS.has(spec.network) && !spec.network.startsWith('container:')) {
      const network = spec.network;
      const networkIssue = checkNetworkRef(network);
      if (networkIssue) {
        add({ field: 'network', code: 'networkInvalid', params: { network, problem: networkIssue.code }, message: `"${network}" cannot name a network.`, hint: 'Choose one of the networks in the list.' });
      } else {
        tasks.push(
          networkOf(docker, network)
            .inspect()
            .then(
              () => undefined,
              () => add({ field: 'network', code: 'networkMissing', params: { network }, message: `There is no network "${network}".`, hint: `Create it first: docker network create ${network}` }),
            ),
        );
      }
    }
    await Promise.all(tasks);
    return issues;
  }

  private async checkPorts(docker: Docker, spec: RunSpec, local: boolean, add: (issue: FieldIssue) => void): Promise<void> {
    const running = await docker.listContainers({ all: false });
    await Promise.all(
      spec.ports.map(async (port, index) => {
        if (port.hostPort === undefined) return;
        const holder = running.find((c) =>
          (c.Ports ?? []).some(
            (p) =>
              p.PublicPort === port.hostPort &&
              p.Type === port.protocol &&
              (!port.hostIp || !p.IP || p.IP === port.hostIp || p.IP === '0.0.0.0' || p.IP === '::' || port.hostIp === '0.0.0.0'),
          ),
        );
        if (holder) {
          const name = containerDisplayName(holder);
          add({
            field: 'ports',
            index,
            code: 'portPublished', params: { port: port.hostPort, protocol: port.protocol, name }, message: `Host port ${port.hostPort}/${port.protocol} is already published by container ${name}.`,
            hint: `Choose another host port, or stop ${name} first.`,
          });
          return;
        }
        if (!local) return;
        const problem = await tryBind(port.hostIp ?? '0.0.0.0', port.hostPort, port.protocol);
        if (problem === 'EADDRINUSE') {
          add({
            field: 'ports',
            index,
            code: 'portInUse', params: { port: port.hostPort, protocol: port.protocol }, message: `Host port ${port.hostPort}/${port.protocol} is in use by another program on this machine.`,
            hint: 'Choose another host port (or leave it empty: the engine then picks a free one).',
          });
        } else if (problem === 'EADDRNOTAVAIL') {
          add({ field: 'ports', index, code: 'portNoAddress', params: { ip: port.hostIp ?? '' }, message: `This machine has no address ${port.hostIp ?? ''}.`, hint: 'Use 127.0.0.1 (this machine only) or leave the IP empty (all addresses).' });
        }
      }),
    );
  }

  /** `docker run` / `docker create`. A container that fails to start is removed again unless keepOnFailure. */
  async run(spec: RunSpec, start: boolean, keepOnFailure: boolean): Promise<RunResult> {
    const issues = await this.check(spec);
    if (issues.length) return { ok: false, issues, kept: false };
    const docker = this.engine.docker();
    const envFromFiles: string[] = [];
    for (const file of spec.envFiles) envFromFiles.push(...parseEnvFile(await readFile(file, 'utf8'), process.env));

    let container: Docker.Container;
    try {
      container = await docker.createContainer(toCreateOptions(spec, envFromFiles));
    } catch (error) {
      const issue = engineIssue(error, spec);
      if (issue) return { ok: false, issues: [issue], kept: false };
      throw toLotseError(error);
    }
    const info = await container.inspect();
    const name = containerDisplayName(info);
    if (!start) return { ok: true, id: container.id, name, started: false, warnings: [] };

    try {
      await container.start();
    } catch (error) {
      if (!keepOnFailure) await container.remove({ force: true, v: true }).catch(() => undefined);
      const issue = engineIssue(error, spec);
      if (issue) return { ok: false, issues: [issue], kept: keepOnFailure };
      const e = toLotseError(error);
      throw new LotseError(e.code, e.message, keepOnFailure ? `The container ${name} was kept: inspect it, then remove it.` : 'Nothing was left behind: the container was removed again.');
    }
    // A container that stops at once (sh without -it, a typo in the command) deserves an explanation.
    const exited = await Promise.race([
      container.wait({ condition: 'not-running' }).then((r: { StatusCode?: number }) => r.StatusCode ?? 0),
      sleep(600).then(() => undefined),
    ]).catch(() => undefined);
    if (exited === undefined) return { ok: true, id: container.id, name, started: true, warnings: [] };
    let logTail: string[] = [];
    let error: string | undefined;
    try {
      const after = await container.inspect();
      if (after.State.Running) return { ok: true, id: container.id, name, started: true, warnings: [] };
      error = after.State.Error || undefined;
      const buffer = await container.logs({ stdout: true, stderr: true, tail: 20, follow: false });
      const decoder = new LogDecoder(after.Config.Tty, false);
      logTail = [...decoder.push(buffer), ...decoder.flush()].map((l) => l.text);
    } catch {
      // --rm removed it already.
    }
    return {
      ok: true,
      id: container.id,
      name,
      started: true,
      warnings: [],
      exitedAtOnce: { exitCode: exited, ...(error ? { error } : {}), logTail },
    };
  }

  start(ids: string[]): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.start());
  }

  stop(ids: string[], timeout?: number): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.stop(timeout === undefined ? {} : { t: timeout }));
  }

  restart(ids: string[], timeout?: number): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.restart(timeout === undefined ? {} : { t: timeout }));
  }

  kill(ids: string[], signal: string): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.kill({ signal }));
  }

  pause(ids: string[]): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.pause());
  }

  unpause(ids: string[]): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.unpause());
  }

  remove(ids: string[], force: boolean, volumes: boolean): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.remove({ force, v: volumes }));
  }

  async rename(id: string, name: string): Promise<{ id: string; name: string }> {
    try {
      await containerOf(this.engine.docker(), id).rename({ name });
    } catch (error) {
      const e = toLotseError(error);
      if (e.code === 'CONFLICT') throw new LotseError('CONFLICT', e.message, 'Another container has that name: choose another one.');
      throw e;
    }
    return { id, name };
  }

  async inspect(id: string): Promise<ContainerDetails> {
    const info = await containerOf(this.engine.docker(), id).inspect();
    return toDetails(info);
  }

  async diff(id: string): Promise<DiffEntry[]> {
    // The engine answers `null` when nothing changed; dockerode then hands back the raw body, not JSON.
    const raw: unknown = await containerOf(this.engine.docker(), id).changes();
    const body: unknown = Buffer.isBuffer(raw) || typeof raw === 'string' ? JSON.parse(raw.toString().trim() || 'null') : raw;
    const changes = Array.isArray(body) ? (body as { Path?: unknown; Kind?: unknown }[]) : [];
    // Kind: 0 modified, 1 added, 2 deleted (the engine's ChangeType).
    return changes
      .filter((c): c is { Path: string; Kind?: unknown } => typeof c.Path === 'string')
      .map((c) => ({ path: c.Path, kind: c.Kind === 1 ? ('A' as const) : c.Kind === 2 ? ('D' as const) : ('C' as const) }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async copyOut(id: string, path: string, signal?: AbortSignal): Promise<CopyOutResult> {
    const stream = (await containerOf(this.engine.docker(), id).getArchive({ path })) as NodeJS.ReadableStream & { destroy?: () => void };
    const chunks: Buffer[] = [];
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      signal?.addEventListener('abort', () => {
        stream.destroy?.();
        reject(new LotseError('CANCELLED', 'The copy was cancelled.'));
      });
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > ARCHIVE_LIMIT_BYTES) {
          stream.destroy?.();
          reject(
            new LotseError('INVALID_PARAMS', `${path} is larger than ${ARCHIVE_LIMIT_BYTES / 1024 / 1024} MiB.`, `Copy it with the CLI: docker cp ${id.slice(0, 12)}:${path} .`),
          );
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => resolve());
      stream.on('error', (e: Error) => reject(e));
    });
    const tar = Buffer.concat(chunks);
    const single = await singleFile(tar);
    const base = posix.basename(path) || 'root';
    if (single) return { kind: 'file', name: base, bytes: single.length, base64: single.toString('base64') };
    return { kind: 'tar', name: `${base}.tar`, bytes: tar.length, base64: tar.toString('base64') };
  }

  async copyIn(id: string, directory: string, files: ArchiveFile[]): Promise<{ written: string[]; bytes: number }> {
    const contents = files.map((f) => {
      const name = f.name.trim();
      if (!name || name.includes('/') || name === '.' || name === '..') {
        throw new LotseError('INVALID_PARAMS', `"${f.name}" is not a file name.`, 'Give plain file names; the directory is chosen separately.');
      }
      return { name, data: Buffer.from(f.base64, 'base64') };
    });
    const bytes = contents.reduce((sum, f) => sum + f.data.length, 0);
    if (bytes > ARCHIVE_LIMIT_BYTES) {
      throw new LotseError('INVALID_PARAMS', `Together the files are larger than ${ARCHIVE_LIMIT_BYTES / 1024 / 1024} MiB.`, 'Copy big files with docker cp.');
    }
    const archive = pack();
    for (const f of contents) archive.entry({ name: f.name, size: f.data.length, mode: 0o644, mtime: new Date() }, f.data);
    archive.finalize();
    const tar = await collect(archive);
    try {
      await containerOf(this.engine.docker(), id).putArchive(tar, { path: directory });
    } catch (error) {
      const e = toLotseError(error);
      if (e.code === 'NOT_FOUND') throw new LotseError('NOT_FOUND', `${directory} does not exist in the container.`, 'Pick a directory that exists (docker cp copies into existing directories).');
      throw e;
    }
    return { written: contents.map((f) => posix.join(directory, f.name)), bytes };
  }

  private async bulk(ids: string[], act: (container: Docker.Container) => Promise<unknown>): Promise<BulkOutcome> {
    const docker = this.engine.docker();
    const outcomes: BulkOutcome = ids.map((id) => ({ id, ok: false }));
    await eachLimited(
      ids.map((id, index) => ({ id, index })),
      8,
      async ({ id, index }) => {
        try {
          await act(containerOf(docker, id));
          outcomes[index] = { id, ok: true };
        } catch (error) {
          // 304: already in the wanted state (stop a stopped one): done, not failed.
          if ((error as { statusCode?: number }).statusCode === 304) outcomes[index] = { id, ok: true };
          else outcomes[index] = { id, ok: false, error: explain(toLotseError(error)).toData() };
        }
      },
    );
    return outcomes;
  }
}

/** Adds what to do to the engine's most common lifecycle refusals. */
function explain(error: LotseError): LotseError {
  if (error.hint) return error;
  const m = error.message;
  const hinted = (hint: string): LotseError => new LotseError(error.code, m, hint, { reason: error.reason, detail: error.detail });
  if (/cannot remove a running container|stop the container before/i.test(m)) {
    return hinted('A running container must be stopped first — or removed with force (docker rm -f), which kills its processes.');
  }
  if (/is not running/i.test(m)) return hinted('Start the container first.');
  if (/is paused/i.test(m)) return hinted('Unpause it first.');
  if (/removal of container .* is already in progress/i.test(m)) return hinted('It is going away already.');
  return error;
}

/** Engine refusals that belong to one field of the dialog. */
export function engineIssue(error: unknown, spec: RunSpec): FieldIssue | undefined {
  const e = toLotseError(error);
  const m = e.message;
  const issue = (field: RunField, hint: string): FieldIssue => ({ field, message: m, hint, ...(e.reason ? { code: e.reason } : {}) });
  if (/Conflict\. The container name/i.test(m)) return issue('name', 'Choose another name, or remove or rename the other container.');
  if (/No such image|pull access denied|repository does not exist/i.test(m)) return issue('image', `Pull the image first: docker pull ${spec.image}`);
  if (/port is already allocated|address already in use/i.test(m)) return issue('ports', 'Another container or program holds this host port: choose another one.');
  if (/bind source path does not exist|invalid mount config|not a directory/i.test(m)) return issue('mounts', 'Check the host path and the target.');
  if (/memoryswap|memory-swap/i.test(m)) return issue('memorySwap', 'memory-swap is memory plus swap: at least as large as memory.');
  if (/memory/i.test(m) && /minimum|limit/i.test(m)) return issue('memory', 'Give at least 6m.');
  if (/network .* not found/i.test(m)) return issue('network', 'Create the network first.');
  if (/CPUs|NanoCPUs/i.test(m)) return issue('cpus', 'Choose a value up to the number of CPUs the engine has.');
  if (/unable to find user|no matching entries in passwd/i.test(m)) return issue('user', 'The user does not exist in the image: give a numeric UID[:GID] instead.');
  if (/working directory/i.test(m)) return issue('workdir', 'Give an absolute path.');
  if (/executable file not found|no such file or directory|permission denied/i.test(m) && /exec|starting container process/i.test(m)) {
    return issue(spec.entrypoint !== undefined ? 'entrypoint' : 'command', 'The program does not exist in the image: check its name and path.');
  }
  return undefined;
}

function toState(state: string): ContainerState {
  return (STATES as readonly string[]).includes(state) ? (state as ContainerState) : 'dead';
}

export function healthFromStatus(status: string): HealthState {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

function toPorts(ports: ContainerInfo['Ports']): PublishedPort[] {
  const seen = new Set<string>();
  const result: PublishedPort[] = [];
  for (const p of ports ?? []) {
    // The engine lists a published port once per address family; one row is enough.
    const key = `${p.PublicPort ?? ''}/${p.PrivatePort}/${p.Type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const protocol = p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp';
    result.push({ ...(p.IP ? { hostIp: p.IP } : {}), ...(p.PublicPort ? { hostPort: p.PublicPort } : {}), containerPort: p.PrivatePort, protocol });
  }
  return result.sort((a, b) => a.containerPort - b.containerPort);
}

export function toSummary(c: ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  const compose = labels['com.docker.compose.project'];
  const composeService = labels['com.docker.compose.service'];
  const swarm = labels['com.docker.swarm.service.name'];
  return {
    id: c.Id,
    name: containerDisplayName(c),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    state: toState(c.State),
    health: healthFromStatus(c.Status),
    status: c.Status,
    ports: toPorts(c.Ports),
    created: c.Created * 1000,
    labels,
    ...(compose ? { composeProject: compose } : {}),
    ...(composeService ? { composeService } : {}),
    ...(swarm ? { swarmService: swarm } : {}),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).length,
  };
}

function time(text: string | undefined): number | undefined {
  const t = text ? Date.parse(text) : Number.NaN;
  return t > 0 ? t : undefined;
}

export function toDetails(info: ContainerInspectInfo): ContainerDetails {
  const health = (info.State as { Health?: { Status?: string; Log?: { Start?: string; ExitCode?: number; Output?: string }[] } }).Health;
  const ports: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const [port = '0', proto = 'tcp'] = key.split('/');
    const protocol = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
    if (!bindings?.length) ports.push({ containerPort: Number(port), protocol });
    for (const b of bindings ?? []) {
      ports.push({ ...(b.HostIp ? { hostIp: b.HostIp } : {}), ...(b.HostPort ? { hostPort: Number(b.HostPort) } : {}), containerPort: Number(port), protocol });
    }
  }
  const hostConfig = info.HostConfig as ContainerInspectInfo['HostConfig'] & { NanoCpus?: number; ReadonlyRootfs?: boolean; AutoRemove?: boolean };
  const startedAt = time(info.State.StartedAt);
  const finishedAt = time(info.State.FinishedAt);
  const status = health?.Status;
  return {
    id: info.Id,
    name: containerDisplayName(info),
    image: info.Config.Image,
    imageId: info.Image,
    created: time(info.Created) ?? 0,
    path: info.Path,
    args: info.Args ?? [],
    config: {
      entrypoint: asList(info.Config.Entrypoint),
      cmd: asList(info.Config.Cmd),
      env: info.Config.Env ?? [],
      workdir: info.Config.WorkingDir ?? '',
      user: info.Config.User ?? '',
      hostname: info.Config.Hostname ?? '',
      tty: info.Config.Tty,
      openStdin: info.Config.OpenStdin,
      labels: info.Config.Labels ?? {},
      exposedPorts: Object.keys(info.Config.ExposedPorts ?? {}),
    },
    state: {
      status: toState(info.State.Status),
      running: info.State.Running,
      paused: info.State.Paused,
      restarting: info.State.Restarting,
      oomKilled: info.State.OOMKilled,
      pid: info.State.Pid,
      exitCode: info.State.ExitCode,
      error: info.State.Error ?? '',
      ...(startedAt ? { startedAt } : {}),
      ...(finishedAt ? { finishedAt } : {}),
      health: status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none',
      healthLog: (health?.Log ?? []).map((l) => ({ start: time(l.Start) ?? 0, exitCode: l.ExitCode ?? 0, output: l.Output ?? '' })),
    },
    restartCount: info.RestartCount,
    restartPolicy: { name: hostConfig.RestartPolicy?.Name || 'no', maxRetries: hostConfig.RestartPolicy?.MaximumRetryCount ?? 0 },
    autoRemove: hostConfig.AutoRemove ?? false,
    readOnly: hostConfig.ReadonlyRootfs ?? false,
    ports,
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'bind',
      source: m.Source ?? '',
      destination: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
      readOnly: !m.RW,
    })),
    networks: Object.entries(info.NetworkSettings.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress ?? '',
      gateway: n.Gateway ?? '',
      macAddress: n.MacAddress ?? '',
      aliases: (n.Aliases as string[] | null | undefined) ?? [],
    })),
    resources: {
      memoryBytes: hostConfig.Memory ?? 0,
      memorySwapBytes: hostConfig.MemorySwap ?? 0,
      cpuShares: hostConfig.CpuShares ?? 0,
      nanoCpus: hostConfig.NanoCpus ?? 0,
    },
    logDriver: hostConfig.LogConfig?.Type ?? '',
    raw: info as unknown as Record<string, unknown>,
  };
}

function asList(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Binds the host port for a moment: the surest test that nothing else holds it. */
export function tryBind(host: string, port: number, protocol: 'tcp' | 'udp'): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (protocol === 'udp') {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (e: NodeJS.ErrnoException) => {
        socket.close();
        resolve(e.code);
      });
      socket.bind(port, host, () => socket.close(() => resolve(undefined)));
      return;
    }
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

function collect(stream: ReturnType<typeof pack>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** The content when the archive holds exactly one regular file (docker cp of a file), else undefined. */
async function singleFile(tar: Buffer): Promise<Buffer | undefined> {
  const reader = extract();
  const entries: { type: string; data: Buffer }[] = [];
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        entries.push({ type: header.type ?? 'file', data: Buffer.concat(chunks) });
        next();
      });
      stream.resume();
    });
    reader.on('finish', () => resolve());
    reader.on('error', reject);
  });
  reader.end(tar);
  await done;
  return entries.length === 1 && entries[0]?.type === 'file' ? entries[0].data : undefined;
}
