import { z } from 'zod';

import type { ComposeFlavor } from './types';

/*
 * The Compose file model, written from the Compose specification (compose-spec, "Compose file
 * reference") and from what docker-compose 1.29 accepts. Only what a learner's file can get wrong
 * is checked: which keys exist at each level and the type of the keys that matter. Everything else
 * passes, so the doctor is never stricter than Compose itself.
 */

const both = {
  top: ['version', 'services', 'networks', 'volumes', 'secrets', 'configs'],
  service: [
    'blkio_config', 'build', 'cap_add', 'cap_drop', 'cgroup_parent', 'command', 'configs', 'container_name', 'cpu_count',
    'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpus', 'cpuset',
    'credential_spec', 'depends_on', 'deploy', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt', 'dns_search', 'domainname',
    'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links', 'extra_hosts', 'group_add', 'healthcheck',
    'hostname', 'image', 'init', 'ipc', 'isolation', 'labels', 'links', 'logging', 'mac_address', 'mem_limit',
    'mem_reservation', 'mem_swappiness', 'memswap_limit', 'network_mode', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid',
    'pids_limit', 'platform', 'ports', 'privileged', 'profiles', 'pull_policy', 'read_only', 'restart', 'runtime', 'scale',
    'secrets', 'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs',
    'tty', 'ulimits', 'user', 'userns_mode', 'volumes', 'volumes_from', 'working_dir',
  ],
  healthcheck: ['disable', 'interval', 'retries', 'start_period', 'test', 'timeout'],
  build: ['args', 'cache_from', 'context', 'dockerfile', 'extra_hosts', 'isolation', 'labels', 'network', 'shm_size', 'target'],
  network: ['attachable', 'driver', 'driver_opts', 'enable_ipv6', 'external', 'internal', 'ipam', 'labels', 'name'],
  volume: ['driver', 'driver_opts', 'external', 'labels', 'name'],
  dependsOn: ['condition'],
};

/** Keys only Compose v2 knows: v1 refuses a file that uses them. */
const v2Only = {
  top: ['name', 'include', 'models'],
  service: [
    'annotations', 'attach', 'cgroup', 'develop', 'gpus', 'label_file', 'models', 'post_start', 'pre_stop', 'provider',
    'pull_refresh_after', 'use_api_socket', 'uts',
  ],
  healthcheck: ['start_interval'],
  build: [
    'additional_contexts', 'cache_to', 'dockerfile_inline', 'entitlements', 'no_cache', 'platforms', 'privileged', 'provenance',
    'pull', 'sbom', 'secrets', 'ssh', 'tags', 'ulimits',
  ],
  network: ['enable_ipv4'],
  volume: [] as string[],
  dependsOn: ['restart', 'required'],
};

export type KeyLevel = keyof typeof both;

export function knownKeys(level: KeyLevel, flavor: ComposeFlavor): Set<string> {
  return new Set([...both[level], ...(flavor === 'v2' ? v2Only[level] : [])]);
}

export function isV2Only(level: KeyLevel, key: string): boolean {
  return v2Only[level].includes(key);
}

/** Every key a level may have under v2, for completion in the editor. */
export function allKeys(level: KeyLevel): string[] {
  return [...both[level], ...v2Only[level]].sort();
}

/** `x-…` keys are extensions: allowed at the top level and in services, networks and volumes. */
export const isExtension = (key: string): boolean => key.startsWith('x-');

/** The closest known key (a typo such as `imgae` → `image`), when one is close enough. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** Edits between two words, a swap of neighbours counting as one (`imgae` → `image`: 1). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

// Value types, as the specification defines them (after interpolation).
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const stringish = z.union([z.string(), z.number()]);
const listOfStrings = z.array(stringish);
const stringOrList = z.union([z.string(), z.array(stringish)]);
const listOrDict = z.union([z.record(z.string(), scalar.nullable()), z.array(stringish)]);
const mapping = z.record(z.string(), z.unknown());

/** The kind of value each checked key takes; the name is the sentence key of the expected shape. */
export const valueTypes: Record<string, { shape: string; schema: z.ZodType }> = {
  image: { shape: 'string', schema: z.string() },
  container_name: { shape: 'string', schema: z.string() },
  hostname: { shape: 'string', schema: z.string() },
  restart: { shape: 'string', schema: z.string() },
  network_mode: { shape: 'string', schema: z.string() },
  working_dir: { shape: 'string', schema: z.string() },
  user: { shape: 'string', schema: stringish },
  platform: { shape: 'string', schema: z.string() },
  pull_policy: { shape: 'string', schema: z.string() },
  command: { shape: 'stringOrList', schema: stringOrList.nullable() },
  entrypoint: { shape: 'stringOrList', schema: stringOrList.nullable() },
  env_file: { shape: 'stringOrList', schema: z.union([z.string(), z.array(z.union([z.string(), mapping]))]) },
  ports: { shape: 'list', schema: z.array(z.union([stringish, mapping])) },
  expose: { shape: 'list', schema: listOfStrings },
  volumes: { shape: 'list', schema: z.array(z.union([z.string(), mapping])) },
  volumes_from: { shape: 'list', schema: listOfStrings },
  profiles: { shape: 'list', schema: listOfStrings },
  cap_add: { shape: 'list', schema: listOfStrings },
  cap_drop: { shape: 'list', schema: listOfStrings },
  environment: { shape: 'listOrMap', schema: listOrDict },
  labels: { shape: 'listOrMap', schema: listOrDict },
  extra_hosts: { shape: 'listOrMap', schema: z.union([listOrDict, z.record(z.string(), z.array(z.string()))]) },
  sysctls: { shape: 'listOrMap', schema: listOrDict },
  networks: { shape: 'listOrMap', schema: z.union([listOfStrings, z.record(z.string(), mapping.nullable())]) },
  depends_on: { shape: 'listOrMap', schema: z.union([listOfStrings, z.record(z.string(), mapping)]) },
  healthcheck: { shape: 'map', schema: mapping },
  deploy: { shape: 'map', schema: mapping.nullable() },
  logging: { shape: 'map', schema: mapping },
  build: { shape: 'stringOrMap', schema: z.union([z.string(), mapping]) },
  scale: { shape: 'integer', schema: z.union([z.number().int(), z.string().regex(/^\d+$/)]) },
  privileged: { shape: 'boolean', schema: z.union([z.boolean(), z.string()]) },
  read_only: { shape: 'boolean', schema: z.union([z.boolean(), z.string()]) },
  init: { shape: 'boolean', schema: z.union([z.boolean(), z.string()]) },
  tty: { shape: 'boolean', schema: z.union([z.boolean(), z.string()]) },
  stdin_open: { shape: 'boolean', schema: z.union([z.boolean(), z.string()]) },
};

/** The conditions depends_on knows. */
export const dependsOnConditions = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** Keys that belong inside a service: written at the level of the service names, they read as services. */
export const serviceOnlyKeys = new Set(['image', 'build', 'ports', 'volumes', 'environment', 'command', 'depends_on', 'networks', 'restart', 'container_name', 'healthcheck', 'deploy', 'expose', 'labels', 'env_file', 'entrypoint']);
