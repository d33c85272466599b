import type {
  Condition,
  ContainerSpec,
  ContainerState,
  KubeObject,
  KubeObjectOf,
  KubeResource,
  LabelSelector,
  Meta,
  PodTemplate,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyRuleRbac,
} from '../dto/kube';

/**
 * The API's objects (plain JSON, as any client receives them) turned into Lotse's DTOs. Total: a field
 * of the wrong shape reads as absent, never as an exception.
 */

type J = Record<string, unknown>;
const o = (v: unknown): J => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const n = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const b = (v: unknown): boolean => v === true;
const strings = (v: unknown): string[] => a(v).filter((x): x is string => typeof x === 'string');
const record = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o(v))) if (typeof x === 'string' || typeof x === 'number') out[k] = String(x);
  return out;
};
const intOrString = (v: unknown): number | string | undefined => (typeof v === 'number' || typeof v === 'string' ? v : undefined);
const time = (v: unknown): string | undefined => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined);
const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

const DROPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

export function meta(raw: unknown): Meta {
  const m = o(o(raw).metadata);
  const annotations = record(m.annotations);
  for (const k of DROPPED_ANNOTATIONS) delete annotations[k];
  return {
    uid: s(m.uid) ?? '',
    name: s(m.name) ?? '',
    ...opt('namespace', s(m.namespace)),
    resourceVersion: s(m.resourceVersion) ?? '',
    ...opt('generation', typeof m.generation === 'number' ? m.generation : undefined),
    labels: record(m.labels),
    annotations,
    created: time(m.creationTimestamp) ?? '',
    ...opt('deleting', time(m.deletionTimestamp)),
    owners: a(m.ownerReferences).map((r) => ({ kind: s(o(r).kind) ?? '', name: s(o(r).name) ?? '', uid: s(o(r).uid) ?? '', controller: b(o(r).controller) })),
  };
}

export function selector(raw: unknown): LabelSelector {
  const sel = o(raw);
  return {
    matchLabels: record(sel.matchLabels),
    matchExpressions: a(sel.matchExpressions).map((e) => {
      const op = s(o(e).operator);
      return {
        key: s(o(e).key) ?? '',
        operator: op === 'In' || op === 'NotIn' || op === 'Exists' || op === 'DoesNotExist' ? op : 'Exists',
        values: strings(o(e).values),
      };
    }),
  };
}

const conditions = (v: unknown): Condition[] =>
  a(v).map((c) => ({
    type: s(o(c).type) ?? '',
    status: s(o(c).status) ?? '',
    ...opt('reason', s(o(c).reason)),
    ...opt('message', s(o(c).message)),
    ...opt('since', time(o(c).lastTransitionTime)),
  }));

function container(raw: unknown): ContainerSpec {
  const c = o(raw);
  const command = a(c.command).length ? strings(c.command) : undefined;
  const args = a(c.args).length ? strings(c.args) : undefined;
  return {
    name: s(c.name) ?? '',
    image: s(c.image) ?? '',
    ports: a(c.ports).map((p) => ({ containerPort: n(o(p).containerPort), protocol: s(o(p).protocol) ?? 'TCP', ...opt('name', s(o(p).name)) })),
    ...opt('command', command),
    ...opt('args', args),
    requests: record(o(c.resources).requests),
    limits: record(o(c.resources).limits),
  };
}

function state(raw: unknown): ContainerState {
  const st = o(raw);
  if (st.waiting) return { state: 'waiting', ...opt('reason', s(o(st.waiting).reason)), ...opt('message', s(o(st.waiting).message)) };
  if (st.running) return { state: 'running', ...opt('startedAt', time(o(st.running).startedAt)) };
  if (st.terminated) {
    const t = o(st.terminated);
    return {
      state: 'terminated',
      ...opt('reason', s(t.reason)),
      ...opt('message', s(t.message)),
      exitCode: n(t.exitCode),
      ...opt('startedAt', time(t.startedAt)),
      ...opt('finishedAt', time(t.finishedAt)),
    };
  }
  return { state: 'unknown' };
}

function template(raw: unknown): PodTemplate {
  const t = o(raw);
  return { labels: record(o(t.metadata).labels), annotations: record(o(t.metadata).annotations), containers: a(o(t.spec).containers).map(container) };
}

function volumeType(v: J): string {
  const keys = Object.keys(v).filter((k) => k !== 'name');
  return keys[0] ?? 'unknown';
}

function peers(v: unknown): PolicyPeer[] {
  return a(v).map((p) => {
    const peer = o(p);
    const ip = o(peer.ipBlock);
    return {
      ...(peer.podSelector ? { podSelector: selector(peer.podSelector) } : {}),
      ...(peer.namespaceSelector ? { namespaceSelector: selector(peer.namespaceSelector) } : {}),
      ...(peer.ipBlock ? { ipBlock: { cidr: s(ip.cidr) ?? '', except: strings(ip.except) } } : {}),
    };
  });
}

const policyPorts = (v: unknown): PolicyPort[] =>
  a(v).map((p) => ({
    ...opt('protocol', s(o(p).protocol)),
    ...opt('port', intOrString(o(p).port)),
    ...opt('endPort', typeof o(p).endPort === 'number' ? (o(p).endPort as number) : undefined),
  }));

const rules = (v: unknown, peerKey: 'from' | 'to'): PolicyRule[] => a(v).map((r) => ({ peers: peers(o(r)[peerKey]), ports: policyPorts(o(r).ports) }));

const rbacRules = (v: unknown): PolicyRuleRbac[] =>
  a(v).map((r) => ({
    apiGroups: strings(o(r).apiGroups),
    resources: strings(o(r).resources),
    verbs: strings(o(r).verbs),
    resourceNames: strings(o(r).resourceNames),
    nonResourceURLs: strings(o(r).nonResourceURLs),
  }));

const subjects = (v: unknown): { kind: string; name: string; namespace?: string }[] =>
  a(v).map((x) => ({ kind: s(o(x).kind) ?? '', name: s(o(x).name) ?? '', ...opt('namespace', s(o(x).namespace)) }));

const converters: { [R in KubeResource]: (raw: J) => KubeObjectOf[R] } = {
  namespaces: (r) => ({ kind: 'Namespace', meta: meta(r), phase: s(o(r.status).phase) ?? 'Active' }),
  nodes: (r) => {
    const spec = o(r.spec);
    const status = o(r.status);
    const info = o(status.nodeInfo);
    return {
      kind: 'Node',
      meta: meta(r),
      unschedulable: b(spec.unschedulable),
      taints: a(spec.taints).map((t) => ({ key: s(o(t).key) ?? '', ...opt('value', s(o(t).value)), effect: s(o(t).effect) ?? '' })),
      conditions: conditions(status.conditions),
      addresses: a(status.addresses).map((x) => ({ type: s(o(x).type) ?? '', address: s(o(x).address) ?? '' })),
      capacity: record(status.capacity),
      allocatable: record(status.allocatable),
      info: {
        kubelet: s(info.kubeletVersion) ?? '',
        runtime: s(info.containerRuntimeVersion) ?? '',
        os: s(info.osImage) ?? '',
        kernel: s(info.kernelVersion) ?? '',
        arch: s(info.architecture) ?? '',
      },
    };
  },
  pods: (r) => {
    const spec = o(r.spec);
    const status = o(r.status);
    return {
      kind: 'Pod',
      meta: meta(r),
      ...opt('nodeName', s(spec.nodeName)),
      containers: a(spec.containers).map(container),
      initContainers: a(spec.initContainers).map((c) => s(o(c).name) ?? ''),
      volumes: a(spec.volumes).map((v) => ({ name: s(o(v).name) ?? '', type: volumeType(o(v)) })),
      nodeSelector: record(spec.nodeSelector),
      tolerations: a(spec.tolerations).map((t) => ({
        ...opt('key', s(o(t).key)),
        ...opt('operator', s(o(t).operator)),
        ...opt('value', s(o(t).value)),
        ...opt('effect', s(o(t).effect)),
      })),
      ...opt('serviceAccount', s(spec.serviceAccountName)),
      restartPolicy: s(spec.restartPolicy) ?? 'Always',
      phase: s(status.phase) ?? 'Pending',
      ...opt('reason', s(status.reason)),
      ...opt('message', s(status.message)),
      ...opt('podIP', s(status.podIP)),
      ...opt('hostIP', s(status.hostIP)),
      ...opt('startTime', time(status.startTime)),
      conditions: conditions(status.conditions),
      containerStatuses: a(status.containerStatuses).map((c) => {
        const cs = o(c);
        const last = o(cs.lastState);
        return {
          name: s(cs.name) ?? '',
          image: s(cs.image) ?? '',
          ready: b(cs.ready),
          restartCount: n(cs.restartCount),
          state: state(cs.state),
          ...(Object.keys(last).length ? { last: state(last) } : {}),
        };
      }),
    };
  },
  deployments: (r) => {
    const spec = o(r.spec);
    const status = o(r.status);
    const strategy = o(spec.strategy);
    const rolling = o(strategy.rollingUpdate);
    return {
      kind: 'Deployment',
      meta: meta(r),
      replicas: n(spec.replicas, 1),
      selector: selector(spec.selector),
      strategy: { type: s(strategy.type) ?? 'RollingUpdate', ...opt('maxSurge', intOrString(rolling.maxSurge)), ...opt('maxUnavailable', intOrString(rolling.maxUnavailable)) },
      paused: b(spec.paused),
      minReadySeconds: n(spec.minReadySeconds),
      ...opt('revisionHistoryLimit', typeof spec.revisionHistoryLimit === 'number' ? spec.revisionHistoryLimit : undefined),
      template: template(spec.template),
      ...opt('revision', record(o(r.metadata).annotations)['deployment.kubernetes.io/revision']),
      status: {
        ...opt('observedGeneration', typeof status.observedGeneration === 'number' ? status.observedGeneration : undefined),
        replicas: n(status.replicas),
        updatedReplicas: n(status.updatedReplicas),
        readyReplicas: n(status.readyReplicas),
        availableReplicas: n(status.availableReplicas),
        unavailableReplicas: n(status.unavailableReplicas),
        conditions: conditions(status.conditions),
      },
    };
  },
  replicasets: (r) => {
    const spec = o(r.spec);
    const status = o(r.status);
    const annotations = record(o(r.metadata).annotations);
    return {
      kind: 'ReplicaSet',
      meta: meta(r),
      replicas: n(spec.replicas, 1),
      selector: selector(spec.selector),
      template: template(spec.template),
      ...opt('revision', annotations['deployment.kubernetes.io/revision']),
      ...opt('changeCause', annotations['kubernetes.io/change-cause']),
      status: { replicas: n(status.replicas), readyReplicas: n(status.readyReplicas), availableReplicas: n(status.availableReplicas) },
    };
  },
  daemonsets: (r) => {
    const spec = o(r.spec);
    const status = o(r.status);
    return {
      kind: 'DaemonSet',
      meta: meta(r),
      selector: selector(spec.selector),
      template: template(spec.template),
      status: {
        desired: n(status.desiredNumberScheduled),
        current: n(status.currentNumberScheduled),
        ready: n(status.numberReady),
        available: n(status.numberAvailable),
        updated: n(status.updatedNumberScheduled),
      },
    };
  },
  services: (r) => {
    const spec = o(r.spec);
    return {
      kind: 'Service',
      meta: meta(r),
      type: s(spec.type) ?? 'ClusterIP',
      ...opt('clusterIP', s(spec.clusterIP)),
      ...(spec.selector ? { selector: record(spec.selector) } : {}),
      ports: a(spec.ports).map((p) => ({
        ...opt('name', s(o(p).name)),
        protocol: s(o(p).protocol) ?? 'TCP',
        port: n(o(p).port),
        ...opt('targetPort', intOrString(o(p).targetPort)),
        ...opt('nodePort', typeof o(p).nodePort === 'number' ? (o(p).nodePort as number) : undefined),
      })),
      externalIPs: strings(spec.externalIPs),
      loadBalancer: a(o(o(r.status).loadBalancer).ingress).map((i) => ({ ...opt('ip', s(o(i).ip)), ...opt('hostname', s(o(i).hostname)) })),
      ...opt('externalName', s(spec.externalName)),
    };
  },
  endpointslices: (r) => ({
    kind: 'EndpointSlice',
    meta: meta(r),
    ...opt('service', record(o(r.metadata).labels)['kubernetes.io/service-name']),
    endpoints: a(r.endpoints).map((e) => {
      const ep = o(e);
      const target = o(ep.targetRef);
      return {
        addresses: strings(ep.addresses),
        ready: o(ep.conditions).ready !== false,
        terminating: b(o(ep.conditions).terminating),
        ...opt('pod', s(target.kind) === 'Pod' ? s(target.name) : undefined),
        ...opt('node', s(ep.nodeName)),
      };
    }),
    ports: a(r.ports).map((p) => ({ ...opt('name', s(o(p).name)), ...opt('port', typeof o(p).port === 'number' ? (o(p).port as number) : undefined), ...opt('protocol', s(o(p).protocol)) })),
  }),
  networkpolicies: (r) => {
    const spec = o(r.spec);
    return {
      kind: 'NetworkPolicy',
      meta: meta(r),
      podSelector: selector(spec.podSelector),
      policyTypes: strings(spec.policyTypes),
      ingress: rules(spec.ingress, 'from'),
      egress: rules(spec.egress, 'to'),
    };
  },
  events: (r) => {
    const involved = o(r.involvedObject ?? r.regarding);
    return {
      kind: 'Event',
      meta: meta(r),
      involved: { kind: s(involved.kind) ?? '', name: s(involved.name) ?? '', ...opt('namespace', s(involved.namespace)), ...opt('uid', s(involved.uid)) },
      reason: s(r.reason) ?? '',
      message: s(r.message) ?? s(r.note) ?? '',
      type: s(r.type) ?? 'Normal',
      count: n(r.count, 1),
      ...opt('last', time(r.lastTimestamp) ?? time(r.eventTime) ?? time(o(r.metadata).creationTimestamp)),
      ...opt('source', s(o(r.source).component) ?? s(r.reportingComponent) ?? s(r.reportingController)),
    };
  },
  serviceaccounts: (r) => ({ kind: 'ServiceAccount', meta: meta(r) }),
  roles: (r) => ({ kind: 'Role', meta: meta(r), rules: rbacRules(r.rules) }),
  clusterroles: (r) => ({ kind: 'ClusterRole', meta: meta(r), rules: rbacRules(r.rules), aggregated: r.aggregationRule !== undefined && r.aggregationRule !== null }),
  rolebindings: (r) => ({ kind: 'RoleBinding', meta: meta(r), roleRef: { kind: s(o(r.roleRef).kind) ?? '', name: s(o(r.roleRef).name) ?? '' }, subjects: subjects(r.subjects) }),
  clusterrolebindings: (r) => ({
    kind: 'ClusterRoleBinding',
    meta: meta(r),
    roleRef: { kind: s(o(r.roleRef).kind) ?? '', name: s(o(r.roleRef).name) ?? '' },
    subjects: subjects(r.subjects),
  }),
  poddisruptionbudgets: (r) => {
    const spec = o(r.spec);
    const status = o(r.status);
    return {
      kind: 'PodDisruptionBudget',
      meta: meta(r),
      ...(spec.selector ? { selector: selector(spec.selector) } : {}),
      ...opt('minAvailable', intOrString(spec.minAvailable)),
      ...opt('maxUnavailable', intOrString(spec.maxUnavailable)),
      status: {
        currentHealthy: n(status.currentHealthy),
        desiredHealthy: n(status.desiredHealthy),
        disruptionsAllowed: n(status.disruptionsAllowed),
        expectedPods: n(status.expectedPods),
      },
    };
  },
};

/** One API object as the DTO of its resource. */
export function toDto<R extends KubeResource>(resource: R, raw: unknown): KubeObjectOf[R] {
  return converters[resource](o(raw));
}

/** The resource of a kind the DTOs cover. */
export const resourceOfKind: Record<KubeObject['kind'], KubeResource> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  DaemonSet: 'daemonsets',
  Service: 'services',
  EndpointSlice: 'endpointslices',
  NetworkPolicy: 'networkpolicies',
  Event: 'events',
  ServiceAccount: 'serviceaccounts',
  Role: 'roles',
  ClusterRole: 'clusterroles',
  RoleBinding: 'rolebindings',
  ClusterRoleBinding: 'clusterrolebindings',
  PodDisruptionBudget: 'poddisruptionbudgets',
};
