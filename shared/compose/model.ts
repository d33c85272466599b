import { parseMount, parsePort } from './short-syntax';
import { serviceOnlyKeys } from './spec';
import type { ComposeModel, MountSpec, PortSpec, Position, ServiceModel } from './types';

export interface FileData {
  /** The file as plain data, interpolated. */
  value: unknown;
  /** Where a top-level section's entry (`services`, `web`) is named in this file. */
  at: (section: string, name: string) => Position | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((v) => typeof v === 'string' || typeof v === 'number').map(String);

/**
 * Merges the files as Compose does for the parts the graph and the doctor need: a later file's
 * mapping keys override or extend the earlier one's, its lists (ports, volumes) add to them.
 */
export function mergeFiles(values: unknown[]): Record<string, unknown> {
  let merged: Record<string, unknown> = {};
  for (const value of values) merged = mergeValue(merged, record(value)) as Record<string, unknown>;
  return merged;
}

function mergeValue(base: unknown, over: unknown): unknown {
  if (isRecord(base) && isRecord(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = key in base ? mergeValue(base[key], value) : value;
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over)) {
    const seen = new Set((base as unknown[]).map((b) => JSON.stringify(b)));
    return [...(base as unknown[]), ...(over as unknown[]).filter((v) => !seen.has(JSON.stringify(v)))];
  }
  return over === null && base !== undefined ? base : over;
}

function ports(value: unknown): PortSpec[] {
  return list(value)
    .map(parsePort)
    .filter((p): p is PortSpec => p !== undefined);
}

function mounts(value: unknown): MountSpec[] {
  return list(value)
    .map(parseMount)
    .filter((m): m is MountSpec => m !== undefined);
}

function dependencies(value: unknown): ServiceModel['dependsOn'] {
  if (Array.isArray(value)) return strings(value).map((service) => ({ service, condition: 'service_started' }));
  return Object.entries(record(value)).map(([service, spec]) => ({
    service,
    condition: typeof record(spec).condition === 'string' ? String(record(spec).condition) : 'service_started',
  }));
}

function hasHealthcheck(value: unknown): boolean {
  if (!isRecord(value) || value.disable === true) return false;
  const test = value.test;
  return !(test === 'NONE' || (Array.isArray(test) && test[0] === 'NONE'));
}

function replicas(service: Record<string, unknown>): number {
  const deploy = record(service.deploy).replicas;
  const n = Number(deploy ?? service.scale ?? 1);
  return Number.isInteger(n) && n >= 0 ? n : 1;
}

/** What the files want: services with their ports, mounts, networks and dependencies; networks and volumes. */
export function buildModel(files: FileData[]): ComposeModel {
  const merged = mergeFiles(files.map((f) => f.value));
  const firstAt = (section: string, name: string): Position | undefined => {
    for (const f of files) {
      const at = f.at(section, name);
      if (at) return at;
    }
    return undefined;
  };
  const services: ServiceModel[] = [];
  for (const [name, raw] of Object.entries(record(merged.services))) {
    if (!isRecord(raw)) {
      if (serviceOnlyKeys.has(name)) continue;
    }
    const s = record(raw);
    const networksValue = s.networks;
    const networkMode = typeof s.network_mode === 'string' ? s.network_mode : undefined;
    const networks = Array.isArray(networksValue) ? strings(networksValue) : Object.keys(record(networksValue));
    const build = typeof s.build === 'string' ? s.build : isRecord(s.build) ? (typeof s.build.context === 'string' ? s.build.context : '.') : undefined;
    const at = firstAt('services', name);
    services.push({
      name,
      ...(typeof s.image === 'string' ? { image: s.image } : {}),
      ...(build !== undefined ? { build } : {}),
      ...(typeof s.container_name === 'string' ? { containerName: s.container_name } : {}),
      ports: ports(s.ports),
      mounts: mounts(s.volumes),
      networks: networks.length || networkMode ? networks : ['default'],
      ...(networkMode ? { networkMode } : {}),
      dependsOn: dependencies(s.depends_on),
      healthcheck: hasHealthcheck(s.healthcheck),
      replicas: replicas(s),
      profiles: strings(s.profiles),
      ...(at ? { at } : {}),
    });
  }
  const section = (key: 'networks' | 'volumes'): ComposeModel['networks'] =>
    Object.entries(record(merged[key])).map(([name, spec]) => {
      const at = firstAt(key, name);
      const external = record(spec).external;
      return { name, external: external === true || isRecord(external), ...(at ? { at } : {}) };
    });
  const name = typeof merged.name === 'string' ? merged.name : undefined;
  return { ...(name ? { name } : {}), services, networks: section('networks'), volumes: section('volumes') };
}
