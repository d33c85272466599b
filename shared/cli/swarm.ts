import type {
  InitRequestInput,
  KeyValue,
  NodeAvailability,
  NodeRole,
  ResourceSpec,
  ServiceChangesInput,
  ServiceFormInput,
  ServiceMount,
  ServicePort,
  UpdatePolicy,
} from '../dto/swarm';
import { cli, shellWords } from './shell';

// ---------------------------------------------------------------------------------------------
// docker swarm

export function swarmInitCommand(request: InitRequestInput): string {
  return cli(
    'docker',
    'swarm',
    'init',
    '--advertise-addr',
    request.advertiseAddr || '<address>',
    ...(request.listenAddr ? ['--listen-addr', request.listenAddr] : []),
    ...(request.defaultAddrPool ?? []).flatMap((pool) => ['--default-addr-pool', pool]),
    request.autolock === true && '--autolock',
  );
}

/** The join command a manager hands out (the port is 2377 unless the address says otherwise). */
export function swarmJoinCommand(request: { token: string; remoteAddr: string; advertiseAddr?: string | undefined; listenAddr?: string | undefined }): string {
  return cli(
    'docker',
    'swarm',
    'join',
    '--token',
    request.token || '<token>',
    ...(request.advertiseAddr ? ['--advertise-addr', request.advertiseAddr] : []),
    ...(request.listenAddr ? ['--listen-addr', request.listenAddr] : []),
    withPort(request.remoteAddr || '<manager-address>', 2377),
  );
}

/** `host` → `host:port`; an address with a port (or a bracketed IPv6 one with a port) stays. */
export function withPort(address: string, port: number): string {
  if (/^\[.*\]:\d+$/.test(address) || /^[^:]+:\d+$/.test(address)) return address;
  if (address.includes(':') && !address.startsWith('[')) return `[${address}]:${port}`;
  return `${address}:${port}`;
}

export function swarmLeaveCommand(force: boolean): string {
  return cli('docker', 'swarm', 'leave', force && '--force');
}

export function joinTokenCommand(role: NodeRole, rotate = false): string {
  return cli('docker', 'swarm', 'join-token', rotate && '--rotate', role);
}

export function unlockCommand(): string {
  return cli('docker', 'swarm', 'unlock');
}

export function unlockKeyCommand(): string {
  return cli('docker', 'swarm', 'unlock-key');
}

export function autolockCommand(enabled: boolean): string {
  return cli('docker', 'swarm', 'update', `--autolock=${String(enabled)}`);
}

// ---------------------------------------------------------------------------------------------
// docker node

export function nodeAvailabilityCommand(node: string, availability: NodeAvailability): string {
  return cli('docker', 'node', 'update', '--availability', availability, node);
}

/** Promote or demote: the CLI's own words for a role change. */
export function nodeRoleCommand(node: string, role: NodeRole): string {
  return cli('docker', 'node', role === 'manager' ? 'promote' : 'demote', node);
}

export function nodeLabelsCommand(node: string, add: Record<string, string>, remove: string[]): string {
  return cli(
    'docker',
    'node',
    'update',
    ...Object.entries(add).flatMap(([k, v]) => ['--label-add', v === '' ? k : `${k}=${v}`]),
    ...remove.flatMap((k) => ['--label-rm', k]),
    node,
  );
}

export function nodeRemoveCommand(node: string, force: boolean): string {
  return cli('docker', 'node', 'rm', force && '--force', node);
}

// ---------------------------------------------------------------------------------------------
// docker service

const DEFAULT_UPDATE: UpdatePolicy = { parallelism: 1, delay: '0s', failureAction: 'pause', monitor: '5s', maxFailureRatio: 0, order: 'stop-first' };

/** `--publish` in the long form the course uses: published=8080,target=80[,protocol=udp][,mode=host]. */
export function renderPublish(port: Partial<ServicePort> & { target: number }): string {
  return [
    ...(port.published === undefined ? [] : [`published=${port.published}`]),
    `target=${port.target}`,
    ...(port.protocol === 'udp' ? ['protocol=udp'] : []),
    ...(port.mode === 'host' ? ['mode=host'] : []),
  ].join(',');
}

export function renderMount(mount: Partial<ServiceMount> & Pick<ServiceMount, 'type' | 'target'>): string {
  return [`type=${mount.type}`, ...(mount.source ? [`source=${mount.source}`] : []), `target=${mount.target}`, ...(mount.readOnly ? ['readonly'] : [])].join(',');
}

const pair = (kv: KeyValue): string => (kv.value === '' ? kv.key : `${kv.key}=${kv.value}`);

function resourceFlags(kind: 'limit' | 'reserve', resources: ResourceSpec | undefined): string[] {
  return [
    ...(resources?.cpus ? [`--${kind}-cpu`, resources.cpus] : []),
    ...(resources?.memory ? [`--${kind}-memory`, resources.memory] : []),
  ];
}

/** --update-* (or --rollback-*) flags for what differs from the engine's defaults, or for every field given. */
function policyFlags(prefix: 'update' | 'rollback', policy: Partial<UpdatePolicy> | undefined, onlyChanges: boolean): string[] {
  const words: string[] = [];
  const given = (key: keyof UpdatePolicy): boolean => policy?.[key] !== undefined && (!onlyChanges || policy[key] !== DEFAULT_UPDATE[key]);
  if (given('parallelism')) words.push(`--${prefix}-parallelism`, String(policy?.parallelism));
  if (given('delay')) words.push(`--${prefix}-delay`, policy?.delay ?? '');
  if (given('failureAction')) words.push(`--${prefix}-failure-action`, policy?.failureAction ?? '');
  if (given('monitor')) words.push(`--${prefix}-monitor`, policy?.monitor ?? '');
  if (given('maxFailureRatio')) words.push(`--${prefix}-max-failure-ratio`, String(policy?.maxFailureRatio));
  if (given('order')) words.push(`--${prefix}-order`, policy?.order ?? '');
  return words;
}

/** The `docker service create` command a form stands for, word for word (defaults left out). */
export function serviceCreateCommand(form: ServiceFormInput): string {
  const restart = form.restart;
  return cli(
    'docker',
    'service',
    'create',
    '--name',
    form.name || '<name>',
    ...(form.mode === 'global' ? ['--mode', 'global'] : ['--replicas', String(form.replicas ?? 1)]),
    ...(form.publish ?? []).flatMap((p) => ['--publish', renderPublish(p)]),
    ...(form.env ?? []).filter((e) => e.key).flatMap((e) => ['--env', `${e.key}=${e.value}`]),
    ...(form.mounts ?? []).flatMap((m) => ['--mount', renderMount(m)]),
    ...(form.networks ?? []).flatMap((n) => ['--network', n]),
    ...(form.constraints ?? []).flatMap((c) => ['--constraint', c]),
    ...(form.placementPrefs ?? []).flatMap((p) => ['--placement-pref', p]),
    ...(form.maxReplicasPerNode ? ['--replicas-max-per-node', String(form.maxReplicasPerNode)] : []),
    ...resourceFlags('limit', form.limits),
    ...resourceFlags('reserve', form.reservations),
    ...(restart?.condition && restart.condition !== 'any' ? ['--restart-condition', restart.condition] : []),
    ...(restart?.delay && restart.delay !== '5s' ? ['--restart-delay', restart.delay] : []),
    ...(restart?.maxAttempts ? ['--restart-max-attempts', String(restart.maxAttempts)] : []),
    ...(restart?.window && restart.window !== '0s' ? ['--restart-window', restart.window] : []),
    ...policyFlags('update', form.update, true),
    ...policyFlags('rollback', form.rollback, true),
    ...(form.stopGracePeriod ? ['--stop-grace-period', form.stopGracePeriod] : []),
    ...(form.labels ?? []).filter((l) => l.key).flatMap((l) => ['--label', pair(l)]),
    form.image || '<image>',
    ...(form.command ?? []),
  );
}

export function serviceScaleCommand(name: string, replicas: number): string {
  return cli('docker', 'service', 'scale', `${name}=${replicas}`);
}

/** `docker service update`: the env list as --env-add/--env-rm against the current one. */
export function serviceUpdateCommand(name: string, changes: ServiceChangesInput, currentEnv: KeyValue[] = []): string {
  const env = changes.env;
  const added = env ? env.filter((e) => e.key && !currentEnv.some((c) => c.key === e.key && c.value === e.value)) : [];
  const removed = env ? currentEnv.filter((c) => !env.some((e) => e.key === c.key)) : [];
  return cli(
    'docker',
    'service',
    'update',
    ...(changes.image ? ['--image', changes.image] : []),
    ...added.flatMap((e) => ['--env-add', `${e.key}=${e.value}`]),
    ...removed.flatMap((e) => ['--env-rm', e.key]),
    ...(changes.replicas === undefined ? [] : ['--replicas', String(changes.replicas)]),
    ...resourceFlags('limit', changes.limits),
    ...resourceFlags('reserve', changes.reservations),
    ...policyFlags('update', changes.update, false),
    changes.force === true && '--force',
    name,
  );
}

export function serviceRollbackCommand(name: string): string {
  return cli('docker', 'service', 'rollback', name);
}

export function serviceRemoveCommand(name: string): string {
  return cli('docker', 'service', 'rm', name);
}

export function servicePsCommand(name: string): string {
  return cli('docker', 'service', 'ps', name);
}

export function serviceLogsCommand(name: string, options: { follow?: boolean; tail?: number } = {}): string {
  return cli('docker', 'service', 'logs', options.follow && '--follow', ...(options.tail === undefined ? [] : ['--tail', String(options.tail)]), name);
}

export function serviceListCommand(): string {
  return cli('docker', 'service', 'ls');
}

/** What the load-spread demonstration does, as a learner would type it on a manager. */
export function loadSpreadCommands(names: { network: string; service: string; port: number; image: string }): string[] {
  return [
    cli('docker', 'run', '--rm', '--network', names.network, names.image, 'nslookup', `tasks.${names.service}`),
    cli('docker', 'run', '--rm', '--network', names.network, names.image, 'wget', '-qO-', `http://tasks.${names.service}:${names.port}/`),
  ];
}

// ---------------------------------------------------------------------------------------------
// A pasted `docker service create`

export interface ParsedServiceCreate {
  form: ServiceFormInput;
  /** Flags Lotse does not fill: named, never silently dropped. */
  unknownFlags: string[];
  /** Problems with known flags (a bad --publish, a missing value). */
  problems: string[];
}

const BOOLEAN_FLAGS = new Set(['-d', '--detach', '-q', '--quiet', '--with-registry-auth', '--no-resolve-image', '--init', '-t', '--tty', '--read-only', '--no-healthcheck']);
/** The flags the form fills that take a value (besides --update-* and --rollback-*). */
const VALUE_FLAGS = new Set([
  '--name', '--replicas', '--mode', '-e', '--env', '-p', '--publish', '--mount', '--network', '--constraint', '--placement-pref',
  '--replicas-max-per-node', '--limit-cpu', '--limit-memory', '--reserve-cpu', '--reserve-memory', '--restart-condition', '--restart-delay',
  '--restart-max-attempts', '--restart-window', '--stop-grace-period', '-l', '--label',
]);
/** Flags outside the form that take a value: named as unknown, their value skipped. */
const OTHER_VALUE_FLAGS = new Set([
  '--config', '--secret', '--hostname', '--host', '--dns', '--dns-option', '--dns-search', '--endpoint-mode', '--entrypoint', '--env-file',
  '--generic-resource', '--group', '--health-cmd', '--health-interval', '--health-retries', '--health-start-period', '--health-timeout',
  '--isolation', '--log-driver', '--log-opt', '--stop-signal', '--sysctl', '--ulimit', '-u', '--user', '-w', '--workdir', '--cap-add',
  '--cap-drop', '--credential-spec', '--container-label', '--max-concurrent', '--pids-limit',
]);

/** `--publish 8080:80[/udp]` or the long form published=8080,target=80,protocol=udp,mode=host. */
export function parsePublish(text: string): ServicePort | undefined {
  const num = (s: string | undefined): number | undefined => (s && /^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? Number(s) : undefined);
  if (text.includes('=')) {
    const fields = new Map(text.split(',').map((part) => [part.split('=')[0]?.trim().toLowerCase() ?? '', part.slice(part.indexOf('=') + 1).trim()]));
    const target = num(fields.get('target'));
    const protocol = fields.get('protocol') ?? 'tcp';
    const mode = fields.get('mode') ?? 'ingress';
    if (target === undefined || (protocol !== 'tcp' && protocol !== 'udp') || (mode !== 'ingress' && mode !== 'host')) return undefined;
    const published = fields.has('published') ? num(fields.get('published')) : undefined;
    if (fields.has('published') && published === undefined) return undefined;
    return { ...(published === undefined ? {} : { published }), target, protocol, mode };
  }
  const [ports = '', protocol = 'tcp'] = text.split('/');
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  const parts = ports.split(':');
  if (parts.length > 2) return undefined;
  const target = num(parts[parts.length - 1]);
  const published = parts.length === 2 ? num(parts[0]) : undefined;
  if (target === undefined || (parts.length === 2 && published === undefined)) return undefined;
  return { ...(published === undefined ? {} : { published }), target, protocol, mode: 'ingress' };
}

/** `--mount type=volume,source=data,target=/data,readonly`. */
export function parseServiceMount(text: string): ServiceMount | undefined {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    fields.set((at < 0 ? part : part.slice(0, at)).trim().toLowerCase(), at < 0 ? '' : part.slice(at + 1));
  }
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  const type = fields.get('type') ?? 'volume';
  if (!target || (type !== 'volume' && type !== 'bind' && type !== 'tmpfs')) return undefined;
  const source = fields.get('source') ?? fields.get('src');
  const flag = fields.get('readonly') ?? fields.get('ro');
  return { type, ...(source ? { source } : {}), target, readOnly: flag !== undefined && flag !== 'false' && flag !== '0' };
}

function keyValue(text: string): KeyValue {
  const at = text.indexOf('=');
  return at < 0 ? { key: text, value: '' } : { key: text.slice(0, at), value: text.slice(at + 1) };
}

/**
 * Fills the service form from a pasted `docker service create …`: flags as the CLI reads them (a
 * value flag takes the next word, or what follows `=`), the first word that is no flag is the
 * image, everything after it the command.
 */
export function parseServiceCreate(text: string): ParsedServiceCreate {
  const words = shellWords(text.trim());
  const problems: string[] = [];
  const unknownFlags: string[] = [];
  let i = 0;
  if (words[i] === 'docker') i++;
  if (words[i] !== 'service' || words[i + 1] !== 'create') {
    return { form: { name: '', image: '' }, unknownFlags, problems: ['Expected `docker service create …`.'] };
  }
  i += 2;
  const form: ServiceFormInput = { name: '', image: '' };
  const update: Partial<UpdatePolicy> = {};
  const rollback: Partial<UpdatePolicy> = {};
  const restart: NonNullable<ServiceFormInput['restart']> = {};
  const limits: ResourceSpec = {};
  const reservations: ResourceSpec = {};
  const whole = (flag: string, value: string): number | undefined => {
    if (/^\d+$/.test(value)) return Number(value);
    problems.push(`${flag} ${value}: a whole number is expected.`);
    return undefined;
  };
  const policy = (target: Partial<UpdatePolicy>, flag: string, field: string, value: string): void => {
    switch (field) {
      case 'parallelism': {
        const n = whole(flag, value);
        if (n !== undefined) target.parallelism = n;
        break;
      }
      case 'delay':
        target.delay = value;
        break;
      case 'monitor':
        target.monitor = value;
        break;
      case 'failure-action':
        if (value === 'pause' || value === 'continue' || value === 'rollback') target.failureAction = value;
        else problems.push(`${flag} ${value}: one of pause, continue, rollback.`);
        break;
      case 'max-failure-ratio':
        if (/^(0(\.\d+)?|1(\.0+)?)$/.test(value)) target.maxFailureRatio = Number(value);
        else problems.push(`${flag} ${value}: a ratio from 0 to 1.`);
        break;
      case 'order':
        if (value === 'stop-first' || value === 'start-first') target.order = value;
        else problems.push(`${flag} ${value}: stop-first or start-first.`);
        break;
      default:
        unknownFlags.push(flag);
    }
  };

  const apply = (flag: string, value: string): boolean => {
    const push = <K extends 'env' | 'publish' | 'mounts' | 'networks' | 'constraints' | 'placementPrefs' | 'labels'>(key: K, item: NonNullable<ServiceFormInput[K]>[number]): void => {
      form[key] = [...((form[key] ?? []) as NonNullable<ServiceFormInput[K]>[number][]), item] as ServiceFormInput[K];
    };
    const policyMatch = /^--(update|rollback)-(.+)$/.exec(flag);
    if (policyMatch) {
      policy(policyMatch[1] === 'update' ? update : rollback, flag, policyMatch[2] ?? '', value);
      return true;
    }
    switch (flag) {
      case '--name':
        form.name = value;
        return true;
      case '--replicas': {
        const n = whole(flag, value);
        if (n !== undefined) form.replicas = n;
        return true;
      }
      case '--mode':
        if (value === 'replicated' || value === 'global') form.mode = value;
        else problems.push(`--mode ${value}: replicated or global (jobs are not part of the course).`);
        return true;
      case '-e':
      case '--env':
        push('env', keyValue(value));
        return true;
      case '-p':
      case '--publish': {
        const port = parsePublish(value);
        if (port) push('publish', port);
        else problems.push(`${flag} ${value}: not a port (published=8080,target=80 or 8080:80).`);
        return true;
      }
      case '--mount': {
        const mount = parseServiceMount(value);
        if (mount) push('mounts', mount);
        else problems.push(`--mount ${value}: needs type=volume|bind|tmpfs and a target.`);
        return true;
      }
      case '--network':
        push('networks', value.includes('=') ? (/(?:^|,)name=([^,]+)/.exec(value)?.[1] ?? value) : value);
        return true;
      case '--constraint':
        push('constraints', value);
        return true;
      case '--placement-pref':
        push('placementPrefs', value);
        return true;
      case '--replicas-max-per-node': {
        const n = whole(flag, value);
        if (n !== undefined) form.maxReplicasPerNode = n;
        return true;
      }
      case '--limit-cpu':
        limits.cpus = value;
        return true;
      case '--limit-memory':
        limits.memory = value;
        return true;
      case '--reserve-cpu':
        reservations.cpus = value;
        return true;
      case '--reserve-memory':
        reservations.memory = value;
        return true;
      case '--restart-condition':
        if (value === 'none' || value === 'on-failure' || value === 'any') restart.condition = value;
        else problems.push(`--restart-condition ${value}: none, on-failure or any.`);
        return true;
      case '--restart-delay':
        restart.delay = value;
        return true;
      case '--restart-max-attempts': {
        const n = whole(flag, value);
        if (n !== undefined) restart.maxAttempts = n;
        return true;
      }
      case '--restart-window':
        restart.window = value;
        return true;
      case '--stop-grace-period':
        form.stopGracePeriod = value;
        return true;
      case '-l':
      case '--label':
        push('labels', keyValue(value));
        return true;
      default:
        return false;
    }
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
    if (BOOLEAN_FLAGS.has(name)) continue;
    const value = inline ?? words[i + 1];
    if (value !== undefined && apply(name, value)) {
      if (inline === undefined) i++;
      continue;
    }
    // A short flag glued to its value: -p8080:80.
    if (/^-[epl]./.test(word) && apply(word.slice(0, 2), word.slice(2))) continue;
    if (value === undefined && (VALUE_FLAGS.has(name) || /^--(update|rollback)-/.test(name))) {
      problems.push(`${name} needs a value.`);
      continue;
    }
    unknownFlags.push(name);
    if (inline === undefined && OTHER_VALUE_FLAGS.has(name)) i++;
  }
  form.image = words[i] ?? '';
  if (!form.image) problems.push('No image given: the image comes after the options.');
  const command = words.slice(i + 1);
  if (command.length) form.command = command;
  if (Object.keys(update).length) form.update = { ...DEFAULT_UPDATE, ...update };
  if (Object.keys(rollback).length) form.rollback = { ...DEFAULT_UPDATE, ...rollback };
  if (Object.keys(restart).length) form.restart = restart;
  if (Object.keys(limits).length) form.limits = limits;
  if (Object.keys(reservations).length) form.reservations = reservations;
  return { form, unknownFlags, problems };
}
