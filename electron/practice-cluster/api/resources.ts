/** The kinds the practice cluster serves, as discovery describes them. */
export interface Subresource {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceType {
  group: string;
  version: string;
  /** Plural name, e.g. `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  subresources?: Subresource[];
  /** Model name in @kubernetes/client-node, the source of the OpenAPI schema. */
  model: string;
  /** Has a status subresource: writes to the main resource keep the status, writes to /status keep the spec. */
  hasStatus?: boolean;
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];
const STATUS = (kind: string, group?: string): Subresource => ({ name: 'status', kind, ...(group !== undefined ? { group, version: 'v1' } : {}), verbs: ['get', 'patch', 'update'] });
const SCALE: Subresource = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };

export const RESOURCES: ResourceType[] = [
  { group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: [STATUS('Namespace'), { name: 'finalize', kind: 'Namespace', verbs: ['update'] }], model: 'V1Namespace', hasStatus: true },
  { group: '', version: 'v1', resource: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], verbs: ALL, subresources: [STATUS('Node')], model: 'V1Node', hasStatus: true },
  { group: '', version: 'v1', resource: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], verbs: ALL, model: 'V1Pod', hasStatus: true,
    subresources: [
      STATUS('Pod'),
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
    ] },
  { group: '', version: 'v1', resource: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], verbs: ALL, subresources: [STATUS('Service')], model: 'V1Service', hasStatus: true },
  { group: '', version: 'v1', resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], verbs: ALL, model: 'V1Endpoints' },
  { group: '', version: 'v1', resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], verbs: ALL, model: 'V1ConfigMap' },
  { group: '', version: 'v1', resource: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true, verbs: ALL, model: 'V1Secret' },
  { group: '', version: 'v1', resource: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], verbs: ALL, model: 'V1ServiceAccount' },
  { group: '', version: 'v1', resource: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: ALL, model: 'CoreV1Event' },
  { group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], verbs: ALL, subresources: [STATUS('Deployment', 'apps'), SCALE], model: 'V1Deployment', hasStatus: true },
  { group: 'apps', version: 'v1', resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'], verbs: ALL, subresources: [STATUS('ReplicaSet', 'apps'), SCALE], model: 'V1ReplicaSet', hasStatus: true },
  { group: 'apps', version: 'v1', resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], categories: ['all'], verbs: ALL, subresources: [STATUS('DaemonSet', 'apps')], model: 'V1DaemonSet', hasStatus: true },
  { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', namespaced: true, verbs: ALL, model: 'V1EndpointSlice' },
  { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', singular: 'networkpolicy', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'], verbs: ALL, model: 'V1NetworkPolicy' },
  { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], verbs: ALL, subresources: [STATUS('PodDisruptionBudget', 'policy')], model: 'V1PodDisruptionBudget', hasStatus: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', singular: 'role', kind: 'Role', namespaced: true, verbs: ALL, model: 'V1Role' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', singular: 'rolebinding', kind: 'RoleBinding', namespaced: true, verbs: ALL, model: 'V1RoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', singular: 'clusterrole', kind: 'ClusterRole', namespaced: false, verbs: ALL, model: 'V1ClusterRole' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', singular: 'clusterrolebinding', kind: 'ClusterRoleBinding', namespaced: false, verbs: ALL, model: 'V1ClusterRoleBinding' },
  { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', singular: 'lease', kind: 'Lease', namespaced: true, verbs: ALL, model: 'V1Lease' },
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SelfSubjectAccessReview' },
  { group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews', singular: 'subjectaccessreview', kind: 'SubjectAccessReview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SubjectAccessReview' },
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SelfSubjectRulesReview' },
];

/** Group names in discovery order (core first). */
export const GROUPS = [...new Set(RESOURCES.map((r) => r.group))];

/** The store's key for a resource type: `pods`, `apps/deployments`. */
export function storeKey(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group ? `${type.group}/${type.resource}` : type.resource;
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

const byPath = new Map(RESOURCES.map((r) => [`${r.group}/${r.version}/${r.resource}`, r]));
const byKind = new Map(RESOURCES.map((r) => [`${apiVersionOf(r)}/${r.kind}`, r]));

export function findResource(group: string, version: string, resource: string): ResourceType | undefined {
  return byPath.get(`${group}/${version}/${resource}`);
}

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

/** Shortcuts for the controllers. */
export const R = {
  namespaces: 'namespaces',
  nodes: 'nodes',
  pods: 'pods',
  services: 'services',
  endpoints: 'endpoints',
  configmaps: 'configmaps',
  secrets: 'secrets',
  serviceaccounts: 'serviceaccounts',
  events: 'events',
  deployments: 'apps/deployments',
  replicasets: 'apps/replicasets',
  daemonsets: 'apps/daemonsets',
  endpointslices: 'discovery.k8s.io/endpointslices',
  networkpolicies: 'networking.k8s.io/networkpolicies',
  pdbs: 'policy/poddisruptionbudgets',
  roles: 'rbac.authorization.k8s.io/roles',
  rolebindings: 'rbac.authorization.k8s.io/rolebindings',
  clusterroles: 'rbac.authorization.k8s.io/clusterroles',
  clusterrolebindings: 'rbac.authorization.k8s.io/clusterrolebindings',
  leases: 'coordination.k8s.io/leases',
} as const;
