import type { KDeployment, KNetworkPolicy, KPod, KubeObjectOf, KubeResource } from '@shared/dto/kube';
import { COURSE_NAMESPACE } from '@shared/kube/course';
import { type Endpoint, evaluate, policyTypes, type PolicyWorld } from '@shared/kube/netpol';
import { isEmptySelector, matchesSelector } from '@shared/kube/selectors';

import { type CheckResult, fail, pass } from './common';

/**
 * Exercise 14 (Kubernetes, namespace entenhausen) checked against the learner's cluster: the objects, the
 * replicas ready, and the two NetworkPolicies selecting what they should (ubuntu2 → nginx on TCP 80 allowed,
 * everything else into the namespace denied), computed from the policies the cluster holds.
 */

/** Reads the cluster the learner works with (lists as DTOs); undefined when there is none to read. */
export interface KubeReader {
  /** The context read, for the facts. */
  context: string;
  list<R extends KubeResource>(resource: R, namespace?: string): Promise<KubeObjectOf[R][]>;
}

export type KubeCheckFn = (kube: KubeReader | undefined) => Promise<CheckResult>;

const NS = COURSE_NAMESPACE;
const NODE_PORT = 30080;

const noCluster = (): CheckResult => fail('no-cluster');

async function deploymentsOf(kube: KubeReader): Promise<{ nginx?: KDeployment; ubuntu?: KDeployment }> {
  const list = await kube.list('deployments', NS);
  const nginx = list.find((d) => d.meta.name === 'nginx-deployment');
  const ubuntu = list.find((d) => d.meta.name === 'ubuntu2-deployment');
  return { ...(nginx ? { nginx } : {}), ...(ubuntu ? { ubuntu } : {}) };
}

export const kubeExerciseChecks: Record<string, Record<string, KubeCheckFn>> = {
  'kubernetes-entenhausen': {
    'entenhausen-objects-exist': async (kube) => {
      if (!kube) return noCluster();
      const [namespaces, accounts, bindings, deployments, services, policies] = await Promise.all([
        kube.list('namespaces'),
        kube.list('serviceaccounts', NS),
        kube.list('clusterrolebindings'),
        deploymentsOf(kube),
        kube.list('services', NS),
        kube.list('networkpolicies', NS),
      ]);
      const missing: string[] = [];
      if (!namespaces.some((n) => n.meta.name === NS)) missing.push(`Namespace ${NS}`);
      if (!accounts.some((a) => a.meta.name === 'donald')) missing.push('ServiceAccount donald');
      const binding = bindings.find(
        (b) => b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin' && b.subjects.some((s) => s.kind === 'ServiceAccount' && s.name === 'donald' && s.namespace === NS),
      );
      if (!binding) missing.push('ClusterRoleBinding donald → cluster-admin');
      if (!deployments.nginx) missing.push('Deployment nginx-deployment');
      if (!deployments.ubuntu) missing.push('Deployment ubuntu2-deployment');
      const service = services.find((s) => s.type === 'NodePort' && s.ports.some((p) => p.nodePort === NODE_PORT));
      if (!service) missing.push(`Service NodePort ${NODE_PORT}`);
      for (const name of ['default-deny', 'allow-pod']) if (!policies.some((p) => p.meta.name === name)) missing.push(`NetworkPolicy ${name}`);
      const facts = { context: kube.context, ...(binding ? { binding: binding.meta.name } : {}), ...(service ? { service: service.meta.name } : {}) };
      return missing.length ? fail('objects-missing', { ...facts, missing: missing.join(', ') }) : pass('objects-exist', facts);
    },

    'deployments-replicas-ready': async (kube) => {
      if (!kube) return noCluster();
      const { nginx, ubuntu } = await deploymentsOf(kube);
      const ready = (d: KDeployment | undefined): string => (d ? `${d.status.readyReplicas}/${d.replicas}` : '–');
      const ok = (d: KDeployment | undefined): boolean => d !== undefined && d.replicas === 5 && d.status.readyReplicas >= 5;
      const facts = { nginx: ready(nginx), ubuntu2: ready(ubuntu) };
      return ok(nginx) && ok(ubuntu) ? pass('replicas-ready', facts) : fail('replicas-not-ready', facts);
    },

    'network-policies-select-correctly': async (kube) => {
      if (!kube) return noCluster();
      const [policies, namespaces, pods, deployments] = await Promise.all([kube.list('networkpolicies', NS), kube.list('namespaces'), kube.list('pods', NS), deploymentsOf(kube)]);
      const deny = policies.find((p) => p.meta.name === 'default-deny');
      const allow = policies.find((p) => p.meta.name === 'allow-pod');
      if (!deny || !allow) return fail('policies-missing', { missing: [!deny && 'default-deny', !allow && 'allow-pod'].filter(Boolean).join(', ') });
      const problems = policyProblems(deny, allow, namespaces.map((n) => [n.meta.name, n.meta.labels] as const), pods, deployments);
      return problems.length ? fail('policies-wrong', { problem: problems.join('; ') }) : pass('policies-correct', { pods: String(pods.length) });
    },
  },
};

/** What is wrong with the two policies, judged by the traffic they allow between the course's pods. */
export function policyProblems(
  deny: KNetworkPolicy,
  allow: KNetworkPolicy,
  namespaces: readonly (readonly [string, Record<string, string>])[],
  pods: readonly KPod[],
  deployments: { nginx?: KDeployment; ubuntu?: KDeployment },
): string[] {
  const problems: string[] = [];
  if (!isEmptySelector(deny.podSelector) || !policyTypes(deny).ingress) problems.push('default-deny must select every pod (podSelector: {}) for Ingress');
  // The pods as they run, or as the Deployments' templates would make them.
  const labelsOf = (app: 'nginx' | 'ubuntu2', d: KDeployment | undefined): Record<string, string>[] => {
    const live = pods.filter((p) => p.meta.labels.app === app && !p.meta.deleting).map((p) => p.meta.labels);
    return live.length ? live : [d?.template.labels ?? { app }];
  };
  const nginx = labelsOf('nginx', deployments.nginx);
  const ubuntu = labelsOf('ubuntu2', deployments.ubuntu);
  if (!nginx.every((labels) => matchesSelector(allow.podSelector, labels))) problems.push('allow-pod must select the nginx pods');
  if (ubuntu.some((labels) => matchesSelector(allow.podSelector, labels))) problems.push('allow-pod must not select the ubuntu2 pods');
  const world: PolicyWorld = { policies: [deny, allow], namespaces: new Map([...namespaces.map(([n, l]) => [n, l] as [string, Record<string, string>]), ['elsewhere', {}]]) };
  const pod = (labels: Record<string, string>, namespace = NS): Endpoint => ({ kind: 'pod', namespace, name: labels.app ?? '', labels, ports: [{ containerPort: 80, protocol: 'TCP' }] });
  const to80 = (from: Endpoint, to: Endpoint): boolean => evaluate(world, from, to, { protocol: 'TCP', port: 80 }).allowed;
  const n = pod(nginx[0] ?? { app: 'nginx' });
  const u = pod(ubuntu[0] ?? { app: 'ubuntu2' });
  if (!to80(u, n)) problems.push('ubuntu2 → nginx on TCP 80 must be allowed');
  if (evaluate(world, u, n, { protocol: 'TCP', port: 443 }).allowed) problems.push('only port 80 may be open to nginx');
  if (to80(n, n)) problems.push('nginx → nginx must be denied');
  if (to80(n, u) || to80(u, u)) problems.push('nothing may reach the ubuntu2 pods');
  if (to80(pod({ app: 'ubuntu2' }, 'elsewhere'), n)) problems.push('pods of other namespaces must not reach nginx');
  return problems;
}
