import type { KDeployment, KReplicaSet } from '../dto/kube';
import { controllerOf } from './workloads';

/** A Deployment's ReplicaSets, newest revision first, with the revisions each held. */
export function replicaSetsOf(deployment: KDeployment, replicaSets: Iterable<KReplicaSet>): KReplicaSet[] {
  const out: KReplicaSet[] = [];
  for (const rs of replicaSets) {
    const owner = controllerOf(rs.meta);
    if (rs.meta.namespace === deployment.meta.namespace && owner?.kind === 'Deployment' && (owner.uid === deployment.meta.uid || owner.name === deployment.meta.name)) out.push(rs);
  }
  return out.sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0));
}

/** The revisions a ReplicaSet held before its current one (deployment.kubernetes.io/revision-history). */
export const earlierRevisions = (rs: KReplicaSet): number[] =>
  (rs.meta.annotations['deployment.kubernetes.io/revision-history'] ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);

export interface RolloutState {
  /** done: every replica runs the new template; progressing; paused; stalled: the deadline passed. */
  code: 'done' | 'progressing' | 'paused' | 'stalled' | 'waiting-generation';
  updated: number;
  ready: number;
  available: number;
  desired: number;
  /** Old replicas still running. */
  old: number;
}

/** How far a rollout is, judged as `kubectl rollout status` judges it. */
export function rolloutState(d: KDeployment): RolloutState {
  const s = d.status;
  const base = { updated: s.updatedReplicas, ready: s.readyReplicas, available: s.availableReplicas, desired: d.replicas, old: Math.max(0, s.replicas - s.updatedReplicas) };
  if (d.meta.generation !== undefined && (s.observedGeneration ?? 0) < d.meta.generation) return { code: 'waiting-generation', ...base };
  if (d.status.conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { code: 'stalled', ...base };
  const done = s.updatedReplicas >= d.replicas && s.replicas <= s.updatedReplicas && s.availableReplicas >= s.updatedReplicas;
  if (done) return { code: 'done', ...base };
  return { code: d.paused ? 'paused' : 'progressing', ...base };
}

/** One moment of a rollout: each ReplicaSet's size, for the timeline. */
export interface RolloutFrame {
  /** Epoch ms. */
  time: number;
  sets: { name: string; revision: number; desired: number; ready: number }[];
}

/** The frame for now, or undefined when nothing changed since the last one. */
export function nextFrame(last: RolloutFrame | undefined, deployment: KDeployment, replicaSets: Iterable<KReplicaSet>, time: number): RolloutFrame | undefined {
  const sets = replicaSetsOf(deployment, replicaSets)
    .filter((rs) => rs.replicas > 0 || rs.status.replicas > 0 || last?.sets.some((s) => s.name === rs.meta.name && (s.desired > 0 || s.ready > 0)))
    .map((rs) => ({ name: rs.meta.name, revision: Number(rs.revision ?? 0), desired: rs.replicas, ready: rs.status.readyReplicas }));
  if (last && JSON.stringify(last.sets) === JSON.stringify(sets)) return undefined;
  return { time, sets };
}
