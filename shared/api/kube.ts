import { z } from 'zod';

import { SessionEvent } from '../dto/containers';
import {
  AccessAnswer,
  ApplyMode,
  ApplyResult,
  ClusterOverview,
  DoctorReport,
  DrainOptions,
  DrainPreview,
  DrainProgress,
  DrainResult,
  Grant,
  KubeConnection,
  KubeContexts,
  KubeLogBatch,
  KubeResource,
  PracticeState,
  RbacSubjectRef,
  RolloutHistory,
  RolloutStep,
  WatchEvent,
} from '../dto/kube';
import { KubeLabelName, KubeName } from '../rules/kube-names';
import { ImageReference } from '../rules/names';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

/** The most a manifest text may hold (1 MiB): more than any course or project file. */
export const MANIFEST_LIMIT = 1024 * 1024;

// Kubernetes' naming rules: what reaches the API's URLs is checked here first.
const label = KubeLabelName;
const subdomain = KubeName;
/** A context's name is whatever the kubeconfig calls it (EKS uses ARNs); printable, one line. */
const Context = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\P{Cc}+$/u);
const Namespace = label;
const Name = subdomain;
const Image = z.string().trim().pipe(ImageReference);

const InContext = { context: Context };
const Workload = { ...InContext, namespace: Namespace, name: Name };

/** Kubernetes: contexts and connections, live lists, workloads and rollouts, nodes and drains, apply with the doctor, RBAC, logs and terminals, the practice cluster. */
export const kubeMethods = {
  'kube.contexts': {
    summary: 'The contexts of the kubeconfig as kubectl finds it (KUBECONFIG merged, or ~/.kube/config), the practice cluster while it runs, and what could not be read.',
    params: NoParams,
    result: KubeContexts,
  },
  'kube.connection': {
    summary: "A context's connection: connected with the version, or why not in words.",
    params: z.object(InContext).strict(),
    result: KubeConnection,
  },
  'kube.reconnect': {
    summary: 'Tries to reach the context now instead of waiting for the next retry.',
    params: z.object(InContext).strict(),
    result: KubeConnection,
  },
  'kube.overview': {
    summary: 'Version, the components the cluster shows, and whether NetworkPolicies are enforced.',
    params: z.object(InContext).strict(),
    result: ClusterOverview,
  },
  'kube.scale': {
    summary: '`kubectl scale deployment/NAME --replicas=N` through the scale subresource.',
    params: z.object({ ...Workload, kind: z.enum(['deployment', 'replicaset']).default('deployment'), replicas: z.number().int().min(0).max(1000) }).strict(),
    result: z.object({ replicas: z.number() }),
  },
  'kube.rollout': {
    summary: '`kubectl rollout restart|pause|resume deployment/NAME`.',
    params: z.object({ ...Workload, verb: z.enum(['restart', 'pause', 'resume']) }).strict(),
    result: z.null(),
  },
  'kube.rollout.setImage': {
    summary: '`kubectl set image deployment/NAME CONTAINER=IMAGE`.',
    params: z.object({ ...Workload, container: label, image: Image }).strict(),
    result: z.null(),
  },
  'kube.rollout.history': {
    summary: "`kubectl rollout history`: each revision's ReplicaSet, images, change cause and pod template.",
    params: z.object(Workload).strict(),
    result: RolloutHistory,
  },
  'kube.rollout.undo': {
    summary: '`kubectl rollout undo [--to-revision=N]`: the old ReplicaSet is reused under the next revision number.',
    params: z.object({ ...Workload, toRevision: z.number().int().min(1).optional() }).strict(),
    result: z.object({ outcome: z.enum(['rolled-back', 'unchanged']), revision: z.number() }),
  },
  'kube.rollout.step': {
    summary: 'One step of a step-through rollout: resume, wait for one more new pod available, pause again (cancellable).',
    params: z.object(Workload).strict(),
    result: RolloutStep,
  },
  'kube.nodes.cordon': {
    summary: '`kubectl cordon NODE` (cordon: true) or `kubectl uncordon NODE`.',
    params: z.object({ ...InContext, node: Name, cordon: z.boolean() }).strict(),
    result: z.null(),
  },
  'kube.drain.preview': {
    summary: 'What `kubectl drain` would do with each pod of the node, before anything is done; with the API and planning times.',
    params: z.object({ ...InContext, node: Name, options: DrainOptions }).strict(),
    result: DrainPreview,
  },
  'kube.drain.run': {
    summary: '`kubectl drain`: cordon, evict through the eviction API (budget refusals retried), done when the pods are gone and replaced; cancellable.',
    params: z.object({ ...InContext, node: Name, options: DrainOptions }).strict(),
    result: DrainResult,
    progress: DrainProgress,
  },
  'kube.apply.check': {
    summary: 'The manifest doctor: YAML, names, selectors, namespaces and (with a context) the cluster schema, before anything is sent.',
    params: z.object({ context: Context.optional(), text: z.string().max(MANIFEST_LIMIT), namespace: Namespace.default('default') }).strict(),
    result: DoctorReport,
  },
  'kube.apply.run': {
    summary: '`kubectl apply --server-side -f` or `kubectl create -f`, optionally as a server-side dry run with the live object beside the result; each document answered.',
    params: z.object({ ...InContext, text: z.string().min(1).max(MANIFEST_LIMIT), mode: ApplyMode.default('apply'), dryRun: z.boolean().default(true), namespace: Namespace.default('default') }).strict(),
    result: ApplyResult,
  },
  'kube.rbac.grants': {
    summary: 'What a subject may do: the bindings that name it (directly or through its groups) and the rules of their roles.',
    params: z.object({ ...InContext, subject: RbacSubjectRef }).strict(),
    result: z.array(Grant),
  },
  'kube.rbac.canI': {
    summary: '`kubectl auth can-i VERB RESOURCE [--as]`: the cluster answers (SubjectAccessReview), or the rules do where it may not be asked.',
    params: z
      .object({
        ...InContext,
        subject: RbacSubjectRef.optional(),
        verb: z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'bind', 'escalate', '*']),
        resource: z
          .string()
          .min(1)
          .max(100)
          .regex(/^(\*|[a-z0-9.-]+)(\/[a-z]+)?$/),
        group: z
          .string()
          .max(253)
          .regex(/^([a-z0-9.-]*|\*)$/)
          .default(''),
        namespace: Namespace.optional(),
        name: Name.optional(),
      })
      .strict(),
    result: AccessAnswer,
  },
  'kube.exec.open': {
    summary: '`kubectl exec -it POD -c CONTAINER -- COMMAND`: prepares a terminal; subscribe to kube.exec to run it.',
    params: z
      .object({
        ...InContext,
        namespace: Namespace,
        pod: Name,
        container: label,
        command: z.array(z.string().max(4096)).min(1).max(64).default(['sh']),
        cols: z.number().int().min(1).max(1000).default(80),
        rows: z.number().int().min(1).max(1000).default(24),
      })
      .strict(),
    result: z.object({ session: z.string() }),
  },
  'kube.exec.input': {
    summary: 'Keystrokes for a running terminal.',
    params: z.object({ session: z.string().max(64), data: z.string().max(65_536) }).strict(),
    result: z.object({ ok: z.boolean() }),
  },
  'kube.exec.resize': {
    summary: 'The terminal size changed.',
    params: z.object({ session: z.string().max(64), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(),
    result: z.object({ ok: z.boolean() }),
  },
  'kube.practice.state': {
    summary: "Lotse's practice cluster: stopped, starting, running (started by Lotse or found running).",
    params: NoParams,
    result: PracticeState,
  },
  'kube.practice.start': {
    summary: 'Starts the practice cluster (`npm run cluster`): a Kubernetes API server of its own, pods as containers on the Docker engine.',
    params: NoParams,
    result: PracticeState,
  },
  'kube.practice.stop': {
    summary: 'Stops the practice cluster Lotse started; its containers are removed, its objects kept.',
    params: NoParams,
    result: PracticeState,
  },
} as const satisfies Record<string, MethodSpec>;

export const kubeTopics = {
  'kube.watch': {
    summary: 'One resource of a context, live: the list, then changes in batches (list-then-watch; re-listed after 410 Gone or a reconnect).',
    params: z.object({ ...InContext, resource: KubeResource, namespace: Namespace.optional() }).strict(),
    event: WatchEvent,
  },
  'kube.connection': {
    summary: "A context's connection state; sent at once on subscribe and on every change.",
    params: z.object(InContext).strict(),
    event: KubeConnection,
  },
  'kube.practice': {
    summary: "The practice cluster's state; sent at once on subscribe and on every change.",
    params: NoParams,
    event: PracticeState,
  },
  'kube.logs': {
    summary: '`kubectl logs POD -c CONTAINER [-f] [--previous] [--tail=N]` in batches of lines.',
    params: z
      .object({
        ...InContext,
        namespace: Namespace,
        pod: Name,
        container: label,
        follow: z.boolean().default(true),
        previous: z.boolean().default(false),
        tail: z.number().int().min(0).max(100_000).optional(),
      })
      .strict(),
    event: KubeLogBatch,
  },
  'kube.exec': {
    summary: 'The output of a terminal opened with kube.exec.open; unsubscribing ends it.',
    params: z.object({ session: z.string().max(64) }).strict(),
    event: SessionEvent,
  },
} as const satisfies Record<string, TopicSpec>;
