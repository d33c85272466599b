import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';

import { clone, timestamp } from '../types';

/**
 * The deployment controller as a pure function: from a Deployment and its ReplicaSets to the changes that bring
 * them one step closer (create or scale ReplicaSets, bump revisions, clean up history) and the new status.
 * The steps follow the real controller's rolling update (maxSurge, maxUnavailable) and Recreate.
 */
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const HASH_LABEL = 'pod-template-hash';

export interface DeploymentActions {
  create?: ReplicaSet;
  /** ReplicaSets to write back (new replicas or annotations), by name. */
  update: ReplicaSet[];
  delete: string[];
  status: DeploymentStatus;
  /** Annotations of the Deployment itself (the current revision). */
  annotations: Record<string, string>;
  events: { type: 'Normal' | 'Warning'; reason: string; message: string }[];
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a (32 bit) of the template, encoded with the safe alphabet the real controller uses. */
export function templateHash(template: PodTemplateSpec | undefined, collisionCount = 0): string {
  let h = 0x811c9dc5;
  const text = canonical(template ?? {}) + (collisionCount ? String(collisionCount) : '');
  for (const byte of Buffer.from(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  for (const ch of String(h)) out += ALPHANUMS[ch.charCodeAt(0) % ALPHANUMS.length];
  return out;
}

function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    const labels = { ...t.metadata.labels };
    delete labels[HASH_LABEL];
    t.metadata = { ...t.metadata, labels };
  }
  return t;
}

export function sameTemplate(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonical(withoutHash(a)) === canonical(withoutHash(b));
}

/** Resolves an int-or-percent against a total (25% of 5 = 2 rounded down, 2 rounded up). */
export function resolveIntOrPercent(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number(value) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function maxSurgeAndUnavailable(d: Deployment): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  if (d.spec?.strategy?.type === 'Recreate') return { surge: 0, unavailable: replicas };
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = resolveIntOrPercent(ru?.maxSurge ?? '25%', replicas, true);
  let unavailable = resolveIntOrPercent(ru?.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

const revisionOf = (rs: ReplicaSet): number => Number(rs.metadata?.annotations?.[REVISION] ?? 0) || 0;
const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 0;
const available = (rs: ReplicaSet): number => rs.status?.availableReplicas ?? 0;
const created = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;
const byAge = (a: ReplicaSet, b: ReplicaSet): number => created(a) - created(b) || revisionOf(a) - revisionOf(b);

function newReplicaSet(d: Deployment, hash: string, revision: number, replicas: number, surge: number): ReplicaSet {
  const template = clone(d.spec?.template ?? {});
  template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
  const name = d.metadata?.name ?? '';
  const annotations: Record<string, string> = {
    [DESIRED]: String(d.spec?.replicas ?? 1),
    [MAX_REPLICAS]: String((d.spec?.replicas ?? 1) + surge),
    [REVISION]: String(revision),
  };
  const cause = d.metadata?.annotations?.[CHANGE_CAUSE];
  if (cause) annotations[CHANGE_CAUSE] = cause;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`,
      namespace: d.metadata?.namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec?.minReadySeconds,
      selector: { ...d.spec?.selector, matchLabels: { ...(d.spec?.selector.matchLabels ?? {}), [HASH_LABEL]: hash } },
      template,
    },
  };
}

function condition(previous: DeploymentCondition[] | undefined, type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  const old = previous?.find((c) => c.type === type);
  const same = old && old.status === status && old.reason === reason && old.message === message;
  return {
    type,
    status,
    lastUpdateTime: same ? (old.lastUpdateTime ?? now) : now,
    lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? now) : now,
    reason,
    message,
  };
}

export function reconcileDeployment(d: Deployment, owned: ReplicaSet[], now = new Date()): DeploymentActions {
  const actions: DeploymentActions = { update: [], delete: [], status: {}, annotations: {}, events: [] };
  const replicas = d.spec?.replicas ?? 1;
  const { surge, unavailable } = maxSurgeAndUnavailable(d);
  const recreate = d.spec?.strategy?.type === 'Recreate';
  const name = d.metadata?.name ?? '';
  const sets = owned.map((rs) => clone(rs));
  const changed = new Set<ReplicaSet>();
  const scale = (rs: ReplicaSet, to: number): void => {
    const from = specReplicas(rs);
    if (from === to) return;
    rs.spec = { ...(rs.spec as NonNullable<ReplicaSet['spec']>), replicas: to };
    rs.metadata = { ...rs.metadata, annotations: { ...(rs.metadata?.annotations ?? {}), [DESIRED]: String(replicas), [MAX_REPLICAS]: String(replicas + surge) } };
    changed.add(rs);
    actions.events.push({ type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name ?? ''} from ${from} to ${to}` });
  };

  let newRs = sets.find((rs) => sameTemplate(rs.spec?.template, d.spec?.template));
  const olds = sets.filter((rs) => rs !== newRs).sort(byAge);
  const maxRevision = Math.max(0, ...sets.map(revisionOf));
  let createdNew = false;

  if (!d.spec?.paused) {
    if (!newRs) {
      const hash = templateHash(d.spec?.template, d.status?.collisionCount ?? 0);
      const current = sets.reduce((n, rs) => n + specReplicas(rs), 0);
      const oldPods = olds.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
      const initial = recreate ? (oldPods === 0 && olds.every((rs) => specReplicas(rs) === 0) ? replicas : 0) : Math.max(0, Math.min(replicas + surge - current, replicas));
      newRs = newReplicaSet(d, hash, maxRevision + 1, initial, surge);
      actions.create = newRs;
      createdNew = true;
      if (initial > 0) actions.events.push({ type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${newRs.metadata?.name ?? ''} from 0 to ${initial}` });
    } else {
      const annotations = { ...(newRs.metadata?.annotations ?? {}) };
      let touched = false;
      if (revisionOf(newRs) < maxRevision) {
        const old = annotations[REVISION];
        annotations[REVISION] = String(maxRevision + 1);
        if (old) annotations[REVISION_HISTORY] = [...(annotations[REVISION_HISTORY] ? annotations[REVISION_HISTORY].split(',') : []), old].join(',');
        touched = true;
      }
      const cause = d.metadata?.annotations?.[CHANGE_CAUSE];
      if (cause && annotations[CHANGE_CAUSE] !== cause) {
        annotations[CHANGE_CAUSE] = cause;
        touched = true;
      }
      if (touched) {
        newRs.metadata = { ...newRs.metadata, annotations };
        changed.add(newRs);
      }
      const minReady = d.spec?.minReadySeconds;
      if ((newRs.spec?.minReadySeconds ?? 0) !== (minReady ?? 0)) {
        newRs.spec = { ...(newRs.spec as NonNullable<ReplicaSet['spec']>), minReadySeconds: minReady };
        changed.add(newRs);
      }
    }

    if (recreate) {
      for (const rs of olds) scale(rs, 0);
      const oldPods = olds.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
      if (!createdNew && oldPods === 0) scale(newRs, replicas);
    } else if (!createdNew) {
      // Scale the new ReplicaSet up within maxSurge (or down when the Deployment shrank).
      const all = sets.reduce((n, rs) => n + specReplicas(rs), 0);
      const current = specReplicas(newRs);
      if (current > replicas) scale(newRs, replicas);
      else if (current < replicas) {
        const room = replicas + surge - all;
        if (room > 0) scale(newRs, current + Math.min(room, replicas - current));
      }
      // Scale old ReplicaSets down within maxUnavailable.
      const oldPods = olds.reduce((n, rs) => n + specReplicas(rs), 0);
      if (oldPods > 0) {
        const allNow = [newRs, ...olds].reduce((n, rs) => n + specReplicas(rs), 0);
        const minAvailable = replicas - unavailable;
        const newUnavailable = specReplicas(newRs) - available(newRs);
        let maxScaledDown = allNow - minAvailable - newUnavailable;
        if (maxScaledDown > 0) {
          // First the pods that are not available anyway.
          for (const rs of olds) {
            if (maxScaledDown <= 0) break;
            const unhealthy = specReplicas(rs) - available(rs);
            if (unhealthy <= 0) continue;
            const down = Math.min(unhealthy, maxScaledDown);
            scale(rs, specReplicas(rs) - down);
            maxScaledDown -= down;
          }
          const availableNow = [newRs, ...olds].reduce((n, rs) => n + Math.min(available(rs), specReplicas(rs)), 0);
          let budget = Math.min(availableNow - minAvailable, maxScaledDown);
          for (const rs of olds) {
            if (budget <= 0) break;
            const down = Math.min(specReplicas(rs), budget);
            if (down <= 0) continue;
            scale(rs, specReplicas(rs) - down);
            budget -= down;
          }
        }
      }
    }
  }

  actions.update = [...changed].filter((rs) => rs !== actions.create);
  if (actions.create && changed.has(actions.create)) actions.create = newRs;

  // History: old ReplicaSets scaled to zero beyond revisionHistoryLimit go, oldest revision first.
  const limit = d.spec?.revisionHistoryLimit ?? 10;
  const idle = olds.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  if (idle.length > limit) actions.delete = idle.slice(0, idle.length - limit).map((rs) => rs.metadata?.name ?? '');

  // Status.
  const live = [newRs, ...olds].filter((rs): rs is ReplicaSet => !!rs && !actions.delete.includes(rs.metadata?.name ?? ''));
  const sum = (f: (rs: ReplicaSet) => number): number => live.reduce((n, rs) => n + f(rs), 0);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 1,
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRs?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: sum((rs) => rs.status?.availableReplicas ?? 0),
  };
  const totalSpec = sum(specReplicas);
  const unavailableReplicas = Math.max(0, totalSpec - (status.availableReplicas ?? 0));
  if (unavailableReplicas) status.unavailableReplicas = unavailableReplicas;
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'] as const) if (!status[k]) delete status[k];
  if (d.status?.collisionCount) status.collisionCount = d.status.collisionCount;
  const t = timestamp(now);
  const prev = d.status?.conditions;
  const availableOk = (status.availableReplicas ?? 0) >= replicas - unavailable;
  const availableCond = availableOk
    ? condition(prev, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', t)
    : condition(prev, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', t);
  const rsName = newRs?.metadata?.name ?? name;
  const complete = (status.updatedReplicas ?? 0) === replicas && (status.availableReplicas ?? 0) >= replicas && (status.replicas ?? 0) === replicas && (newRs?.spec?.replicas ?? 0) === replicas;
  let progressing: DeploymentCondition;
  if (d.spec?.paused) progressing = condition(prev, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', t);
  else if (createdNew) progressing = condition(prev, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, t);
  else if (complete) progressing = condition(prev, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, t);
  else progressing = condition(prev, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, t);
  status.conditions = [availableCond, progressing];
  actions.status = status;
  if (newRs) actions.annotations = { [REVISION]: String(revisionOf(newRs)) };
  return actions;
}
