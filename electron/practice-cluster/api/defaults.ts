import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Container, Namespace, PodSpec, PodTemplateSpec, Secret, Service } from 'kubernetes-types/core/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';

import { isRecord, type KObject } from '../types';

/**
 * Defaulted fields as the real API server sets them, so `describe` and `get -o yaml` show what a real cluster
 * shows. Each function changes the (cloned) object in place.
 */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function imagePullPolicyFor(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'Always';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  const tag = tagAt >= 0 ? image.slice(tagAt + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Mutable<Container>): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.imagePullPolicy ??= imagePullPolicyFor(c.image);
  c.resources ??= {};
  for (const p of c.ports ?? []) (p as { protocol?: string }).protocol ??= 'TCP';
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.fieldRef as { apiVersion?: string } | undefined;
    if (ref) ref.apiVersion ??= 'v1';
  }
}

/** Defaults of every pod spec, in templates too. */
export function defaultPodSpec(spec: Mutable<PodSpec>): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  if (spec.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
}

function defaultTemplate(template: Mutable<PodTemplateSpec> | undefined): void {
  if (!template) return;
  template.metadata ??= {};
  (template.metadata as Record<string, unknown>).creationTimestamp ??= null;
  if (template.spec) defaultPodSpec(template.spec);
}

/** Tolerations the admission plugin DefaultTolerationSeconds adds to every pod. */
function defaultTolerations(spec: Mutable<PodSpec>): void {
  const tolerations = [...(spec.tolerations ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => t.key === key && (t.effect === 'NoExecute' || !t.effect))) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  spec.tolerations = tolerations;
}

const DEFAULTERS: Record<string, (o: KObject) => void> = {
  pods: (o) => {
    const spec = (o.spec ?? {}) as Mutable<PodSpec>;
    defaultPodSpec(spec);
    // Pods (not templates) also get the service account (admission) and service links.
    spec.serviceAccountName ??= 'default';
    spec.serviceAccount = spec.serviceAccountName;
    spec.enableServiceLinks ??= true;
    defaultTolerations(spec);
    spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    o.spec = spec;
    const hasResources = (spec.containers ?? []).some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
    o.status ??= { phase: 'Pending', qosClass: hasResources ? 'Burstable' : 'BestEffort' };
  },
  'apps/deployments': (o) => {
    const spec = (o.spec ?? {}) as Mutable<NonNullable<Deployment['spec']>>;
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= {};
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    defaultTemplate(spec.template);
    o.spec = spec;
    o.status ??= {};
  },
  'apps/replicasets': (o) => {
    const spec = (o.spec ?? {}) as Mutable<NonNullable<ReplicaSet['spec']>>;
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
    o.spec = spec;
    o.status ??= { replicas: 0 };
  },
  'apps/daemonsets': (o) => {
    const spec = (o.spec ?? {}) as Mutable<NonNullable<DaemonSet['spec']>>;
    spec.revisionHistoryLimit ??= 10;
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    defaultTemplate(spec.template);
    o.spec = spec;
    o.status ??= { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  },
  services: (o) => {
    const spec = (o.spec ?? {}) as Mutable<NonNullable<Service['spec']>>;
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.type !== 'ExternalName') {
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.internalTrafficPolicy ??= 'Cluster';
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
    for (const p of spec.ports ?? []) {
      (p as { protocol?: string }).protocol ??= 'TCP';
      (p as { targetPort?: number | string }).targetPort ??= p.port;
    }
    o.spec = spec;
    o.status ??= { loadBalancer: {} };
  },
  namespaces: (o) => {
    const ns = o as unknown as Mutable<Namespace>;
    ns.spec ??= {};
    ns.spec.finalizers ??= ['kubernetes'];
    ns.status ??= { phase: 'Active' };
    o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name ?? '' };
  },
  secrets: (o) => {
    const s = o as unknown as Mutable<Secret>;
    s.type ??= 'Opaque';
    if (s.stringData) {
      const data: Record<string, string> = { ...(s.data ?? {}) };
      for (const [k, v] of Object.entries(s.stringData)) data[k] = Buffer.from(v).toString('base64');
      s.data = data;
      delete s.stringData;
    }
  },
  'networking.k8s.io/networkpolicies': (o) => {
    const spec = (o.spec ?? {}) as Mutable<NonNullable<NetworkPolicy['spec']>>;
    if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
    spec.podSelector ??= {};
    o.spec = spec;
  },
  'policy/poddisruptionbudgets': (o) => {
    o.status ??= { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  events: (o) => {
    if (!isRecord(o.involvedObject)) o.involvedObject = {};
    (o as { reportingComponent?: string }).reportingComponent ??= '';
    (o as { reportingInstance?: string }).reportingInstance ??= '';
  },
};

export function applyDefaults(resource: string, object: KObject): void {
  DEFAULTERS[resource]?.(object);
}
