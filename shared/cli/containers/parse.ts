import type { KeyValue, MountSpec, PortSpec, RunSpecInput } from '../../dto/containers';
import { shellWords } from '../shell';

export interface ParsedRun {
  spec: RunSpecInput;
  create: boolean;
  /** Flags Lotse does not know: named, never silently dropped. */
  unknownFlags: string[];
  /** Problems with known flags (a bad -p, a missing value). */
  problems: string[];
}

type FlagName =
  | 'detach'
  | 'interactive'
  | 'tty'
  | 'rm'
  | 'name'
  | 'publish'
  | 'env'
  | 'envFile'
  | 'volume'
  | 'mount'
  | 'tmpfs'
  | 'readOnly'
  | 'network'
  | 'networkAlias'
  | 'hostname'
  | 'restart'
  | 'user'
  | 'workdir'
  | 'label'
  | 'memory'
  | 'memorySwap'
  | 'cpuShares'
  | 'cpus'
  | 'entrypoint';

const booleanFlags: Record<string, FlagName> = {
  '-d': 'detach',
  '--detach': 'detach',
  '-i': 'interactive',
  '--interactive': 'interactive',
  '-t': 'tty',
  '--tty': 'tty',
  '--rm': 'rm',
  '--read-only': 'readOnly',
};

const valueFlags: Record<string, FlagName> = {
  '--name': 'name',
  '-p': 'publish',
  '--publish': 'publish',
  '-e': 'env',
  '--env': 'env',
  '--env-file': 'envFile',
  '-v': 'volume',
  '--volume': 'volume',
  '--mount': 'mount',
  '--tmpfs': 'tmpfs',
  '--network': 'network',
  '--net': 'network',
  '--network-alias': 'networkAlias',
  '--net-alias': 'networkAlias',
  '-h': 'hostname',
  '--hostname': 'hostname',
  '--restart': 'restart',
  '-u': 'user',
  '--user': 'user',
  '-w': 'workdir',
  '--workdir': 'workdir',
  '-l': 'label',
  '--label': 'label',
  '-m': 'memory',
  '--memory': 'memory',
  '--memory-swap': 'memorySwap',
  '-c': 'cpuShares',
  '--cpu-shares': 'cpuShares',
  '--cpus': 'cpus',
  '--entrypoint': 'entrypoint',
};

/** docker run flags outside the course that take a value: named as unknown, their value skipped. */
const otherValueFlags = new Set([
  '-a', '--attach', '--add-host', '--blkio-weight', '--cap-add', '--cap-drop', '--cgroup-parent', '--cgroupns', '--cidfile',
  '--cpu-period', '--cpu-quota', '--cpu-rt-period', '--cpu-rt-runtime', '--cpuset-cpus', '--cpuset-mems', '--device',
  '--device-cgroup-rule', '--dns', '--dns-option', '--dns-search', '--domainname', '--expose', '--gpus', '--group-add',
  '--health-cmd', '--health-interval', '--health-retries', '--health-start-period', '--health-timeout', '--ip', '--ip6',
  '--ipc', '--isolation', '--kernel-memory', '--label-file', '--link', '--log-driver', '--log-opt', '--mac-address',
  '--memory-reservation', '--memory-swappiness', '--pid', '--pids-limit', '--platform', '--pull', '--runtime',
  '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--ulimit',
  '--userns', '--uts', '--volume-driver', '--volumes-from',
]);

/** Parses `-p` the way the CLI does; undefined when it is not a port mapping. */
export function parsePort(text: string): PortSpec | undefined {
  const [address = '', proto = 'tcp'] = text.split('/');
  if (proto !== 'tcp' && proto !== 'udp') return undefined;
  let hostIp: string | undefined;
  let rest = address;
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(address);
  if (ipv6) {
    hostIp = ipv6[1];
    rest = ipv6[2] ?? '';
  }
  const parts = rest.split(':');
  if (!ipv6 && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2) return undefined;
  const containerText = parts.pop() ?? '';
  const hostText = parts.pop();
  const num = (s: string): number | undefined => (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? Number(s) : undefined);
  const containerPort = num(containerText);
  if (containerPort === undefined) return undefined;
  const hostPort = hostText ? num(hostText) : undefined;
  if (hostText && hostPort === undefined) return undefined;
  return {
    ...(hostIp ? { hostIp } : {}),
    ...(hostPort === undefined ? {} : { hostPort }),
    containerPort,
    protocol: proto,
  };
}

/** `-v SRC:DST[:ro]`: a path source is a bind mount, a name a volume, no source an anonymous volume. */
export function parseVolume(text: string): MountSpec | undefined {
  const parts = text.split(':');
  let readOnly = false;
  if (parts.length > 1 && /^(ro|rw|z|Z|ro,z|ro,Z)$/.test(parts[parts.length - 1] ?? '')) {
    readOnly = (parts.pop() ?? '').startsWith('ro');
  }
  if (parts.length === 1) return parts[0]?.startsWith('/') ? { type: 'volume', target: parts[0], readOnly } : undefined;
  if (parts.length !== 2) return undefined;
  const [source = '', target = ''] = parts;
  if (!target.startsWith('/') || !source) return undefined;
  const isPath = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
  return isPath ? { type: 'bind', source, target, readOnly } : { type: 'volume', source, target, readOnly };
}

/** `--mount type=bind,source=...,target=...,readonly` and friends. */
export function parseMountFlag(text: string): MountSpec | undefined {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const [key = '', ...value] = part.split('=');
    fields.set(key.trim().toLowerCase(), value.join('='));
  }
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? fields.get('dest');
  if (!target) return undefined;
  const source = fields.get('source') ?? fields.get('src');
  const ro = fields.has('readonly') || fields.has('ro');
  const readOnly = ro && !['false', '0'].includes(fields.get('readonly') ?? fields.get('ro') ?? '');
  switch (fields.get('type') ?? 'volume') {
    case 'bind':
      return source ? { type: 'bind', source, target, readOnly } : undefined;
    case 'volume':
      return source ? { type: 'volume', source, target, readOnly } : { type: 'volume', target, readOnly };
    case 'tmpfs': {
      const size = fields.get('tmpfs-size');
      return size ? { type: 'tmpfs', target, size } : { type: 'tmpfs', target };
    }
    default:
      return undefined;
  }
}

function keyValue(text: string): KeyValue {
  const at = text.indexOf('=');
  return at < 0 ? { key: text, value: '' } : { key: text.slice(0, at), value: text.slice(at + 1) };
}

/**
 * Fills a run spec from a pasted `docker run ...` / `docker create ...` command. Flags are read as
 * the docker CLI reads them: a value flag takes the next word even when it starts with `-`
 * (`--memory-swap -1`), a short value flag takes the rest of its group (`-p8080:80`, `-dit`),
 * a boolean takes a value only after `=` (`--rm=false`), and the first word that is no flag is
 * the image: everything after it is the command, word for word.
 */
export function parseRunCommand(text: string): ParsedRun {
  const words = shellWords(text.trim());
  const problems: string[] = [];
  const unknownFlags: string[] = [];
  let i = 0;
  if (words[i] === 'docker') i++;
  if (words[i] === 'container') i++;
  const verb = words[i];
  if (verb !== 'run' && verb !== 'create') {
    return { spec: { image: '' }, create: false, unknownFlags, problems: ['Expected `docker run …` or `docker create …`.'] };
  }
  const create = verb === 'create';
  i++;
  const spec: RunSpecInput = { image: '', detach: create };
  const push = <T>(list: T[] | undefined, item: T): T[] => [...(list ?? []), item];

  const apply = (flag: FlagName, value: string, raw: string): void => {
    switch (flag) {
      case 'name':
        spec.name = value;
        break;
      case 'publish': {
        const port = parsePort(value);
        if (port) spec.ports = push(spec.ports, port);
        else problems.push(`${raw} ${value}: not a port mapping ([IP:]HOSTPORT:CONTAINERPORT[/udp]).`);
        break;
      }
      case 'env':
        if (!value.includes('=')) problems.push(`${raw} ${value}: without =VALUE the CLI takes the value from your shell; Lotse sets it empty.`);
        spec.env = push(spec.env, keyValue(value));
        break;
      case 'envFile':
        spec.envFiles = push(spec.envFiles, value);
        break;
      case 'volume': {
        const mount = parseVolume(value);
        if (mount) spec.mounts = push(spec.mounts, mount);
        else problems.push(`${raw} ${value}: not a volume or bind mount (SOURCE:/TARGET[:ro]).`);
        break;
      }
      case 'mount': {
        const mount = parseMountFlag(value);
        if (mount) spec.mounts = push(spec.mounts, mount);
        else problems.push(`${raw} ${value}: needs type=bind|volume|tmpfs and a target.`);
        break;
      }
      case 'tmpfs': {
        const [target = '', options = ''] = value.split(/:(.*)/s);
        const size = /(?:^|,)size=([^,]+)/.exec(options)?.[1];
        spec.mounts = push(spec.mounts, size ? { type: 'tmpfs', target, size } : { type: 'tmpfs', target });
        break;
      }
      case 'network':
        spec.network = value;
        break;
      case 'networkAlias':
        spec.networkAliases = push(spec.networkAliases, value);
        break;
      case 'hostname':
        spec.hostname = value;
        break;
      case 'restart': {
        const [name = '', retries] = value.split(':');
        if (name === 'no' || name === 'always' || name === 'unless-stopped' || name === 'on-failure') {
          spec.restart = retries && /^\d+$/.test(retries) ? { name, maxRetries: Number(retries) } : { name };
        } else problems.push(`${raw} ${value}: the restart policy is one of no, always, unless-stopped, on-failure[:N].`);
        break;
      }
      case 'user':
        spec.user = value;
        break;
      case 'workdir':
        spec.workdir = value;
        break;
      case 'label':
        spec.labels = push(spec.labels, keyValue(value));
        break;
      case 'memory':
        spec.memory = value;
        break;
      case 'memorySwap':
        spec.memorySwap = value;
        break;
      case 'cpuShares':
        if (/^\d+$/.test(value)) spec.cpuShares = Number(value);
        else problems.push(`${raw} ${value}: cpu-shares is a whole number (1024 is the default weight).`);
        break;
      case 'cpus':
        spec.cpus = value;
        break;
      case 'entrypoint':
        spec.entrypoint = value;
        break;
      default:
        break;
    }
  };

  const setBoolean = (flag: FlagName, on: boolean): void => {
    if (flag === 'detach') spec.detach = on;
    else if (flag === 'interactive') spec.interactive = on;
    else if (flag === 'tty') spec.tty = on;
    else if (flag === 'rm') spec.autoRemove = on;
    else if (flag === 'readOnly') spec.readOnly = on;
  };

  for (; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : word;
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    const bool = booleanFlags[name];
    if (bool) {
      setBoolean(bool, inline === undefined || inline === 'true');
      continue;
    }
    const valued = valueFlags[name];
    if (valued) {
      const value = inline ?? words[++i];
      if (value === undefined) problems.push(`${name} needs a value.`);
      else apply(valued, value, name);
      continue;
    }
    // Short flags glued together (-dit) or a short flag glued to its value (-p8080:80).
    if (/^-[a-zA-Z]./.test(word) && !word.startsWith('--')) {
      const letters = word.slice(1);
      let handled = true;
      for (let k = 0; k < letters.length; k++) {
        const short = `-${letters[k] ?? ''}`;
        const b = booleanFlags[short];
        const v = valueFlags[short];
        if (b) setBoolean(b, true);
        else if (v) {
          const rest = letters.slice(k + 1);
          const value = rest || words[++i];
          if (value === undefined) problems.push(`${short} needs a value.`);
          else apply(v, value, short);
          break;
        } else {
          handled = false;
          break;
        }
      }
      if (handled) continue;
    }
    unknownFlags.push(name);
    // Skip the value of flags Lotse does not fill but knows to take one, so the image is still found.
    if (inline === undefined && otherValueFlags.has(name)) i++;
  }
  spec.image = words[i] ?? '';
  if (!spec.image) problems.push('No image given: the image comes after the options.');
  const command = words.slice(i + 1);
  if (command.length) spec.command = command;
  return { spec, create, unknownFlags, problems };
}
