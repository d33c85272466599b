import { stringify } from 'yaml';

import type { RolloutHistory, RolloutStep } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';
import { toDto } from '@shared/kube/convert';
import { earlierRevisions, replicaSetsOf, rolloutState } from '@shared/kube/rollout';

import { clientNode } from './client';
import type { Clients } from './connection';
import { objectPath, collectionPath } from './resources';

/**
 * Deployments: scale, the rollout verbs kubectl has (status, history, undo, restart, pause, resume, set
 * image), and the step-through rollout built on pause and resume.
 */

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

type J = Record<string, unknown>;
const o = (v: unknown): J => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : {});

export async function scale(c: Clients, kind: 'deployments' | 'replicasets', namespace: string, name: string, replicas: number): Promise<{ replicas: number }> {
  const { body } = await c.raw.request<{ spec?: { replicas?: number } }>('PATCH', objectPath(kind, namespace, name, 'scale'), { body: { spec: { replicas } }, contentType: MERGE });
  return { replicas: body.spec?.replicas ?? replicas };
}

export async function setPaused(c: Clients, namespace: string, name: string, paused: boolean): Promise<void> {
  await c.raw.request('PATCH', objectPath('deployments', namespace, name), { body: { spec: { paused } }, contentType: MERGE });
}

/** `kubectl rollout restart`: a new annotation on the template makes a new ReplicaSet. */
export async function restart(c: Clients, namespace: string, name: string, now = new Date()): Promise<void> {
  const body = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } };
  await c.raw.request('PATCH', objectPath('deployments', namespace, name), { body, contentType: MERGE });
}

/** `kubectl set image`: one container's image, found by name (the patch tests the name at its index). */
export async function setImage(c: Clients, namespace: string, name: string, container: string, image: string): Promise<void> {
  const deployment = await c.raw.get<J>(objectPath('deployments', namespace, name));
  const containers = (o(o(o(deployment.spec).template).spec).containers as J[] | undefined) ?? [];
  const index = containers.findIndex((x) => x.name === container);
  if (index < 0) {
    throw new LotseError('NOT_FOUND', `The Deployment ${name} has no container "${container}".`, `Its containers: ${containers.map((x) => String(x.name)).join(', ')}.`);
  }
  const path = `/spec/template/spec/containers/${index}`;
  await c.raw.request('PATCH', objectPath('deployments', namespace, name), {
    body: [
      { op: 'test', path: `${path}/name`, value: container },
      { op: 'replace', path: `${path}/image`, value: image },
    ],
    contentType: JSON_PATCH,
  });
}

/** The template as the revisions compare it: without the label each ReplicaSet adds. */
function templateOf(rs: J): J {
  const template = structuredClone(o(o(rs.spec).template));
  const labels = o(o(template.metadata).labels);
  delete labels['pod-template-hash'];
  const meta = o(template.metadata);
  delete meta.creationTimestamp;
  return template;
}

async function ownedReplicaSets(c: Clients, namespace: string, name: string): Promise<{ deployment: J; sets: J[] }> {
  const deployment = await c.raw.get<J>(objectPath('deployments', namespace, name));
  const list = await c.raw.get<{ items?: J[] }>(collectionPath('replicasets', namespace));
  const dto = toDto('deployments', deployment);
  const owned = new Set(replicaSetsOf(dto, (list.items ?? []).map((rs) => toDto('replicasets', rs))).map((rs) => rs.meta.uid));
  const sets = (list.items ?? []).filter((rs) => owned.has(String(o(rs.metadata).uid)));
  return { deployment, sets };
}

const revisionOf = (rs: J): number => Number(o(o(rs.metadata).annotations)['deployment.kubernetes.io/revision'] ?? 0);

/** `kubectl rollout history`: each revision's ReplicaSet, its images, change cause and template. */
export async function history(c: Clients, namespace: string, name: string): Promise<RolloutHistory> {
  const { deployment, sets } = await ownedReplicaSets(c, namespace, name);
  const current = String(revisionOf(deployment));
  const revisions = sets
    .map((rs) => {
      const dto = toDto('replicasets', rs);
      return {
        revision: revisionOf(rs),
        replicaSet: dto.meta.name,
        images: dto.template.containers.map((x) => x.image),
        ...(dto.changeCause ? { changeCause: dto.changeCause } : {}),
        created: dto.meta.created,
        replicas: dto.status.replicas,
        current: String(revisionOf(rs)) === current,
        template: stringify(templateOf(rs)),
        earlier: earlierRevisions(dto),
      };
    })
    .filter((r) => r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
  return { deployment: name, namespace, revisions };
}

/**
 * `kubectl rollout undo [--to-revision=N]`: the Deployment's template becomes that revision's. Its
 * ReplicaSet is reused and gets the next revision number, so the old number leaves the history.
 */
export async function undo(c: Clients, namespace: string, name: string, toRevision?: number): Promise<{ outcome: 'rolled-back' | 'unchanged'; revision: number }> {
  const { deployment, sets } = await ownedReplicaSets(c, namespace, name);
  const current = Number(o(o(deployment.metadata).annotations)['deployment.kubernetes.io/revision'] ?? 0);
  const ordered = [...sets].sort((a, b) => revisionOf(b) - revisionOf(a));
  const target = toRevision ? ordered.find((rs) => revisionOf(rs) === toRevision) : ordered.find((rs) => revisionOf(rs) < current && revisionOf(rs) > 0);
  if (!target) {
    throw new LotseError('NOT_FOUND', toRevision ? `Revision ${toRevision} of ${name} is not in its history.` : `${name} has no earlier revision to go back to.`, 'kubectl rollout history shows the revisions kept (revisionHistoryLimit).');
  }
  const template = templateOf(target);
  const live = structuredClone(o(o(deployment.spec).template));
  delete o(live.metadata).creationTimestamp;
  if (JSON.stringify(sortKeys(live)) === JSON.stringify(sortKeys(template))) return { outcome: 'unchanged', revision: revisionOf(target) };
  await c.raw.request('PATCH', objectPath('deployments', namespace, name), { body: [{ op: 'replace', path: '/spec/template', value: template }], contentType: JSON_PATCH });
  return { outcome: 'rolled-back', revision: revisionOf(target) };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as J)[k])]));
  return value;
}

/**
 * One step of a step-through rollout: resume, wait until one more pod of the new template is available
 * (or the rollout is done), pause again. The class watches each replacement; Continue takes the next.
 */
export async function step(c: Clients, namespace: string, name: string, signal?: AbortSignal, timeoutMs = 120_000): Promise<RolloutStep> {
  const raw = await c.raw.get<J>(objectPath('deployments', namespace, name));
  const before = toDto('deployments', raw);
  const startState = rolloutState(before);
  if (startState.code === 'done' && !before.paused) return { outcome: 'done', updated: startState.updated, ready: startState.ready, desired: startState.desired };
  // Pods of the new template before the step (a status not yet observed for the new template counts none).
  const baseline = (before.status.observedGeneration ?? 0) < (before.meta.generation ?? 0) ? 0 : before.status.updatedReplicas;
  const result = await new Promise<RolloutStep>((resolve, reject) => {
    let controller: AbortController | undefined;
    let finished = false;
    const finish = (value: RolloutStep | Error): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      controller?.abort();
      signal?.removeEventListener('abort', onAbort);
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const timer = setTimeout(() => {
      const s = rolloutState(before);
      finish({ outcome: 'timeout', updated: s.updated, ready: s.ready, desired: s.desired });
    }, timeoutMs);
    const onAbort = (): void => finish(new LotseError('CANCELLED', 'The step was cancelled.'));
    signal?.addEventListener('abort', onAbort);
    const check = (object: unknown): void => {
      const d = toDto('deployments', object);
      const s = rolloutState(d);
      if (d.meta.generation !== undefined && (d.status.observedGeneration ?? 0) < d.meta.generation) return;
      // One replacement is complete when a new pod more runs and the Deployment is back at its size,
      // every replica available (the surplus old pod gone, or the missing one replaced).
      const settled = d.status.replicas <= d.replicas && d.status.availableReplicas >= d.replicas;
      if (s.code === 'done') finish({ outcome: 'done', updated: s.updated, ready: s.ready, desired: s.desired });
      else if (s.updated > baseline && settled) finish({ outcome: 'paused', updated: s.updated, ready: s.ready, desired: s.desired });
    };
    void clientNode()
      .then(({ Watch }) => new Watch(c.kc).watch(
        collectionPath('deployments', namespace),
        { fieldSelector: `metadata.name=${name}`, resourceVersion: before.meta.resourceVersion },
        (type: string, object: unknown) => {
          if (type === 'MODIFIED' || type === 'ADDED') check(object);
          if (type === 'DELETED') finish(new LotseError('NOT_FOUND', `The Deployment ${name} was deleted.`));
        },
        (error: unknown) => {
          if (!finished) finish(error instanceof Error ? error : new Error('The watch of the rollout ended.'));
        },
      ))
      .then((ctrl) => {
        controller = ctrl;
        if (finished) ctrl.abort();
        return before.paused ? setPaused(c, namespace, name, false) : undefined;
      })
      .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
  // Pause again so the next replacement waits for Continue (a finished rollout is left running).
  if (result.outcome !== 'done') await setPaused(c, namespace, name, true);
  return result;
}
