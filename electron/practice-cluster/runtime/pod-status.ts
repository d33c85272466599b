import type { ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';

import { timestamp } from '../types';

/**
 * What the kubelet knows about one container of a pod, and the pod status it reports from that: phase,
 * conditions and container states as a real kubelet reports them.
 */
export interface ContainerRecord {
  name: string;
  image: string;
  /** Docker id of the current attempt, if created. */
  id?: string;
  imageId?: string;
  restartCount: number;
  state: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  startedAt?: string;
  finishedAt?: string;
  /** The previous attempt, for lastState and `logs --previous`. */
  last?: { id: string; exitCode: number; reason: string; startedAt?: string; finishedAt?: string };
}

function containerStatus(r: ContainerRecord): ContainerStatus {
  const containerID = r.id ? `docker://${r.id}` : undefined;
  const state: ContainerStatus['state'] =
    r.state === 'running'
      ? { running: { startedAt: r.startedAt ?? timestamp() } }
      : r.state === 'terminated'
        ? { terminated: { exitCode: r.exitCode ?? 0, reason: r.reason ?? (r.exitCode ? 'Error' : 'Completed'), startedAt: r.startedAt, finishedAt: r.finishedAt, ...(containerID ? { containerID } : {}), ...(r.signal ? { signal: r.signal } : {}) } }
        : { waiting: { reason: r.reason ?? 'ContainerCreating', ...(r.message ? { message: r.message } : {}) } };
  return {
    name: r.name,
    image: r.image,
    imageID: r.imageId ?? '',
    ...(containerID ? { containerID } : {}),
    ready: r.state === 'running',
    restartCount: r.restartCount,
    started: r.state === 'running',
    state,
    lastState: r.last ? { terminated: { exitCode: r.last.exitCode, reason: r.last.reason, startedAt: r.last.startedAt, finishedAt: r.last.finishedAt, containerID: `docker://${r.last.id}` } } : {},
  };
}

function condition(previous: PodCondition[] | undefined, type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = previous?.find((c) => c.type === type);
  return {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old?.status === status ? old.lastTransitionTime : timestamp(),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

export function podStatusFrom(pod: Pod, records: ContainerRecord[], network: { podIP?: string; hostIP: string; startTime: string }): PodStatus {
  const previous = pod.status?.conditions;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const statuses = records.map(containerStatus);
  const anyStarted = records.some((r) => r.state === 'running' || r.state === 'terminated' || r.restartCount > 0 || r.last);
  const allTerminated = records.length > 0 && records.every((r) => r.state === 'terminated');
  let phase: PodStatus['phase'] = 'Pending';
  if (allTerminated && policy !== 'Always') {
    const failed = records.some((r) => (r.exitCode ?? 0) !== 0);
    phase = failed && policy === 'Never' ? 'Failed' : failed ? 'Running' : 'Succeeded';
  } else if (anyStarted) phase = 'Running';
  const unready = records.filter((r) => r.state !== 'running').map((r) => r.name);
  const ready = unready.length === 0 && records.length > 0;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions: PodCondition[] = [
    condition(previous, 'PodReadyToStartContainers', !!network.podIP || terminal),
    condition(previous, 'Initialized', true),
    condition(previous, 'Ready', ready, ready ? undefined : notReadyReason, ready ? undefined : notReadyMessage),
    condition(previous, 'ContainersReady', ready, ready ? undefined : notReadyReason, ready ? undefined : notReadyMessage),
    previous?.find((c) => c.type === 'PodScheduled') ?? condition(previous, 'PodScheduled', true),
  ];
  const hasResources = (pod.spec?.containers ?? []).some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  return {
    phase,
    conditions,
    hostIP: network.hostIP,
    hostIPs: [{ ip: network.hostIP }],
    ...(network.podIP && !terminal ? { podIP: network.podIP, podIPs: [{ ip: network.podIP }] } : {}),
    startTime: network.startTime,
    containerStatuses: statuses,
    qosClass: pod.status?.qosClass ?? (hasResources ? 'Burstable' : 'BestEffort'),
  };
}

/** Back-off before restart number `restarts` (after the first crash at once, then 10 s doubling up to 5 min). */
export function restartBackoffMs(restarts: number): number {
  if (restarts <= 0) return 0;
  return Math.min(10_000 * 2 ** (restarts - 1), 300_000);
}
