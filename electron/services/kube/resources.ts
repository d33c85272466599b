import type { KubeResource } from '@shared/dto/kube';

import { seg } from './http';

/** Where each resource Lotse watches lives in the API. */
export interface ResourceInfo {
  group: string;
  version: string;
  namespaced: boolean;
  kind: string;
}

export const RESOURCES: Record<KubeResource, ResourceInfo> = {
  namespaces: { group: '', version: 'v1', namespaced: false, kind: 'Namespace' },
  nodes: { group: '', version: 'v1', namespaced: false, kind: 'Node' },
  pods: { group: '', version: 'v1', namespaced: true, kind: 'Pod' },
  services: { group: '', version: 'v1', namespaced: true, kind: 'Service' },
  events: { group: '', version: 'v1', namespaced: true, kind: 'Event' },
  serviceaccounts: { group: '', version: 'v1', namespaced: true, kind: 'ServiceAccount' },
  deployments: { group: 'apps', version: 'v1', namespaced: true, kind: 'Deployment' },
  replicasets: { group: 'apps', version: 'v1', namespaced: true, kind: 'ReplicaSet' },
  daemonsets: { group: 'apps', version: 'v1', namespaced: true, kind: 'DaemonSet' },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', namespaced: true, kind: 'EndpointSlice' },
  networkpolicies: { group: 'networking.k8s.io', version: 'v1', namespaced: true, kind: 'NetworkPolicy' },
  roles: { group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, kind: 'Role' },
  clusterroles: { group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, kind: 'ClusterRole' },
  rolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, kind: 'RoleBinding' },
  clusterrolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, kind: 'ClusterRoleBinding' },
  poddisruptionbudgets: { group: 'policy', version: 'v1', namespaced: true, kind: 'PodDisruptionBudget' },
};

/** `/api/v1` or `/apis/<group>/<version>`. */
export const groupVersionPath = (group: string, version: string): string => (group ? `/apis/${group}/${version}` : `/api/${version}`);

/** The collection path, in one namespace or across all. */
export function collectionPath(resource: KubeResource, namespace?: string): string {
  const info = RESOURCES[resource];
  const base = groupVersionPath(info.group, info.version);
  return info.namespaced && namespace ? `${base}/namespaces/${seg(namespace)}/${resource}` : `${base}/${resource}`;
}

/** One object's path (and a subresource's). */
export function objectPath(resource: KubeResource, namespace: string | undefined, name: string, subresource?: string): string {
  return `${collectionPath(resource, RESOURCES[resource].namespaced ? namespace : undefined)}/${seg(name)}${subresource ? `/${subresource}` : ''}`;
}
