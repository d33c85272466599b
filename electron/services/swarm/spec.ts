import type { ResourceSpec, ServiceChanges, ServiceForm, UpdatePolicy } from '@shared/dto/swarm';
import { parseBytes } from '@shared/rules/sizes';
import { parseCpus, parseDuration } from '@shared/rules/swarm-spec';

import type { RawResources, RawServiceSpec, RawUpdateConfig } from './read';

/** Checked by serviceFormIssues before this runs: a value that is no duration here is a bug, not input. */
const ns = (text: string): number => parseDuration(text) ?? 0;

function toResources(spec: ResourceSpec): RawResources | undefined {
  const cpus = spec.cpus ? parseCpus(spec.cpus) : undefined;
  const memory = spec.memory ? parseBytes(spec.memory) : undefined;
  if (cpus === undefined && memory === undefined) return undefined;
  return { ...(cpus === undefined ? {} : { NanoCPUs: cpus }), ...(memory === undefined ? {} : { MemoryBytes: memory }) };
}

function toUpdateConfig(policy: UpdatePolicy): RawUpdateConfig {
  return {
    Parallelism: policy.parallelism,
    Delay: ns(policy.delay),
    FailureAction: policy.failureAction,
    Monitor: ns(policy.monitor),
    MaxFailureRatio: policy.maxFailureRatio,
    Order: policy.order,
  };
}

/** The ServiceSpec a form stands for, as `docker service create` would send it. */
export function specFromForm(form: ServiceForm): RawServiceSpec {
  const limits = toResources(form.limits);
  const reservations = toResources(form.reservations);
  return {
    Name: form.name,
    Labels: Object.fromEntries(form.labels.filter((l) => l.key).map((l) => [l.key, l.value])),
    TaskTemplate: {
      ContainerSpec: {
        Image: form.image,
        ...(form.command.length ? { Args: form.command } : {}),
        Env: form.env.filter((e) => e.key).map((e) => `${e.key}=${e.value}`),
        Mounts: form.mounts.map((m) => ({ Type: m.type, ...(m.source ? { Source: m.source } : {}), Target: m.target, ReadOnly: m.readOnly })),
        ...(form.stopGracePeriod ? { StopGracePeriod: ns(form.stopGracePeriod) } : {}),
      },
      Resources: { ...(limits ? { Limits: limits } : {}), ...(reservations ? { Reservations: reservations } : {}) },
      RestartPolicy: {
        Condition: form.restart.condition,
        Delay: ns(form.restart.delay),
        MaxAttempts: form.restart.maxAttempts,
        Window: ns(form.restart.window),
      },
      Placement: {
        Constraints: form.constraints,
        Preferences: form.placementPrefs.map((p) => ({ Spread: { SpreadDescriptor: p.replace(/^spread=/, '') } })),
        ...(form.maxReplicasPerNode ? { MaxReplicas: form.maxReplicasPerNode } : {}),
      },
      Networks: form.networks.map((target) => ({ Target: target })),
      ForceUpdate: 0,
    },
    Mode: form.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: form.replicas } },
    UpdateConfig: toUpdateConfig(form.update),
    RollbackConfig: toUpdateConfig(form.rollback),
    EndpointSpec: {
      Mode: 'vip',
      Ports: form.publish.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.target,
        ...(p.published === undefined ? {} : { PublishedPort: p.published }),
        PublishMode: p.mode,
      })),
    },
  };
}

function mergeResources(current: RawResources | undefined, change: ResourceSpec | undefined): RawResources | undefined {
  if (!change) return current;
  const next = { ...current };
  // An empty field clears the value, as `--limit-cpu 0` does.
  if (change.cpus !== undefined) {
    const cpus = change.cpus ? parseCpus(change.cpus) : undefined;
    if (cpus === undefined) delete next.NanoCPUs;
    else next.NanoCPUs = cpus;
  }
  if (change.memory !== undefined) {
    const memory = change.memory ? parseBytes(change.memory) : undefined;
    if (memory === undefined) delete next.MemoryBytes;
    else next.MemoryBytes = memory;
  }
  return next;
}

/** The whole spec with the changes applied: what `docker service update` resends. */
export function applyChanges(spec: RawServiceSpec, changes: ServiceChanges): RawServiceSpec {
  const next = structuredClone(spec);
  const template = (next.TaskTemplate ??= {});
  const container = (template.ContainerSpec ??= {});
  if (changes.image !== undefined) container.Image = changes.image;
  if (changes.env !== undefined) container.Env = changes.env.filter((e) => e.key).map((e) => `${e.key}=${e.value}`);
  if (changes.replicas !== undefined && next.Mode?.Replicated) next.Mode.Replicated.Replicas = changes.replicas;
  if (changes.limits || changes.reservations) {
    const resources = (template.Resources ??= {});
    const limits = mergeResources(resources.Limits, changes.limits);
    const reservations = mergeResources(resources.Reservations, changes.reservations);
    if (limits) resources.Limits = limits;
    if (reservations) resources.Reservations = reservations;
  }
  if (changes.update) {
    const u = changes.update;
    const config = (next.UpdateConfig ??= { Parallelism: 1, FailureAction: 'pause', Monitor: 5e9, Order: 'stop-first' });
    if (u.parallelism !== undefined) config.Parallelism = u.parallelism;
    if (u.delay !== undefined) config.Delay = ns(u.delay);
    if (u.failureAction !== undefined) config.FailureAction = u.failureAction;
    if (u.monitor !== undefined) config.Monitor = ns(u.monitor);
    if (u.maxFailureRatio !== undefined) config.MaxFailureRatio = u.maxFailureRatio;
    if (u.order !== undefined) config.Order = u.order;
  }
  // The CLI's --force: a new value here makes every task new, even when nothing else changed.
  if (changes.force) template.ForceUpdate = (template.ForceUpdate ?? 0) + 1;
  return next;
}
