import type { ClusterOverview, ControlPlaneComponent, KPod } from '@shared/dto/kube';
import { toDto } from '@shared/kube/convert';
import { podReady } from '@shared/kube/workloads';

import type { Clients } from './connection';
import { KubeApiError } from './http';

/** The control plane's and workers' components, where a cluster shows them: as pods (kubeadm), or not at all (managed clusters, the practice cluster). */
const COMPONENTS: { component: string; match: (p: KPod) => boolean }[] = [
  { component: 'etcd', match: (p) => p.meta.labels.component === 'etcd' || p.meta.name.startsWith('etcd-') },
  { component: 'api-server', match: (p) => p.meta.labels.component === 'kube-apiserver' },
  { component: 'scheduler', match: (p) => p.meta.labels.component === 'kube-scheduler' },
  { component: 'controller-manager', match: (p) => p.meta.labels.component === 'kube-controller-manager' },
  { component: 'cloud-controller-manager', match: (p) => p.meta.labels.component === 'cloud-controller-manager' || /cloud-controller-manager/.test(p.meta.name) },
  { component: 'kube-proxy', match: (p) => p.meta.labels['k8s-app'] === 'kube-proxy' },
  { component: 'dns', match: (p) => p.meta.labels['k8s-app'] === 'kube-dns' },
];

/** Network plugins by the pods they run; whether they enforce NetworkPolicies. */
const PLUGINS: { name: string; enforces: boolean; match: RegExp }[] = [
  { name: 'calico', enforces: true, match: /^calico-node|^calico-kube-controllers/ },
  { name: 'cilium', enforces: true, match: /^cilium/ },
  { name: 'antrea', enforces: true, match: /^antrea-agent/ },
  { name: 'weave-net', enforces: true, match: /^weave-net/ },
  { name: 'kube-router', enforces: true, match: /^kube-router/ },
  { name: 'canal', enforces: true, match: /^canal/ },
  { name: 'flannel', enforces: false, match: /^kube-flannel|^flannel/ },
  { name: 'kindnet', enforces: false, match: /^kindnet/ },
];

export async function overview(c: Clients, version: string, practice: boolean): Promise<ClusterOverview> {
  let pods: KPod[] = [];
  try {
    const body = await c.raw.get<{ items?: unknown[] }>('/api/v1/pods');
    pods = (body.items ?? []).map((p) => toDto('pods', p)).filter((p) => /^(kube-system|calico-system|tigera-operator|cilium|kube-flannel)$/.test(p.meta.namespace ?? ''));
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 403)) throw error;
  }
  const components: ControlPlaneComponent[] = COMPONENTS.map(({ component, match }) => {
    const found = pods.filter(match).map((p) => ({ name: p.meta.name, namespace: p.meta.namespace ?? '', ...(p.nodeName ? { node: p.nodeName } : {}), ready: podReady(p) }));
    // The API server answers Lotse, so it is there even where no pod shows it.
    const shownAs: ControlPlaneComponent['shownAs'] = found.length ? 'pod' : component === 'api-server' ? 'api' : 'hidden';
    return { component, shownAs, pods: found };
  });
  components.push({ component: 'kubelet', shownAs: 'node', pods: [] }, { component: 'runtime', shownAs: 'node', pods: [] });
  const plugin = PLUGINS.find((p) => pods.some((pod) => p.match.test(pod.meta.name)));
  const policyEnforcement: ClusterOverview['policyEnforcement'] = practice ? 'no' : plugin ? (plugin.enforces ? 'likely' : 'no') : 'unknown';
  return {
    version,
    policyEnforcement,
    ...(practice ? { networkPlugin: 'lotse-practice' } : plugin ? { networkPlugin: plugin.name } : {}),
    components,
    practice,
  };
}
