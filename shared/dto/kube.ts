import { z } from 'zod';

import { ErrorData } from '../errors';

/**
 * Kubernetes objects as Lotse shows them: plain JSON of our own, trimmed to what the views and the pure
 * logic (shared/kube) read. The service turns the API's objects into these; client-node's types stay there.
 */

/** The resources Lotse lists and watches (their plural names, as in the API's paths). */
export const KubeResource = z.enum([
  'namespaces',
  'nodes',
  'pods',
  'deployments',
  'replicasets',
  'daemonsets',
  'services',
  'endpointslices',
  'networkpolicies',
  'events',
  'serviceaccounts',
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
  'poddisruptionbudgets',
]);
export type KubeResource = z.infer<typeof KubeResource>;

const Labels = z.record(z.string(), z.string());

export const OwnerRef = z.object({ kind: z.string(), name: z.string(), uid: z.string(), controller: z.boolean() });
export type OwnerRef = z.infer<typeof OwnerRef>;

export const Meta = z.object({
  uid: z.string(),
  name: z.string(),
  /** Absent for cluster-scoped objects. */
  namespace: z.string().optional(),
  resourceVersion: z.string(),
  generation: z.number().optional(),
  labels: Labels,
  /** Without kubectl's last-applied-configuration (it repeats the object). */
  annotations: Labels,
  /** ISO time. */
  created: z.string(),
  /** ISO time: the object is being deleted. */
  deleting: z.string().optional(),
  owners: z.array(OwnerRef),
});
export type Meta = z.infer<typeof Meta>;

export const SelectorRequirement = z.object({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
  values: z.array(z.string()),
});
export type SelectorRequirement = z.infer<typeof SelectorRequirement>;

/** A label selector; `{}` selects everything. */
export const LabelSelector = z.object({ matchLabels: Labels, matchExpressions: z.array(SelectorRequirement) });
export type LabelSelector = z.infer<typeof LabelSelector>;

export const Condition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  /** ISO time. */
  since: z.string().optional(),
});
export type Condition = z.infer<typeof Condition>;

export const ContainerPort = z.object({ containerPort: z.number(), protocol: z.string(), name: z.string().optional() });
export type ContainerPort = z.infer<typeof ContainerPort>;

export const ContainerSpec = z.object({
  name: z.string(),
  image: z.string(),
  ports: z.array(ContainerPort),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  /** Resource requests as quantities (`100m`, `64Mi`). */
  requests: Labels,
  limits: Labels,
});
export type ContainerSpec = z.infer<typeof ContainerSpec>;

export const Toleration = z.object({
  key: z.string().optional(),
  operator: z.string().optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
});
export type Toleration = z.infer<typeof Toleration>;

export const ContainerState = z.object({
  state: z.enum(['waiting', 'running', 'terminated', 'unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  exitCode: z.number().optional(),
  /** ISO times. */
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type ContainerState = z.infer<typeof ContainerState>;

export const ContainerStatus = z.object({
  name: z.string(),
  image: z.string(),
  ready: z.boolean(),
  restartCount: z.number(),
  state: ContainerState,
  /** The state before the last restart (CrashLoopBackOff: its exit code). */
  last: ContainerState.optional(),
});
export type ContainerStatus = z.infer<typeof ContainerStatus>;

export const PodVolume = z.object({ name: z.string(), type: z.string() });

const base = <K extends string>(kind: K): { kind: z.ZodLiteral<K>; meta: typeof Meta } => ({ kind: z.literal(kind), meta: Meta });

export const KPod = z.object({
  ...base('Pod'),
  nodeName: z.string().optional(),
  containers: z.array(ContainerSpec),
  initContainers: z.array(z.string()),
  volumes: z.array(PodVolume),
  nodeSelector: Labels,
  tolerations: z.array(Toleration),
  serviceAccount: z.string().optional(),
  restartPolicy: z.string(),
  phase: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  podIP: z.string().optional(),
  hostIP: z.string().optional(),
  startTime: z.string().optional(),
  conditions: z.array(Condition),
  containerStatuses: z.array(ContainerStatus),
});
export type KPod = z.infer<typeof KPod>;

export const Taint = z.object({ key: z.string(), value: z.string().optional(), effect: z.string() });
export type Taint = z.infer<typeof Taint>;

export const KNode = z.object({
  ...base('Node'),
  unschedulable: z.boolean(),
  taints: z.array(Taint),
  conditions: z.array(Condition),
  addresses: z.array(z.object({ type: z.string(), address: z.string() })),
  capacity: Labels,
  allocatable: Labels,
  info: z.object({ kubelet: z.string(), runtime: z.string(), os: z.string(), kernel: z.string(), arch: z.string() }),
});
export type KNode = z.infer<typeof KNode>;

export const PodTemplate = z.object({ labels: Labels, annotations: Labels, containers: z.array(ContainerSpec) });
export type PodTemplate = z.infer<typeof PodTemplate>;

const IntOrString = z.union([z.number(), z.string()]);

export const KDeployment = z.object({
  ...base('Deployment'),
  replicas: z.number(),
  selector: LabelSelector,
  strategy: z.object({ type: z.string(), maxSurge: IntOrString.optional(), maxUnavailable: IntOrString.optional() }),
  paused: z.boolean(),
  minReadySeconds: z.number(),
  revisionHistoryLimit: z.number().optional(),
  template: PodTemplate,
  /** deployment.kubernetes.io/revision */
  revision: z.string().optional(),
  status: z.object({
    observedGeneration: z.number().optional(),
    replicas: z.number(),
    updatedReplicas: z.number(),
    readyReplicas: z.number(),
    availableReplicas: z.number(),
    unavailableReplicas: z.number(),
    conditions: z.array(Condition),
  }),
});
export type KDeployment = z.infer<typeof KDeployment>;

export const KReplicaSet = z.object({
  ...base('ReplicaSet'),
  replicas: z.number(),
  selector: LabelSelector,
  template: PodTemplate,
  revision: z.string().optional(),
  changeCause: z.string().optional(),
  status: z.object({ replicas: z.number(), readyReplicas: z.number(), availableReplicas: z.number() }),
});
export type KReplicaSet = z.infer<typeof KReplicaSet>;

export const KDaemonSet = z.object({
  ...base('DaemonSet'),
  selector: LabelSelector,
  template: PodTemplate,
  status: z.object({ desired: z.number(), current: z.number(), ready: z.number(), available: z.number(), updated: z.number() }),
});
export type KDaemonSet = z.infer<typeof KDaemonSet>;

export const ServicePort = z.object({
  name: z.string().optional(),
  protocol: z.string(),
  port: z.number(),
  targetPort: IntOrString.optional(),
  nodePort: z.number().optional(),
});
export type ServicePort = z.infer<typeof ServicePort>;

export const KService = z.object({
  ...base('Service'),
  type: z.string(),
  clusterIP: z.string().optional(),
  /** Absent: the service has no selector (its endpoints are managed by hand). */
  selector: Labels.optional(),
  ports: z.array(ServicePort),
  externalIPs: z.array(z.string()),
  loadBalancer: z.array(z.object({ ip: z.string().optional(), hostname: z.string().optional() })),
  externalName: z.string().optional(),
});
export type KService = z.infer<typeof KService>;

export const KEndpointSlice = z.object({
  ...base('EndpointSlice'),
  /** kubernetes.io/service-name */
  service: z.string().optional(),
  endpoints: z.array(
    z.object({
      addresses: z.array(z.string()),
      ready: z.boolean(),
      terminating: z.boolean(),
      pod: z.string().optional(),
      node: z.string().optional(),
    }),
  ),
  ports: z.array(z.object({ name: z.string().optional(), port: z.number().optional(), protocol: z.string().optional() })),
});
export type KEndpointSlice = z.infer<typeof KEndpointSlice>;

export const PolicyPeer = z.object({
  podSelector: LabelSelector.optional(),
  namespaceSelector: LabelSelector.optional(),
  ipBlock: z.object({ cidr: z.string(), except: z.array(z.string()) }).optional(),
});
export type PolicyPeer = z.infer<typeof PolicyPeer>;

export const PolicyPort = z.object({ protocol: z.string().optional(), port: IntOrString.optional(), endPort: z.number().optional() });
export type PolicyPort = z.infer<typeof PolicyPort>;

/** One ingress or egress rule; `peers` empty: every peer; `ports` empty: every port. */
export const PolicyRule = z.object({ peers: z.array(PolicyPeer), ports: z.array(PolicyPort) });
export type PolicyRule = z.infer<typeof PolicyRule>;

export const KNetworkPolicy = z.object({
  ...base('NetworkPolicy'),
  podSelector: LabelSelector,
  /** As written; empty: the API's default (Ingress, plus Egress when egress rules exist). */
  policyTypes: z.array(z.string()),
  ingress: z.array(PolicyRule),
  egress: z.array(PolicyRule),
});
export type KNetworkPolicy = z.infer<typeof KNetworkPolicy>;

export const KEvent = z.object({
  ...base('Event'),
  involved: z.object({ kind: z.string(), name: z.string(), namespace: z.string().optional(), uid: z.string().optional() }),
  reason: z.string(),
  message: z.string(),
  type: z.string(),
  count: z.number(),
  /** ISO time of the last occurrence. */
  last: z.string().optional(),
  source: z.string().optional(),
});
export type KEvent = z.infer<typeof KEvent>;

export const KServiceAccount = z.object({ ...base('ServiceAccount') });
export type KServiceAccount = z.infer<typeof KServiceAccount>;

export const PolicyRuleRbac = z.object({
  apiGroups: z.array(z.string()),
  resources: z.array(z.string()),
  verbs: z.array(z.string()),
  resourceNames: z.array(z.string()),
  nonResourceURLs: z.array(z.string()),
});
export type PolicyRuleRbac = z.infer<typeof PolicyRuleRbac>;

export const KRole = z.object({ ...base('Role'), rules: z.array(PolicyRuleRbac) });
export type KRole = z.infer<typeof KRole>;
export const KClusterRole = z.object({ ...base('ClusterRole'), rules: z.array(PolicyRuleRbac), aggregated: z.boolean() });
export type KClusterRole = z.infer<typeof KClusterRole>;

export const RbacSubject = z.object({ kind: z.string(), name: z.string(), namespace: z.string().optional() });
export type RbacSubject = z.infer<typeof RbacSubject>;
const RoleRef = z.object({ kind: z.string(), name: z.string() });

export const KRoleBinding = z.object({ ...base('RoleBinding'), roleRef: RoleRef, subjects: z.array(RbacSubject) });
export type KRoleBinding = z.infer<typeof KRoleBinding>;
export const KClusterRoleBinding = z.object({ ...base('ClusterRoleBinding'), roleRef: RoleRef, subjects: z.array(RbacSubject) });
export type KClusterRoleBinding = z.infer<typeof KClusterRoleBinding>;

export const KPodDisruptionBudget = z.object({
  ...base('PodDisruptionBudget'),
  selector: LabelSelector.optional(),
  minAvailable: IntOrString.optional(),
  maxUnavailable: IntOrString.optional(),
  status: z.object({ currentHealthy: z.number(), desiredHealthy: z.number(), disruptionsAllowed: z.number(), expectedPods: z.number() }),
});
export type KPodDisruptionBudget = z.infer<typeof KPodDisruptionBudget>;

export const KNamespace = z.object({ ...base('Namespace'), phase: z.string() });
export type KNamespace = z.infer<typeof KNamespace>;

export const KubeObject = z.discriminatedUnion('kind', [
  KNamespace,
  KNode,
  KPod,
  KDeployment,
  KReplicaSet,
  KDaemonSet,
  KService,
  KEndpointSlice,
  KNetworkPolicy,
  KEvent,
  KServiceAccount,
  KRole,
  KClusterRole,
  KRoleBinding,
  KClusterRoleBinding,
  KPodDisruptionBudget,
]);
export type KubeObject = z.infer<typeof KubeObject>;

/** Each resource's object type. */
export interface KubeObjectOf {
  namespaces: KNamespace;
  nodes: KNode;
  pods: KPod;
  deployments: KDeployment;
  replicasets: KReplicaSet;
  daemonsets: KDaemonSet;
  services: KService;
  endpointslices: KEndpointSlice;
  networkpolicies: KNetworkPolicy;
  events: KEvent;
  serviceaccounts: KServiceAccount;
  roles: KRole;
  clusterroles: KClusterRole;
  rolebindings: KRoleBinding;
  clusterrolebindings: KClusterRoleBinding;
  poddisruptionbudgets: KPodDisruptionBudget;
}

export const WatchChange = z.object({ type: z.enum(['ADDED', 'MODIFIED', 'DELETED']), object: KubeObject });
export type WatchChange = z.infer<typeof WatchChange>;

/**
 * What a watch subscription receives: the whole list (first, and after every re-list: on 410 Gone or a
 * reconnect), then changes in batches; `stale` while the watch is down and the list may be behind.
 */
export const WatchEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reset'), resourceVersion: z.string(), items: z.array(KubeObject) }),
  z.object({ kind: z.literal('changes'), changes: z.array(WatchChange) }),
  z.object({ kind: z.literal('stale'), error: ErrorData }),
]);
export type WatchEvent = z.infer<typeof WatchEvent>;

// ----------------------------------------------------------------------------------------------
// Contexts and the connection

/** How a context's user signs in. */
export const AuthKind = z.enum(['client-certificate', 'token', 'exec', 'basic', 'auth-provider', 'none']);
export type AuthKind = z.infer<typeof AuthKind>;

export const KubeContext = z.object({
  name: z.string(),
  cluster: z.string(),
  user: z.string(),
  server: z.string(),
  /** The context's default namespace (`default` when it names none). */
  namespace: z.string(),
  current: z.boolean(),
  /** The kubeconfig file that defines the context. */
  file: z.string(),
  auth: AuthKind,
  /** Exec plugins: the command (gke-gcloud-auth-plugin, aws, kubelogin …). */
  execCommand: z.string().optional(),
  /** Lotse's practice cluster. */
  practice: z.boolean(),
});
export type KubeContext = z.infer<typeof KubeContext>;

/** A kubeconfig file that could not be read, with where. */
export const KubeconfigProblem = z.object({
  file: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  /** yaml: not YAML; shape: YAML but not a kubeconfig; missing: a KUBECONFIG entry that does not exist; reference: a context names a cluster or user that no file defines. */
  kind: z.enum(['yaml', 'shape', 'missing', 'reference']),
  message: z.string(),
});
export type KubeconfigProblem = z.infer<typeof KubeconfigProblem>;

export const KubeContexts = z.object({
  contexts: z.array(KubeContext),
  /** The files read, in kubectl's order (KUBECONFIG, or ~/.kube/config). */
  files: z.array(z.string()),
  /** Where they came from: the KUBECONFIG variable or the default file. */
  source: z.enum(['KUBECONFIG', 'default']),
  current: z.string().optional(),
  problems: z.array(KubeconfigProblem),
});
export type KubeContexts = z.infer<typeof KubeContexts>;

/** Why the cluster cannot be used, in a form the UI words. */
export const AuthProblem = z.object({
  kind: z.enum(['exec-missing', 'exec-failed', 'token-expired', 'unauthorized', 'certificate', 'tls']),
  /** The exec plugin, or the certificate's file. */
  subject: z.string().optional(),
  detail: z.string().optional(),
});
export type AuthProblem = z.infer<typeof AuthProblem>;

export const KubeConnection = z.object({
  context: z.string(),
  status: z.enum(['connecting', 'connected', 'unreachable', 'unauthorized', 'error']),
  everConnected: z.boolean(),
  server: z.string(),
  version: z.string().optional(),
  error: ErrorData.optional(),
  auth: AuthProblem.optional(),
  /** The next attempt, while unreachable. */
  retryInMs: z.number().optional(),
  attempt: z.number(),
});
export type KubeConnection = z.infer<typeof KubeConnection>;

// ----------------------------------------------------------------------------------------------
// The cluster overview

export const ControlPlaneComponent = z.object({
  /** api-server, etcd, scheduler, controller-manager, cloud-controller-manager, kubelet, kube-proxy, runtime */
  component: z.string(),
  /** Where it shows: a pod, a node's field, or nowhere this cluster reveals. */
  shownAs: z.enum(['pod', 'node', 'api', 'hidden']),
  pods: z.array(z.object({ name: z.string(), namespace: z.string(), node: z.string().optional(), ready: z.boolean() })),
  detail: z.string().optional(),
});
export type ControlPlaneComponent = z.infer<typeof ControlPlaneComponent>;

export const ClusterOverview = z.object({
  version: z.string(),
  platform: z.string().optional(),
  /** Whether NetworkPolicies are enforced: `no` when the cluster says so, `likely` with a known network plugin. */
  policyEnforcement: z.enum(['no', 'likely', 'unknown']),
  networkPlugin: z.string().optional(),
  components: z.array(ControlPlaneComponent),
  practice: z.boolean(),
});
export type ClusterOverview = z.infer<typeof ClusterOverview>;

// ----------------------------------------------------------------------------------------------
// Rollouts

export const Revision = z.object({
  revision: z.number(),
  replicaSet: z.string(),
  images: z.array(z.string()),
  changeCause: z.string().optional(),
  created: z.string(),
  replicas: z.number(),
  current: z.boolean(),
  /** The pod template as YAML, for the diff between two revisions. */
  template: z.string(),
  /** Revisions this ReplicaSet held before (deployment.kubernetes.io/revision-history): a rollback reused it. */
  earlier: z.array(z.number()),
});
export type Revision = z.infer<typeof Revision>;

export const RolloutHistory = z.object({ deployment: z.string(), namespace: z.string(), revisions: z.array(Revision) });
export type RolloutHistory = z.infer<typeof RolloutHistory>;

export const RolloutStep = z.object({
  /** done: the rollout is complete; paused: one more pod was replaced and the rollout waits again. */
  outcome: z.enum(['paused', 'done', 'timeout']),
  updated: z.number(),
  ready: z.number(),
  desired: z.number(),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

// ----------------------------------------------------------------------------------------------
// Drain

export const DrainOptions = z
  .object({
    ignoreDaemonsets: z.boolean().default(false),
    deleteEmptydirData: z.boolean().default(false),
    force: z.boolean().default(false),
    /** Seconds; absent: each pod's own terminationGracePeriodSeconds. */
    gracePeriod: z.number().int().min(0).max(3600).optional(),
    /** Seconds to wait in all; 0: no limit (kubectl's default). */
    timeout: z.number().int().min(0).max(86_400).default(0),
  })
  .strict();
export type DrainOptions = z.infer<typeof DrainOptions>;

export const DrainAction = z.enum([
  'evict',
  'wait-budget',
  'blocked-budget',
  'skip-daemonset',
  'skip-mirror',
  'terminating',
  'refuse-daemonset',
  'refuse-unmanaged',
  'refuse-emptydir',
  'delete-finished',
]);
export type DrainAction = z.infer<typeof DrainAction>;

export const DrainPodPlan = z.object({
  namespace: z.string(),
  name: z.string(),
  action: DrainAction,
  /** The owner chain, nearest first: ReplicaSet, Deployment. */
  owners: z.array(z.object({ kind: z.string(), name: z.string() })),
  /** Nodes a replacement fits on (controllers that recreate the pod elsewhere). */
  fitsOn: z.array(z.string()),
  /** Why it fits nowhere, when it does not. */
  fitsNowhere: z.string().optional(),
  budget: z
    .object({
      name: z.string(),
      disruptionsAllowed: z.number(),
      currentHealthy: z.number(),
      desiredHealthy: z.number(),
      expectedPods: z.number(),
      /** The budget allows no disruption at all, whatever happens (e.g. minAvailable equals the replicas). */
      never: z.boolean(),
    })
    .optional(),
  emptyDir: z.array(z.string()),
});
export type DrainPodPlan = z.infer<typeof DrainPodPlan>;

export const DrainPlan = z.object({
  node: z.string(),
  cordoned: z.boolean(),
  pods: z.array(DrainPodPlan),
  /** False when kubectl would stop before evicting anything (a pod it refuses without a flag). */
  canProceed: z.boolean(),
  /** Flags that would let it proceed. */
  needs: z.array(z.enum(['--ignore-daemonsets', '--delete-emptydir-data', '--force'])),
  command: z.string(),
});
export type DrainPlan = z.infer<typeof DrainPlan>;

export const DrainPreview = z.object({
  plan: DrainPlan,
  /** How long the API took to answer the lists, and the planning itself (ms). */
  apiMs: z.number(),
  planMs: z.number(),
});
export type DrainPreview = z.infer<typeof DrainPreview>;

/** One step of a running drain, as a progress notification. */
export const DrainProgress = z.object({
  pod: z.object({ namespace: z.string(), name: z.string() }).optional(),
  phase: z.enum(['cordoned', 'evicting', 'evicted', 'budget-retry', 'gone', 'replaced', 'refused', 'failed', 'waiting']),
  message: z.string().optional(),
  attempt: z.number().optional(),
});
export type DrainProgress = z.infer<typeof DrainProgress>;

export const DrainResult = z.object({
  /** drained only when every evicted pod is gone and its replacement is scheduled. */
  outcome: z.enum(['drained', 'cancelled', 'refused', 'timeout', 'failed', 'not-started']),
  evicted: z.array(z.string()),
  remaining: z.array(z.string()),
  /** Replacements not yet scheduled when the drain ended. */
  unscheduled: z.array(z.string()),
  error: ErrorData.optional(),
  command: z.string(),
});
export type DrainResult = z.infer<typeof DrainResult>;

// ----------------------------------------------------------------------------------------------
// Apply and the manifest doctor

export const DoctorFinding = z.object({
  /** Which document (0-based) of the text. */
  doc: z.number(),
  severity: z.enum(['error', 'warning', 'info']),
  /** kube:doctor.<code> in the renderer. */
  code: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
  /** The field's path in the object (spec.ports[0].port). */
  path: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** A suggested edit: replace these lines with `text`. */
  fix: z.object({ fromLine: z.number(), toLine: z.number(), text: z.string() }).optional(),
});
export type DoctorFinding = z.infer<typeof DoctorFinding>;

export const ManifestDocSummary = z.object({
  index: z.number(),
  line: z.number(),
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});

export const DoctorReport = z.object({
  findings: z.array(DoctorFinding),
  docs: z.array(ManifestDocSummary),
  /** The text with every suggested fix applied. */
  mended: z.string(),
  /** No finding of severity error. */
  ok: z.boolean(),
  /** The cluster's schemas and facts took part. */
  cluster: z.boolean(),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

export const ApplyMode = z.enum(['apply', 'create']);
export type ApplyMode = z.infer<typeof ApplyMode>;

export const DocumentResult = z.object({
  doc: z.number(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  /** created/configured/unchanged as kubectl says; failed: the server refused it; skipped: not sent. */
  outcome: z.enum(['created', 'configured', 'unchanged', 'failed', 'skipped']),
  error: ErrorData.optional(),
  /** Dry run: the live object and what it would become, as YAML (live empty when new). */
  live: z.string().optional(),
  result: z.string().optional(),
  warnings: z.array(z.string()),
});
export type DocumentResult = z.infer<typeof DocumentResult>;

export const ApplyResult = z.object({
  dryRun: z.boolean(),
  mode: ApplyMode,
  documents: z.array(DocumentResult),
  command: z.string(),
});
export type ApplyResult = z.infer<typeof ApplyResult>;

// ----------------------------------------------------------------------------------------------
// RBAC

export const RbacSubjectRef = z
  .object({
    kind: z.enum(['ServiceAccount', 'User', 'Group']),
    name: z.string().min(1).max(253),
    namespace: z.string().max(63).optional(),
  })
  .strict();
export type RbacSubjectRef = z.infer<typeof RbacSubjectRef>;

export const Grant = z.object({
  binding: z.object({ kind: z.enum(['RoleBinding', 'ClusterRoleBinding']), name: z.string(), namespace: z.string().optional() }),
  role: z.object({ kind: z.string(), name: z.string() }),
  /** `*`: the whole cluster; else the namespace. */
  scope: z.string(),
  /** `self`, or the group through which the binding reaches the subject. */
  via: z.string(),
  rules: z.array(PolicyRuleRbac),
  roleMissing: z.boolean(),
  everything: z.boolean(),
});
export type GrantDto = z.infer<typeof Grant>;

export const AccessAnswer = z.object({
  allowed: z.boolean(),
  /** How the answer was found: the cluster's SubjectAccessReview, or Lotse's reading of the rules. */
  source: z.enum(['review', 'rules']),
  reason: z.string().optional(),
  command: z.string(),
});
export type AccessAnswer = z.infer<typeof AccessAnswer>;

// ----------------------------------------------------------------------------------------------
// Logs

export const KubeLogBatch = z.object({
  lines: z.array(z.string()),
  /** The stream ended (the container stopped, or follow was off). */
  ended: z.boolean(),
  error: ErrorData.optional(),
});
export type KubeLogBatch = z.infer<typeof KubeLogBatch>;

// ----------------------------------------------------------------------------------------------
// The practice cluster

export const PracticeState = z.object({
  status: z.enum(['stopped', 'starting', 'running', 'stopping', 'failed']),
  /** Its kubeconfig, once it serves. */
  kubeconfig: z.string().optional(),
  context: z.string(),
  server: z.string().optional(),
  /** The last lines it wrote, when it failed. */
  log: z.array(z.string()),
  /** Started by Lotse (and stopped with it), or found running. */
  ownedByLotse: z.boolean(),
});
export type PracticeState = z.infer<typeof PracticeState>;
