import type { KEvent, KPod } from '../dto/kube';
import { podReady } from './workloads';

/**
 * Why a pod is where it is, as codes with facts the renderer puts into words (kube:pod.explain.<code>):
 * Pending with the scheduling rule that keeps it off each node, an image the engine cannot pull with what
 * the engine said, a crash loop with the last exit code, and the plain states.
 */
export interface Explanation {
  code:
    | 'terminating'
    | 'unschedulable'
    | 'scheduling'
    | 'image-pull'
    | 'crash-loop'
    | 'config-error'
    | 'creating'
    | 'waiting'
    | 'oom-killed'
    | 'not-ready'
    | 'running'
    | 'succeeded'
    | 'failed'
    | 'unknown';
  params: Record<string, string | number>;
  /** For unschedulable: each reason with how many nodes it rules out. */
  reasons?: SchedulingReason[];
  /** The container it is about. */
  container?: string;
}

export interface SchedulingReason {
  /** taint, cordoned, selector, cpu, memory, pods, other */
  rule: string;
  nodes: number;
  /** The taint (key: value), or the scheduler's words for other. */
  detail?: string;
}

/** The scheduler's "0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 node(s) were unschedulable." in parts. */
export function parseSchedulingMessage(message: string): { available: number; total: number; reasons: SchedulingReason[] } | undefined {
  const head = /(\d+)\/(\d+) nodes are available:?\s*(.*)$/s.exec(message);
  if (!head) return undefined;
  const body = (head[3] ?? '').split(/\.\s*preemption:/)[0]?.replace(/\.\s*$/, '') ?? '';
  const reasons: SchedulingReason[] = [];
  for (const part of body.split(/,\s*(?=\d+\s)/)) {
    const m = /^(\d+)\s+(.*)$/.exec(part.trim());
    if (!m) continue;
    const nodes = Number(m[1]);
    const text = (m[2] ?? '').trim();
    const taint = /untolerated taint\(?s?\)?\s*\{([^}]*)\}/.exec(text);
    if (taint) reasons.push({ rule: 'taint', nodes, detail: taint[1]?.trim() ?? '' });
    else if (/were unschedulable/.test(text)) reasons.push({ rule: 'cordoned', nodes });
    else if (/node affinity|selector/.test(text)) reasons.push({ rule: 'selector', nodes });
    else if (/Insufficient cpu/i.test(text)) reasons.push({ rule: 'cpu', nodes });
    else if (/Insufficient memory/i.test(text)) reasons.push({ rule: 'memory', nodes });
    else if (/Too many pods/i.test(text)) reasons.push({ rule: 'pods', nodes });
    else reasons.push({ rule: 'other', nodes, detail: text });
  }
  return { available: Number(head[1]), total: Number(head[2]), reasons };
}

export function explainPod(pod: KPod, events: readonly KEvent[] = []): Explanation {
  if (pod.meta.deleting) return { code: 'terminating', params: { since: pod.meta.deleting } };
  const statuses = pod.containerStatuses;
  for (const s of statuses) {
    const reason = s.state.reason ?? '';
    if (s.state.state === 'waiting' && (reason === 'ImagePullBackOff' || reason === 'ErrImagePull' || reason === 'ErrImageNeverPull' || reason === 'InvalidImageName')) {
      return { code: 'image-pull', container: s.name, params: { image: s.image, reason, message: s.state.message ?? lastWarning(events, pod, /Failed|ErrImage|BackOff/) ?? '' } };
    }
    if (s.state.state === 'waiting' && reason === 'CrashLoopBackOff') {
      return {
        code: 'crash-loop',
        container: s.name,
        params: { restarts: s.restartCount, exitCode: s.last?.exitCode ?? '', lastReason: s.last?.reason ?? '', message: s.state.message ?? '' },
      };
    }
    if (s.state.state === 'waiting' && (reason === 'CreateContainerConfigError' || reason === 'CreateContainerError' || reason === 'RunContainerError')) {
      return { code: 'config-error', container: s.name, params: { reason, message: s.state.message ?? '' } };
    }
  }
  if (pod.phase === 'Pending') {
    const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False') {
      const message = scheduled.message ?? lastWarning(events, pod, /FailedScheduling/) ?? '';
      const parsed = parseSchedulingMessage(message);
      return {
        code: 'unschedulable',
        params: { available: parsed?.available ?? 0, total: parsed?.total ?? 0, message },
        ...(parsed ? { reasons: parsed.reasons } : {}),
      };
    }
    if (!pod.nodeName) return { code: 'scheduling', params: {} };
    const waiting = statuses.find((s) => s.state.state === 'waiting');
    if (!statuses.length || waiting?.state.reason === 'ContainerCreating' || waiting?.state.reason === 'PodInitializing') {
      return { code: 'creating', params: { node: pod.nodeName } };
    }
    return { code: 'waiting', params: { reason: waiting?.state.reason ?? '', message: waiting?.state.message ?? '' }, ...(waiting ? { container: waiting.name } : {}) };
  }
  if (pod.phase === 'Succeeded') return { code: 'succeeded', params: {} };
  if (pod.phase === 'Failed') return { code: 'failed', params: { reason: pod.reason ?? '', message: pod.message ?? '' } };
  if (pod.phase === 'Running') {
    const oom = statuses.find((s) => s.last?.reason === 'OOMKilled');
    if (!podReady(pod)) {
      if (oom) return { code: 'oom-killed', container: oom.name, params: { restarts: oom.restartCount } };
      const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
      return { code: 'not-ready', params: { containers: notReady.join(', ') } };
    }
    const restarts = statuses.reduce((n, s) => n + s.restartCount, 0);
    return { code: 'running', params: { node: pod.nodeName ?? '', restarts } };
  }
  return { code: 'unknown', params: { phase: pod.phase } };
}

function lastWarning(events: readonly KEvent[], pod: KPod, reason: RegExp): string | undefined {
  return events
    .filter((e) => e.involved.kind === 'Pod' && e.involved.name === pod.meta.name && e.involved.namespace === pod.meta.namespace && reason.test(e.reason))
    .sort((a, b) => ((a.last ?? '') < (b.last ?? '') ? -1 : 1))
    .at(-1)?.message;
}

/** The facts of an event's message that its sentence needs (kube:events.<reason>). */
export function eventFacts(event: KEvent): Record<string, string> {
  const m = event.message;
  const facts: Record<string, string> = { object: event.involved.name, kind: event.involved.kind, message: m };
  const grab = (re: RegExp, ...keys: string[]): void => {
    const hit = re.exec(m);
    if (hit) keys.forEach((k, i) => (facts[k] = hit[i + 1] ?? ''));
  };
  switch (event.reason) {
    case 'Scheduled':
      grab(/assigned \S+ to (\S+)/, 'node');
      break;
    case 'Pulling':
    case 'Pulled':
      grab(/image "([^"]+)"/, 'image');
      break;
    case 'Created':
    case 'Started':
    case 'Killing':
      grab(/container:? (\S+)/, 'container');
      break;
    case 'ScalingReplicaSet':
      grab(/Scaled (up|down) replica set (\S+) (?:to|from) (\d+)(?: from (\d+))?/, 'direction', 'replicaSet', 'to', 'from');
      break;
    case 'SuccessfulCreate':
    case 'SuccessfulDelete':
      grab(/pod: (\S+)/, 'pod');
      break;
    case 'BackOff':
      grab(/container (\S+)/, 'container');
      break;
  }
  return facts;
}
