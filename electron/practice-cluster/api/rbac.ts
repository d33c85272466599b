import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';

import type { Store } from '../store';
import { as, type KObject } from '../types';
import { R } from './resources';

/** Who sends a request: the client certificate's CN and O, or an impersonated user. */
export interface UserInfo {
  user: string;
  groups: string[];
}

/** What a request does, in the terms RBAC rules are written in. */
export interface Attributes {
  verb: string;
  namespace?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** Non-resource requests (`/version`, `/healthz`). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

/** The groups a user belongs to implicitly: service accounts and every authenticated user. */
export function effectiveGroups(info: UserInfo): string[] {
  const groups = new Set(info.groups);
  if (info.user === 'system:anonymous') groups.add('system:unauthenticated');
  else groups.add('system:authenticated');
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(info.user);
  if (sa) {
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${sa[1] ?? ''}`);
  }
  return [...groups];
}

function subjectMatches(subject: Subject, info: UserInfo, groups: string[], bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === info.user;
    case 'Group':
      return groups.includes(subject.name);
    case 'ServiceAccount':
      return info.user === `system:serviceaccount:${subject.namespace ?? bindingNamespace ?? ''}:${subject.name}`;
    default:
      return false;
  }
}

function describeSubject(subject: Subject, bindingNamespace: string | undefined): string {
  if (subject.kind === 'ServiceAccount') return `ServiceAccount "${subject.name}/${subject.namespace ?? bindingNamespace ?? ''}"`;
  return `${subject.kind} "${subject.name}"`;
}

const has = (list: string[] | undefined, value: string): boolean => !!list && (list.includes('*') || list.includes(value));

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path?.startsWith(u.slice(0, -1))));
  }
  if (!has(rule.apiGroups, a.group ?? '')) return false;
  const resource = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
  const resources = rule.resources ?? [];
  const resourceOk = resources.includes('*') || resources.includes(resource) || (a.subresource !== undefined && resources.includes(`*/${a.subresource}`));
  if (!resourceOk) return false;
  if (rule.resourceNames?.length) return a.name !== undefined && rule.resourceNames.includes(a.name);
  return true;
}

/** RBAC as the real authorizer evaluates it: ClusterRoleBindings, then RoleBindings in the request's namespace. */
export function authorize(store: Store, info: UserInfo, a: Attributes): Decision {
  const groups = effectiveGroups(info);
  if (groups.includes('system:masters')) return { allowed: true, reason: '' };
  const rulesOf = (kind: string, name: string, namespace: string | undefined): PolicyRule[] => {
    const role = kind === 'ClusterRole' ? store.get(R.clusterroles, undefined, name) : store.get(R.roles, namespace, name);
    return role ? (as<Role | ClusterRole>(role).rules ?? []) : [];
  };
  for (const b of store.list(R.clusterrolebindings)) {
    const binding = as<ClusterRoleBinding>(b);
    const subject = (binding.subjects ?? []).find((s) => subjectMatches(s, info, groups, undefined));
    if (!subject) continue;
    if (rulesOf('ClusterRole', binding.roleRef.name, undefined).some((r) => ruleAllows(r, a))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name ?? ''}" of ClusterRole "${binding.roleRef.name}" to ${describeSubject(subject, undefined)}` };
    }
  }
  if (a.namespace) {
    for (const b of store.list(R.rolebindings, a.namespace)) {
      const binding = as<RoleBinding>(b);
      const subject = (binding.subjects ?? []).find((s) => subjectMatches(s, info, groups, a.namespace));
      if (!subject) continue;
      if (rulesOf(binding.roleRef.kind, binding.roleRef.name, a.namespace).some((r) => ruleAllows(r, a))) {
        return {
          allowed: true,
          reason: `RBAC: allowed by RoleBinding "${b.metadata.name ?? ''}/${a.namespace}" of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${describeSubject(subject, a.namespace)}`,
        };
      }
    }
  }
  return { allowed: false, reason: '' };
}

/** The rules that apply to a user in a namespace (SelfSubjectRulesReview, `kubectl auth can-i --list`). */
export function rulesFor(store: Store, info: UserInfo, namespace: string): PolicyRule[] {
  const groups = effectiveGroups(info);
  if (groups.includes('system:masters')) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];
  const out: PolicyRule[] = [];
  const add = (kind: string, name: string, ns: string | undefined): void => {
    const role = kind === 'ClusterRole' ? store.get(R.clusterroles, undefined, name) : store.get(R.roles, ns, name);
    if (role) out.push(...(as<Role>(role).rules ?? []));
  };
  for (const b of store.list(R.clusterrolebindings)) {
    const binding = as<ClusterRoleBinding>(b);
    if ((binding.subjects ?? []).some((s) => subjectMatches(s, info, groups, undefined))) add('ClusterRole', binding.roleRef.name, undefined);
  }
  for (const b of store.list(R.rolebindings, namespace)) {
    const binding = as<RoleBinding>(b);
    if ((binding.subjects ?? []).some((s) => subjectMatches(s, info, groups, namespace))) add(binding.roleRef.kind, binding.roleRef.name, namespace);
  }
  return out;
}

/** Message of a Forbidden answer, as the real API server words it. */
export function forbiddenMessage(info: UserInfo, a: Attributes): string {
  if (a.path !== undefined) return `forbidden: User "${info.user}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
  const what = `${a.group ? `${a.resource ?? ''}.${a.group}` : (a.resource ?? '')}${a.name ? ` "${a.name}"` : ''}`;
  const where = a.namespace ? ` in the namespace "${a.namespace}"` : a.resource === 'namespaces' || !a.namespace ? ' at the cluster scope' : '';
  return `${what} is forbidden: User "${info.user}" cannot ${a.verb} resource "${resource}" in API group "${a.group ?? ''}"${where}`;
}

// ---------------------------------------------------------------------------------------------------------
// bootstrap roles

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const VIEW_CORE = ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'pods/log', 'pods/status', 'replicationcontrollers', 'replicationcontrollers/scale', 'replicationcontrollers/status', 'serviceaccounts', 'services', 'services/status', 'bindings', 'events', 'limitranges', 'namespaces/status', 'resourcequotas', 'resourcequotas/status', 'namespaces'];
const VIEW_APPS = ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'];

const viewRules: PolicyRule[] = [
  { apiGroups: [''], resources: VIEW_CORE, verbs: READ },
  { apiGroups: ['apps'], resources: VIEW_APPS, verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
  { apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
];
const editRules: PolicyRule[] = [
  ...viewRules,
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: [...WRITE] },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], verbs: WRITE },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
];
const adminRules: PolicyRule[] = [
  ...editRules,
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
];

const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** The built-in ClusterRoles and ClusterRoleBindings of a fresh cluster. */
export function bootstrapRbac(): { roles: KObject[]; bindings: KObject[] } {
  const role = (name: string, rules: PolicyRule[], labels: Record<string, string> = {}): KObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { ...BOOTSTRAP_LABELS, ...labels }, annotations: AUTOUPDATE },
    rules,
  });
  const binding = (name: string, roleName: string, groups: string[]): KObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: BOOTSTRAP_LABELS, annotations: AUTOUPDATE },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  });
  return {
    roles: [
      role('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]),
      role('admin', adminRules, { 'kubernetes.io/bootstrapping': 'rbac-defaults' }),
      role('edit', editRules, { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }),
      role('view', viewRules, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
      role('system:basic-user', [{ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] }]),
      role('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
      role('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    ],
    bindings: [
      binding('cluster-admin', 'cluster-admin', ['system:masters']),
      binding('system:basic-user', 'system:basic-user', ['system:authenticated']),
      binding('system:discovery', 'system:discovery', ['system:authenticated']),
      binding('system:public-info-viewer', 'system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
    ],
  };
}
