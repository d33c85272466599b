import type { ServiceFormInput } from '../dto/swarm';
import { parseBytes } from './sizes';

/**
 * What `docker service create` and `update` would refuse, checked before the engine sees it: the
 * formats of durations, CPUs and sizes, placement constraints, mounts, ports. Each problem names
 * its field (and row) and a code the UI says in the learner's language (swarm:issues.<code>).
 */

const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration as the CLI takes it (10s, 1m30s, 500ms, 1.5h) in nanoseconds; undefined when it is none. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  if (!/^(?:\d+(?:\.\d+)?(?:ns|us|µs|μs|ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const part of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * (UNITS[part[2] ?? 's'] ?? 1);
  return Math.round(total);
}

/** Nanoseconds as Go writes a duration: 0s, 500ms, 10s, 1m30s, 1h0m0s. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1e9) {
    if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
    if (ns % 1e3 === 0) return `${ns / 1e3}µs`;
    return `${ns}ns`;
  }
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const seconds = (ns % 60e9) / 1e9;
  const s = `${Number(seconds.toFixed(9))}s`;
  if (hours) return `${hours}h${minutes}m${s}`;
  if (minutes) return `${minutes}m${s}`;
  return s;
}

/** CPUs as typed (0.5, 2) in NanoCPUs; undefined when it is not a positive number. */
export function parseCpus(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+(?:\.\d{1,9})?$/.test(t) || Number(t) <= 0) return undefined;
  return Math.round(Number(t) * 1e9);
}

/** NanoCPUs as the CLI writes them (0.5). */
export function formatCpus(nano: number): string {
  return String(Number((nano / 1e9).toFixed(9)));
}

/** Bytes as the CLI shows a memory limit it was given: the largest binary unit that divides it (256MiB → 256m). */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}b`;
}

/** A placement constraint: `node.labels.zone==a`, `node.role!=manager`. */
export interface Constraint {
  key: string;
  operator: '==' | '!=';
  value: string;
}

/** The keys swarmkit's constraint filter knows; labels take any name after their prefix. */
const CONSTRAINT_KEYS = new Set(['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch', 'node.ip']);

export function parseConstraint(text: string): Constraint | undefined {
  const match = /^([\w.-]+)\s*(==|!=)\s*(.+)$/.exec(text.trim());
  if (!match) return undefined;
  return { key: (match[1] ?? '').toLowerCase(), operator: match[2] as '==' | '!=', value: (match[3] ?? '').trim() };
}

export function isConstraintKey(key: string): boolean {
  return CONSTRAINT_KEYS.has(key) || /^(node|engine)\.labels\.[^\s]+$/.test(key);
}

/** The fields of the service form a problem belongs to. */
export type ServiceField =
  | 'name'
  | 'image'
  | 'replicas'
  | 'env'
  | 'publish'
  | 'mounts'
  | 'networks'
  | 'constraints'
  | 'placementPrefs'
  | 'limits'
  | 'reservations'
  | 'restart'
  | 'update'
  | 'rollback'
  | 'stopGracePeriod'
  | 'labels';

export interface ServiceIssue {
  field: ServiceField;
  /** The row of a list field, or the part of a group (delay, monitor, cpus, memory). */
  index?: number;
  part?: string;
  code: string;
  params?: Record<string, string | number>;
}

/** What the checks may know about the swarm: names in use and the networks there are. */
export interface ServiceContext {
  serviceNames?: string[];
  networks?: { id: string; name: string; driver: string; scope: string }[];
}

/** Every problem of a service form, before the engine sees it. */
export function serviceFormIssues(form: ServiceFormInput, context: ServiceContext = {}): ServiceIssue[] {
  const issues: ServiceIssue[] = [];
  const add = (issue: ServiceIssue): void => void issues.push(issue);
  if (context.serviceNames?.includes(form.name)) add({ field: 'name', code: 'nameInUse', params: { name: form.name } });
  (form.env ?? []).forEach((env, index) => {
    if (!/^[^=\s]+$/.test(env.key)) add({ field: 'env', index, code: 'envNameInvalid', params: { name: env.key } });
  });
  const published = new Map<string, number>();
  (form.publish ?? []).forEach((port, index) => {
    if (port.published === undefined) return;
    const key = `${port.published}/${port.protocol ?? 'tcp'}`;
    if (published.has(key)) add({ field: 'publish', index, code: 'portTwice', params: { port: port.published } });
    published.set(key, index);
  });
  (form.mounts ?? []).forEach((mount, index) => {
    if (!mount.target.startsWith('/')) add({ field: 'mounts', index, code: 'targetRelative', params: { target: mount.target } });
    if (mount.type === 'bind' && !mount.source) add({ field: 'mounts', index, code: 'bindSourceMissing' });
    else if (mount.type === 'bind' && !mount.source?.startsWith('/')) add({ field: 'mounts', index, code: 'bindRelative', params: { path: mount.source ?? '' } });
    if (mount.type === 'volume' && mount.source && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(mount.source)) {
      add({ field: 'mounts', index, code: 'volumeNameInvalid', params: { name: mount.source } });
    }
    if (mount.type === 'tmpfs' && mount.source) add({ field: 'mounts', index, code: 'tmpfsSource' });
  });
  (form.networks ?? []).forEach((ref, index) => {
    if (!context.networks) return;
    const network = context.networks.find((n) => n.name === ref || n.id === ref || (ref.length >= 3 && n.id.startsWith(ref)));
    if (!network) add({ field: 'networks', index, code: 'networkMissing', params: { name: ref } });
    else if (network.scope !== 'swarm') add({ field: 'networks', index, code: 'networkNotSwarm', params: { name: network.name, driver: network.driver } });
  });
  (form.constraints ?? []).forEach((text, index) => {
    const constraint = parseConstraint(text);
    if (!constraint) add({ field: 'constraints', index, code: 'constraintSyntax', params: { text } });
    else if (!isConstraintKey(constraint.key)) add({ field: 'constraints', index, code: 'constraintKey', params: { key: constraint.key } });
  });
  (form.placementPrefs ?? []).forEach((text, index) => {
    if (!/^spread=(node|engine)\.labels\.\S+$/.test(text)) add({ field: 'placementPrefs', index, code: 'preferenceSyntax', params: { text } });
  });
  for (const field of ['limits', 'reservations'] as const) {
    const resources = form[field] ?? {};
    if (resources.cpus && parseCpus(resources.cpus) === undefined) add({ field, part: 'cpus', code: 'cpusInvalid', params: { value: resources.cpus } });
    if (resources.memory && parseBytes(resources.memory) === undefined) add({ field, part: 'memory', code: 'memoryInvalid', params: { value: resources.memory } });
  }
  const limitCpus = form.limits?.cpus ? parseCpus(form.limits.cpus) : undefined;
  const reserveCpus = form.reservations?.cpus ? parseCpus(form.reservations.cpus) : undefined;
  if (limitCpus !== undefined && reserveCpus !== undefined && reserveCpus > limitCpus) add({ field: 'reservations', part: 'cpus', code: 'reservationAboveLimit' });
  const limitMemory = form.limits?.memory ? parseBytes(form.limits.memory) : undefined;
  const reserveMemory = form.reservations?.memory ? parseBytes(form.reservations.memory) : undefined;
  if (limitMemory !== undefined && reserveMemory !== undefined && reserveMemory > limitMemory) add({ field: 'reservations', part: 'memory', code: 'reservationAboveLimit' });
  const duration = (field: ServiceField, part: string | undefined, value: string | undefined): void => {
    if (value !== undefined && value !== '' && parseDuration(value) === undefined) add({ field, ...(part ? { part } : {}), code: 'durationInvalid', params: { value } });
  };
  duration('update', 'delay', form.update?.delay);
  duration('update', 'monitor', form.update?.monitor);
  duration('rollback', 'delay', form.rollback?.delay);
  duration('rollback', 'monitor', form.rollback?.monitor);
  duration('restart', 'delay', form.restart?.delay);
  duration('restart', 'window', form.restart?.window);
  duration('stopGracePeriod', undefined, form.stopGracePeriod);
  if (form.rollback?.failureAction === 'rollback') add({ field: 'rollback', part: 'failureAction', code: 'rollbackOnRollback' });
  (form.labels ?? []).forEach((label, index) => {
    if (!label.key) add({ field: 'labels', index, code: 'labelKeyMissing' });
  });
  return issues;
}
