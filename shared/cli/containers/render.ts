import type { MountSpec, PortSpec, RestartPolicyName, RunSpecInput } from '../../dto/containers';
import { cli } from '../shell';

/** `-p` as the CLI writes it: [hostIp:][hostPort:]containerPort[/udp]. */
export function renderPort(port: PortSpec): string {
  const proto = port.protocol === 'udp' ? '/udp' : '';
  const host = port.hostPort === undefined ? '' : String(port.hostPort);
  if (port.hostIp) return `${port.hostIp}:${host}:${port.containerPort}${proto}`;
  return host ? `${host}:${port.containerPort}${proto}` : `${port.containerPort}${proto}`;
}

export function renderRestart(restart: { name: RestartPolicyName; maxRetries?: number | undefined }): string {
  return restart.name === 'on-failure' && restart.maxRetries ? `on-failure:${restart.maxRetries}` : restart.name;
}

/** A mount as `-v` / `--tmpfs` words; the service creates exactly these (Binds, Volumes, Tmpfs). */
export function renderMount(mount: MountSpec): string[] {
  if (mount.type === 'tmpfs') return ['--tmpfs', mount.size ? `${mount.target}:size=${mount.size}` : mount.target];
  const ro = mount.readOnly ? ':ro' : '';
  if (mount.type === 'volume' && !mount.source) return ['-v', `${mount.target}${ro}`];
  return ['-v', `${mount.source ?? ''}:${mount.target}${ro}`];
}

/** The `docker run` (or `docker create`) command a run spec stands for, word for word. */
export function runCommand(spec: RunSpecInput, options: { create?: boolean } = {}): string {
  const words: (string | false | undefined)[] = ['docker', options.create ? 'create' : 'run'];
  if (!options.create && (spec.detach ?? true)) words.push('-d');
  if (spec.interactive && spec.tty) words.push('-it');
  else {
    if (spec.interactive) words.push('-i');
    if (spec.tty) words.push('-t');
  }
  if (spec.autoRemove) words.push('--rm');
  if (spec.name) words.push('--name', spec.name);
  for (const port of spec.ports ?? []) words.push('-p', renderPort({ ...port, protocol: port.protocol ?? 'tcp' }));
  for (const file of spec.envFiles ?? []) words.push('--env-file', file);
  for (const env of spec.env ?? []) if (env.key) words.push('-e', `${env.key}=${env.value}`);
  for (const mount of spec.mounts ?? []) {
    words.push(...renderMount(mount.type === 'tmpfs' ? mount : { ...mount, readOnly: mount.readOnly ?? false }));
  }
  if (spec.readOnly) words.push('--read-only');
  if (spec.network) words.push('--network', spec.network);
  for (const alias of spec.networkAliases ?? []) words.push('--network-alias', alias);
  if (spec.hostname) words.push('--hostname', spec.hostname);
  if (spec.restart && spec.restart.name !== 'no') words.push('--restart', renderRestart(spec.restart));
  if (spec.user) words.push('--user', spec.user);
  if (spec.workdir) words.push('--workdir', spec.workdir);
  for (const label of spec.labels ?? []) if (label.key) words.push('--label', label.value === '' ? label.key : `${label.key}=${label.value}`);
  if (spec.memory) words.push('--memory', spec.memory);
  if (spec.memorySwap) words.push('--memory-swap', spec.memorySwap);
  if (spec.cpuShares !== undefined) words.push('--cpu-shares', String(spec.cpuShares));
  if (spec.cpus) words.push('--cpus', spec.cpus);
  if (spec.entrypoint !== undefined) words.push('--entrypoint', spec.entrypoint);
  words.push(spec.image || 'IMAGE', ...(spec.command ?? []));
  return cli(...words);
}
