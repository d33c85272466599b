import { describe, expect, it } from 'vitest';

import { authorize, bootstrapRbac, forbiddenMessage, rulesFor } from '../../../electron/practice-cluster/api/rbac';
import { Store } from '../../../electron/practice-cluster/store';
import type { KObject } from '../../../electron/practice-cluster/types';

function cluster(): Store {
  const store = new Store();
  const { roles, bindings } = bootstrapRbac();
  for (const r of roles) store.create('rbac.authorization.k8s.io/clusterroles', r);
  for (const b of bindings) store.create('rbac.authorization.k8s.io/clusterrolebindings', b);
  return store;
}
const donald = { user: 'system:serviceaccount:entenhausen:donald', groups: [] };
const rb = (name: string, ns: string, roleKind: string, role: string, subject: object): KObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name, namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
  subjects: [subject],
});

describe('RBAC evaluator', () => {
  it('system:masters may do anything, a fresh service account nothing but discovery', () => {
    const store = cluster();
    expect(authorize(store, { user: 'admin', groups: ['system:masters'] }, { verb: 'delete', resource: 'nodes', group: '' }).allowed).toBe(true);
    expect(authorize(store, donald, { verb: 'list', resource: 'pods', group: '', namespace: 'entenhausen' }).allowed).toBe(false);
    expect(authorize(store, donald, { verb: 'get', path: '/version' }).allowed).toBe(true);
    expect(authorize(store, donald, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }).allowed).toBe(true);
  });

  it('the course binding (ClusterRoleBinding to cluster-admin) allows everything and says why', () => {
    const store = cluster();
    store.create('rbac.authorization.k8s.io/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'donaldAdminBinding' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'donald', namespace: 'entenhausen' }],
    });
    const d = authorize(store, donald, { verb: 'delete', resource: 'deployments', group: 'apps', namespace: 'kube-system' });
    expect(d).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "donaldAdminBinding" of ClusterRole "cluster-admin" to ServiceAccount "donald/entenhausen"' });
  });

  it('RoleBindings act only in their namespace; resourceNames and subresources narrow rules', () => {
    const store = cluster();
    store.create('rbac.authorization.k8s.io/roles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'logs', namespace: 'entenhausen' },
      rules: [
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['get'] },
      ],
    });
    store.create('rbac.authorization.k8s.io/rolebindings', rb('view', 'entenhausen', 'ClusterRole', 'view', { kind: 'ServiceAccount', name: 'donald' }));
    store.create('rbac.authorization.k8s.io/rolebindings', rb('logs', 'entenhausen', 'Role', 'logs', { kind: 'Group', name: 'system:serviceaccounts:entenhausen' }));
    const can = (a: object) => authorize(store, donald, { group: '', ...a } as never).allowed;
    expect(can({ verb: 'list', resource: 'pods', namespace: 'entenhausen' })).toBe(true);
    expect(can({ verb: 'list', resource: 'pods', namespace: 'default' })).toBe(false);
    expect(can({ verb: 'delete', resource: 'pods', namespace: 'entenhausen' })).toBe(false);
    expect(can({ verb: 'get', resource: 'secrets', namespace: 'entenhausen' })).toBe(false);
    expect(can({ verb: 'get', resource: 'pods', subresource: 'log', namespace: 'entenhausen' })).toBe(true);
    expect(can({ verb: 'get', resource: 'configmaps', name: 'settings', namespace: 'entenhausen' })).toBe(true);
    expect(can({ verb: 'get', resource: 'configmaps', name: 'other', namespace: 'entenhausen' })).toBe(true); // view allows all configmaps
    expect(rulesFor(store, donald, 'entenhausen').length).toBeGreaterThan(5);
  });

  it('words Forbidden as the real API server does', () => {
    expect(forbiddenMessage(donald, { verb: 'list', resource: 'pods', group: '', namespace: 'default' })).toBe(
      'pods is forbidden: User "system:serviceaccount:entenhausen:donald" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(forbiddenMessage(donald, { verb: 'get', resource: 'nodes', group: '', name: 'n1' })).toBe(
      'nodes "n1" is forbidden: User "system:serviceaccount:entenhausen:donald" cannot get resource "nodes" in API group "" at the cluster scope',
    );
  });
});
