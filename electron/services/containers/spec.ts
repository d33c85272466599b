import type { ContainerCreateOptions } from 'dockerode';

import { renderRestart } from '@shared/cli/containers/render';
import type { FieldIssue, RunSpec } from '@shared/dto/containers';
import { parseBytes } from '@shared/rules/sizes';

/** The engine refuses less (daemon/daemon_unix.go: linuxMinMemory). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Problems that need no engine: formats, ranges, combinations the CLI or engine would refuse. */
export function specIssues(spec: RunSpec, engineCpus: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (issue: FieldIssue): void => void issues.push(issue);
  if (spec.name !== undefined && spec.name !== '' && !NAME_PATTERN.test(spec.name)) {
    add({ field: 'name', code: 'nameInvalid', params: { name: spec.name }, message: `"${spec.name}" is not a valid container name.`, hint: 'Use letters, digits, _ . - (at least two characters, starting with a letter or digit).' });
  }
  if (spec.autoRemove && spec.restart.name !== 'no') {
    add({ field: 'restart', code: 'restartWithRm', params: {}, message: '--rm and a restart policy contradict each other.', hint: 'A container that is removed when it stops cannot be restarted: choose one.' });
  }
  const seen = new Map<string, number>();
  spec.ports.forEach((port, index) => {
    if (port.hostPort === undefined) return;
    const key = `${port.hostIp ?? '0.0.0.0'}:${port.hostPort}/${port.protocol}`;
    if (seen.has(key)) add({ field: 'ports', index, code: 'portTwice', params: { port: port.hostPort, protocol: port.protocol }, message: `Host port ${port.hostPort}/${port.protocol} is published twice.`, hint: 'Each host port can forward to one container port only.' });
    seen.set(key, index);
  });
  spec.env.forEach((env, index) => {
    if (!/^[^=\s]+$/.test(env.key)) add({ field: 'env', index, code: 'envNameInvalid', params: { name: env.key }, message: `"${env.key}" is not a variable name.`, hint: 'A name has no spaces and no = sign.' });
  });
  spec.mounts.forEach((mount, index) => {
    if (!mount.target.startsWith('/')) add({ field: 'mounts', index, code: 'targetRelative', params: { target: mount.target }, message: `The target "${mount.target}" is not an absolute path.`, hint: 'Paths inside the container start with /.' });
    if (mount.type === 'bind' && !mount.source.startsWith('/')) add({ field: 'mounts', index, code: 'bindRelative', params: { path: mount.source }, message: `The host path "${mount.source}" is not absolute.`, hint: 'Give the full path on your machine, starting with /.' });
    if (mount.type === 'volume' && mount.source !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(mount.source)) {
      add({ field: 'mounts', index, code: 'volumeNameInvalid', params: { name: mount.source }, message: `"${mount.source}" is not a valid volume name.`, hint: 'Letters, digits, _ . - only.' });
    }
    if (mount.type === 'tmpfs' && mount.size !== undefined && parseBytes(mount.size) === undefined) {
      add({ field: 'mounts', index, code: 'tmpfsSizeInvalid', params: { value: mount.size }, message: `"${mount.size}" is not a size.`, hint: 'Write a number with k, m or g: 64m.' });
    }
  });
  if (spec.networkAliases.length && (!spec.network || ['bridge', 'host', 'none', 'default'].includes(spec.network))) {
    add({ field: 'networkAliases', code: 'aliasesNeedNetwork', params: {}, message: 'Network aliases work only on a user-defined network.', hint: 'Create a network (docker network create) and choose it.' });
  }
  if (spec.hostname && !/^[a-zA-Z0-9]([a-zA-Z0-9-.]{0,252})$/.test(spec.hostname)) {
    add({ field: 'hostname', code: 'hostnameInvalid', params: { name: spec.hostname }, message: `"${spec.hostname}" is not a valid host name.`, hint: 'Letters, digits, - and . only.' });
  }
  if (spec.workdir && !spec.workdir.startsWith('/')) {
    add({ field: 'workdir', code: 'workdirRelative', params: { path: spec.workdir }, message: `The working directory "${spec.workdir}" is not an absolute path.`, hint: 'Start it with /, e.g. /app.' });
  }
  spec.labels.forEach((label, index) => {
    if (!label.key) add({ field: 'labels', index, code: 'labelKeyMissing', params: {}, message: 'A label needs a key.' });
  });
  const memory = spec.memory ? parseBytes(spec.memory) : undefined;
  if (spec.memory && memory === undefined) {
    add({ field: 'memory', code: 'memoryInvalid', params: { value: spec.memory }, message: `"${spec.memory}" is not a memory size.`, hint: 'Write a number with b, k, m or g: 256m, 1g.' });
  } else if (memory !== undefined && memory < MIN_MEMORY_BYTES) {
    add({ field: 'memory', code: 'memoryMinimum', params: { value: spec.memory ?? '' }, message: `${spec.memory} is below the engine's minimum of 6 MiB.`, hint: 'Give at least 6m.' });
  }
  if (spec.memorySwap && spec.memorySwap !== '-1') {
    const swap = parseBytes(spec.memorySwap);
    if (swap === undefined) {
      add({ field: 'memorySwap', code: 'swapInvalid', params: { value: spec.memorySwap }, message: `"${spec.memorySwap}" is not a memory size.`, hint: 'Write a number with b, k, m or g, or -1 for unlimited swap.' });
    } else if (!spec.memory) {
      add({ field: 'memorySwap', code: 'swapNeedsMemory', params: {}, message: '--memory-swap needs --memory.', hint: 'memory-swap is memory plus swap together: set the memory limit too.' });
    } else if (memory !== undefined && swap < memory) {
      add({ field: 'memorySwap', code: 'swapBelowMemory', params: { swap: spec.memorySwap, memory: spec.memory ?? '' }, message: `memory-swap (${spec.memorySwap}) is lower than memory (${spec.memory}).`, hint: 'memory-swap counts memory plus swap: it must be at least as large as memory.' });
    }
  } else if (spec.memorySwap === '-1' && !spec.memory) {
    add({ field: 'memorySwap', code: 'swapNeedsMemory', params: {}, message: '--memory-swap needs --memory.', hint: 'Set the memory limit too.' });
  }
  if (spec.cpuShares !== undefined && spec.cpuShares !== 0 && spec.cpuShares < 2) {
    add({ field: 'cpuShares', code: 'cpuSharesMinimum', params: {}, message: 'cpu-shares is at least 2.', hint: '1024 is the default weight; 512 gets half as much CPU when CPUs are busy.' });
  }
  if (spec.cpus) {
    const cpus = Number(spec.cpus);
    if (!/^\d+(\.\d+)?$/.test(spec.cpus) || cpus <= 0) {
      add({ field: 'cpus', code: 'cpusInvalid', params: { value: spec.cpus }, message: `"${spec.cpus}" is not a number of CPUs.`, hint: 'Write a number such as 0.5 or 1.5.' });
    } else if (engineCpus > 0 && cpus > engineCpus) {
      add({ field: 'cpus', code: 'cpusTooMany', params: { cpus: engineCpus }, message: `The engine has only ${engineCpus} CPUs.`, hint: `Choose a value from 0.01 to ${engineCpus}.` });
    }
  }
  return issues;
}

/** Lines of an env file as `docker run --env-file` reads them (opts/file.go). */
export function parseEnvFile(text: string, environment: Record<string, string | undefined>): string[] {
  const env: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at >= 0) env.push(line);
    else {
      const key = line.trim();
      const value = environment[key];
      if (value !== undefined) env.push(`${key}=${value}`);
    }
  }
  return env;
}

/** The create body the docker CLI sends for the same flags (so both containers inspect alike). */
export function toCreateOptions(spec: RunSpec, envFromFiles: string[]): ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of spec.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) });
  }
  const binds: string[] = [];
  const anonymous: Record<string, object> = {};
  const tmpfs: Record<string, string> = {};
  for (const mount of spec.mounts) {
    if (mount.type === 'tmpfs') tmpfs[mount.target] = mount.size ? `size=${mount.size}` : '';
    else if (mount.type === 'volume' && !mount.source) anonymous[mount.target] = {};
    else binds.push(`${mount.source ?? ''}:${mount.target}${mount.readOnly ? ':ro' : ''}`);
  }
  const memory = spec.memory ? (parseBytes(spec.memory) ?? 0) : 0;
  const swap = spec.memorySwap === '-1' ? -1 : spec.memorySwap ? (parseBytes(spec.memorySwap) ?? 0) : 0;
  const labels = Object.fromEntries(spec.labels.map((l) => [l.key, l.value]));
  const env = [...envFromFiles, ...spec.env.map((e) => `${e.key}=${e.value}`)];
  const [policy = 'no', retries] = renderRestart(spec.restart).split(':');
  const attach = !spec.detach;
  return {
    Image: spec.image,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.command.length ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint !== undefined ? { Entrypoint: [spec.entrypoint] } : {}),
    ...(env.length ? { Env: env } : {}),
    ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
    ...(Object.keys(anonymous).length ? { Volumes: anonymous } : {}),
    ...(spec.hostname ? { Hostname: spec.hostname } : {}),
    ...(spec.user ? { User: spec.user } : {}),
    ...(spec.workdir ? { WorkingDir: spec.workdir } : {}),
    Labels: labels,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    StdinOnce: spec.interactive && attach,
    AttachStdin: spec.interactive && attach,
    AttachStdout: attach,
    AttachStderr: attach,
    HostConfig: {
      ...(binds.length ? { Binds: binds } : {}),
      ...(Object.keys(tmpfs).length ? { Tmpfs: tmpfs } : {}),
      PortBindings: bindings,
      AutoRemove: spec.autoRemove,
      ReadonlyRootfs: spec.readOnly,
      RestartPolicy: { Name: policy, MaximumRetryCount: retries ? Number(retries) : 0 },
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      ...(memory ? { Memory: memory } : {}),
      ...(swap ? { MemorySwap: swap } : {}),
      ...(spec.cpuShares !== undefined ? { CpuShares: spec.cpuShares } : {}),
      ...(spec.cpus ? { NanoCpus: Math.round(Number(spec.cpus) * 1e9) } : {}),
    },
    ...(spec.network && spec.networkAliases.length
      ? { NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.networkAliases } } } }
      : {}),
  };
}
