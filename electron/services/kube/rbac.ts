import { canICommand, type Target } from '@shared/cli/kube';
import type { AccessAnswer, RbacSubjectRef } from '@shared/dto/kube';
import { toDto } from '@shared/kube/convert';
import { type Grant, grantsOf, type RbacWorld, whoAllows } from '@shared/kube/rbac';

import type { Clients } from './connection';
import { KubeApiError } from './http';
import { collectionPath } from './resources';

async function items(c: Clients, path: string): Promise<unknown[]> {
  return (await c.raw.get<{ items?: unknown[] }>(path)).items ?? [];
}

/** Roles, ClusterRoles and their bindings, as read now. */
export async function rbacWorld(c: Clients): Promise<RbacWorld> {
  const [roles, clusterRoles, roleBindings, clusterRoleBindings] = await Promise.all([
    items(c, collectionPath('roles')),
    items(c, collectionPath('clusterroles')),
    items(c, collectionPath('rolebindings')),
    items(c, collectionPath('clusterrolebindings')),
  ]);
  return {
    roles: roles.map((r) => toDto('roles', r)),
    clusterRoles: clusterRoles.map((r) => toDto('clusterroles', r)),
    roleBindings: roleBindings.map((r) => toDto('rolebindings', r)),
    clusterRoleBindings: clusterRoleBindings.map((r) => toDto('clusterrolebindings', r)),
  };
}

export async function grants(c: Clients, subject: RbacSubjectRef): Promise<Grant[]> {
  return grantsOf(await rbacWorld(c), subject);
}

export interface AccessQuestionParams {
  verb: string;
  resource: string;
  group: string;
  namespace?: string | undefined;
  name?: string | undefined;
  subject?: RbacSubjectRef | undefined;
}

const userOf = (s: RbacSubjectRef): string => (s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace ?? 'default'}:${s.name}` : s.name);

/**
 * "Can it do X?": the cluster's own answer (SubjectAccessReview, or SelfSubjectAccessReview for the
 * context's user) where the context may ask; otherwise read from the RBAC rules.
 */
export async function canI(c: Clients, q: AccessQuestionParams, target: Target): Promise<AccessAnswer> {
  const resource = q.group ? `${q.resource}.${q.group}` : q.resource;
  const command = canICommand({ ...target, namespace: q.namespace }, q.verb, resource, q.subject);
  const attributes = { verb: q.verb, resource: q.resource, group: q.group, ...(q.namespace ? { namespace: q.namespace } : {}), ...(q.name ? { name: q.name } : {}) };
  const spec = q.subject
    ? {
        resourceAttributes: attributes,
        ...(q.subject.kind === 'Group'
          ? { user: 'lotse:anyone', groups: [q.subject.name] }
          : { user: userOf(q.subject), groups: q.subject.kind === 'ServiceAccount' ? ['system:serviceaccounts', `system:serviceaccounts:${q.subject.namespace ?? 'default'}`, 'system:authenticated'] : ['system:authenticated'] }),
      }
    : { resourceAttributes: attributes };
  const kind = q.subject ? 'SubjectAccessReview' : 'SelfSubjectAccessReview';
  try {
    const { body } = await c.raw.request<{ status?: { allowed?: boolean; reason?: string } }>('POST', `/apis/authorization.k8s.io/v1/${kind.toLowerCase()}s`, {
      body: { apiVersion: 'authorization.k8s.io/v1', kind, spec },
    });
    return { allowed: body.status?.allowed === true, source: 'review', ...(body.status?.reason ? { reason: body.status.reason } : {}), command };
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 403) || !q.subject) throw error;
  }
  const grant = whoAllows(await grants(c, q.subject), { verb: q.verb, group: q.group, resource: q.resource, ...(q.namespace ? { namespace: q.namespace } : {}), ...(q.name ? { name: q.name } : {}) });
  return { allowed: grant !== undefined, source: 'rules', ...(grant ? { reason: `${grant.binding.kind} ${grant.binding.name} → ${grant.role.kind} ${grant.role.name}` } : {}), command };
}
