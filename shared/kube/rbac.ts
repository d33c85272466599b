import type { KClusterRole, KClusterRoleBinding, KRole, KRoleBinding, PolicyRuleRbac, RbacSubject, RbacSubjectRef } from '../dto/kube';

/**
 * "What can it do?" read from RBAC's objects: the bindings that name a subject (directly, or through the
 * groups every service account and every signed-in user belong to), the rules of the roles they bind, and
 * where those rules hold (the whole cluster for a ClusterRoleBinding, one namespace for a RoleBinding).
 */

export interface RbacWorld {
  roles: readonly KRole[];
  clusterRoles: readonly KClusterRole[];
  roleBindings: readonly KRoleBinding[];
  clusterRoleBindings: readonly KClusterRoleBinding[];
}

export interface Grant {
  binding: { kind: 'RoleBinding' | 'ClusterRoleBinding'; name: string; namespace?: string };
  role: { kind: string; name: string };
  /** `*` for the whole cluster, else the namespace. */
  scope: string;
  /** How the subject is named in the binding: itself, or a group it belongs to. */
  via: string;
  rules: PolicyRuleRbac[];
  /** The bound role does not exist: the binding grants nothing. */
  roleMissing: boolean;
  /** The rules allow every verb on every resource (cluster-admin). */
  everything: boolean;
}

/** The groups a subject belongs to by the API server's own rules. */
export function implicitGroups(subject: RbacSubjectRef): string[] {
  if (subject.kind === 'ServiceAccount') return ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace ?? 'default'}`, 'system:authenticated'];
  if (subject.kind === 'User') return ['system:authenticated'];
  return [];
}

function names(subject: RbacSubjectRef, entry: RbacSubject, bindingNamespace: string | undefined): string | undefined {
  if (entry.kind === 'ServiceAccount') {
    const ns = entry.namespace ?? bindingNamespace;
    return subject.kind === 'ServiceAccount' && entry.name === subject.name && ns === (subject.namespace ?? 'default') ? 'self' : undefined;
  }
  if (entry.kind === 'User') {
    const user = subject.kind === 'ServiceAccount' ? `system:serviceaccount:${subject.namespace ?? 'default'}:${subject.name}` : subject.name;
    return subject.kind !== 'Group' && entry.name === user ? 'self' : undefined;
  }
  if (entry.kind === 'Group') {
    if (subject.kind === 'Group' && subject.name === entry.name) return 'self';
    return implicitGroups(subject).includes(entry.name) ? entry.name : undefined;
  }
  return undefined;
}

export const ruleAllowsEverything = (r: PolicyRuleRbac): boolean => r.verbs.includes('*') && r.resources.includes('*') && r.apiGroups.includes('*') && !r.resourceNames.length;

/** Every grant a subject holds. */
export function grantsOf(world: RbacWorld, subject: RbacSubjectRef): Grant[] {
  const out: Grant[] = [];
  const roleRules = (kind: string, name: string, namespace: string | undefined): PolicyRuleRbac[] | undefined => {
    if (kind === 'ClusterRole') return world.clusterRoles.find((r) => r.meta.name === name)?.rules;
    return world.roles.find((r) => r.meta.name === name && r.meta.namespace === namespace)?.rules;
  };
  const push = (binding: KRoleBinding | KClusterRoleBinding, scope: string): void => {
    const ns = binding.kind === 'RoleBinding' ? binding.meta.namespace : undefined;
    const via = binding.subjects.map((s) => names(subject, s, ns)).find((v) => v !== undefined);
    if (!via) return;
    const rules = roleRules(binding.roleRef.kind, binding.roleRef.name, ns);
    out.push({
      binding: { kind: binding.kind, name: binding.meta.name, ...(ns ? { namespace: ns } : {}) },
      role: { kind: binding.roleRef.kind, name: binding.roleRef.name },
      scope,
      via,
      rules: rules ?? [],
      roleMissing: rules === undefined,
      everything: (rules ?? []).some(ruleAllowsEverything),
    });
  };
  for (const b of world.clusterRoleBindings) push(b, '*');
  for (const b of world.roleBindings) push(b, b.meta.namespace ?? 'default');
  return out;
}

export interface AccessQuestion {
  verb: string;
  /** The API group ('' for the core group). */
  group: string;
  resource: string;
  /** For namespaced resources; absent: cluster-scoped or every namespace. */
  namespace?: string;
  name?: string;
}

const has = (list: readonly string[], value: string): boolean => list.includes('*') || list.includes(value);

function ruleAllows(rule: PolicyRuleRbac, q: AccessQuestion): boolean {
  if (!has(rule.verbs, q.verb) || !has(rule.apiGroups, q.group)) return false;
  const [resource, sub] = q.resource.split('/');
  const resourceOk = rule.resources.some((r) => r === '*' || r === q.resource || (sub === undefined && r === resource) || r === `${resource}/*` || (sub !== undefined && r === `*/${sub}`));
  if (!resourceOk) return false;
  return !rule.resourceNames.length || (q.name !== undefined && rule.resourceNames.includes(q.name));
}

/** The grant that allows it, from the rules alone (what a SubjectAccessReview would answer without webhooks). */
export function whoAllows(grants: readonly Grant[], q: AccessQuestion): Grant | undefined {
  return grants.find((g) => (g.scope === '*' || g.scope === q.namespace) && g.rules.some((r) => ruleAllows(r, q)));
}

/** A rule in parts the UI can put into words ('all' where it says `*`). */
export function ruleParts(rule: PolicyRuleRbac): { verbs: string[] | 'all'; resources: string[] | 'all'; groups: string[] | 'all'; names: string[]; urls: string[] } {
  return {
    verbs: rule.verbs.includes('*') ? 'all' : rule.verbs,
    resources: rule.resources.includes('*') ? 'all' : rule.resources,
    groups: rule.apiGroups.includes('*') ? 'all' : rule.apiGroups.map((g) => g || 'core'),
    names: rule.resourceNames,
    urls: rule.nonResourceURLs,
  };
}

/** Every subject the bindings name, once each (for the picker). */
export function subjectsOf(world: RbacWorld): RbacSubjectRef[] {
  const seen = new Map<string, RbacSubjectRef>();
  const add = (s: RbacSubject, ns: string | undefined): void => {
    if (s.kind !== 'ServiceAccount' && s.kind !== 'User' && s.kind !== 'Group') return;
    const ref: RbacSubjectRef = { kind: s.kind, name: s.name, ...(s.kind === 'ServiceAccount' ? { namespace: s.namespace ?? ns ?? 'default' } : {}) };
    seen.set(`${ref.kind}/${ref.namespace ?? ''}/${ref.name}`, ref);
  };
  for (const b of world.clusterRoleBindings) for (const s of b.subjects) add(s, undefined);
  for (const b of world.roleBindings) for (const s of b.subjects) add(s, b.meta.namespace);
  return [...seen.values()].sort((a, b) => `${a.kind}${a.namespace ?? ''}${a.name}`.localeCompare(`${b.kind}${b.namespace ?? ''}${b.name}`));
}
