import type { WatchEvent } from '@shared/dto/kube';
import { applyWatchEvent, emptyList, type ListState } from '@shared/kube/reducer';

import type { AreaHandlers } from './area';

const lists = new WeakMap<WatchEvent, ListState>();

/** The list so far as one `reset` event (what a joining subscriber needs), kept with the reducer the renderer uses. */
export function foldWatch(state: WatchEvent | undefined, event: WatchEvent): WatchEvent {
  const list = applyWatchEvent((state && lists.get(state)) ?? emptyList(), event);
  // Refused before anything was listed: the joiner learns that, not an empty list.
  if (list.stale && !list.items.size) return event;
  const folded: WatchEvent = { kind: 'reset', resourceVersion: list.resourceVersion, items: [...list.items.values()] };
  lists.set(folded, list);
  return folded;
}

/** The Kubernetes area: every method a request to the learner's cluster (or the practice cluster), through the kube service. */
export const kubeHandlers: AreaHandlers<'kube', 'kube'> = {
  services: { kube: true },
  methods: ({ kube }) => ({
    'kube.contexts': () => kube.contexts(),
    'kube.connection': (p) => kube.state(p.context),
    'kube.reconnect': (p) => kube.reconnect(p.context),
    'kube.overview': (p) => kube.overview(p.context),
    'kube.scale': (p) => kube.scale(p.context, p.kind === 'deployment' ? 'deployments' : 'replicasets', p.namespace, p.name, p.replicas),
    'kube.rollout': (p) => kube.rollout(p.context, p.namespace, p.name, p.verb),
    'kube.rollout.setImage': (p) => kube.setImage(p.context, p.namespace, p.name, p.container, p.image),
    'kube.rollout.history': (p) => kube.history(p.context, p.namespace, p.name),
    'kube.rollout.undo': (p) => kube.undo(p.context, p.namespace, p.name, p.toRevision),
    'kube.rollout.step': (p, ctx) => kube.step(p.context, p.namespace, p.name, ctx.signal),
    'kube.nodes.cordon': (p) => kube.cordon(p.context, p.node, p.cordon),
    'kube.drain.preview': async (p) => kube.drainPreview(p.context, p.node, p.options, await kube.target(p.context)),
    'kube.drain.run': async (p, ctx) => kube.drain(p.context, p.node, p.options, await kube.target(p.context), ctx.signal, (progress) => ctx.progress(progress)),
    'kube.apply.check': (p) => kube.doctor(p.context, p.text, p.namespace),
    'kube.apply.run': async (p) => kube.apply(p.context, p.text, p.mode, p.dryRun, p.namespace, await kube.target(p.context)),
    'kube.rbac.grants': (p) => kube.grants(p.context, p.subject),
    'kube.rbac.canI': async (p) =>
      kube.canI(p.context, { verb: p.verb, resource: p.resource, group: p.group, namespace: p.namespace, name: p.name, subject: p.subject }, await kube.target(p.context)),
    'kube.exec.open': (p) =>
      Promise.resolve(kube.openSession(p.context, { namespace: p.namespace, pod: p.pod, container: p.container, command: p.command, cols: p.cols, rows: p.rows })),
    'kube.exec.input': (p) => Promise.resolve(kube.sessions.input(p.session, p.data)),
    'kube.exec.resize': (p) => Promise.resolve(kube.sessions.resize(p.session, p.cols, p.rows)),
    'kube.practice.state': () => kube.practice.detect(),
    'kube.practice.start': () => kube.startPractice(),
    'kube.practice.stop': () => kube.stopPractice(),
  }),
  topics: ({ kube }) => ({
    'kube.watch': {
      open: (p, emit) => kube.watch(p.context, p.resource, p.namespace, emit),
      // A window that joins a running watch starts from the whole list, not from the last batch.
      replayLast: true,
      fold: foldWatch,
    },
    'kube.connection': {
      replayLast: true,
      open: (p, emit) => {
        const connection = kube.connection(p.context);
        emit(connection.state);
        return connection.onState(emit);
      },
    },
    'kube.practice': {
      replayLast: true,
      open: (_p, emit) => {
        emit(kube.practice.state);
        void kube.practice.detect();
        return kube.practice.onState(emit);
      },
    },
    'kube.logs': {
      open: (p, emit, end) =>
        kube.logs(p.context, { namespace: p.namespace, pod: p.pod, container: p.container, follow: p.follow, previous: p.previous, tail: p.tail }, emit, end),
    },
    'kube.exec': { open: (p, emit) => kube.runSession(p.session, emit) },
  }),
};
