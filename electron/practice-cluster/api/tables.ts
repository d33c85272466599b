import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Endpoints, Event, Namespace, Node, Pod, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';

import { as, type KObject } from '../types';
import { formatLabelSelector } from './selectors';

/** Server-side Tables for `kubectl get`: the columns each kind has on a real cluster. */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'date' | 'number' | 'boolean';
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number;
interface Printer {
  columns: [name: string, type?: ColumnDefinition['type'], priority?: number][];
  row(o: KObject, now: number): Cell[];
}

/** Human duration as kubectl prints ages (apimachinery's duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function since(time: string | undefined | null, now: number): string {
  if (!time) return '<unknown>';
  const t = Date.parse(time);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

const age = (o: KObject, now: number): string => since(o.metadata.creationTimestamp, now);
const none = (s: string | undefined | null): string => (s ? s : '<none>');

/** READY, STATUS and RESTARTS of a pod, following kubectl's printPod. */
export function podSummary(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const total = spec?.containers.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let reason = status.reason ?? status.phase ?? 'Pending';
  let initializing = false;
  (status.initContainerStatuses ?? []).forEach((c, i) => {
    restarts += c.restartCount;
    if (c.state?.terminated && c.state.terminated.exitCode === 0) return;
    if (c.state?.running && c.started) return;
    initializing = true;
    if (c.state?.terminated) reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
  });
  if (!initializing) {
    let hasRunning = false;
    const statuses = [...(status.containerStatuses ?? [])].reverse();
    for (const c of statuses) {
      restarts += c.restartCount;
      const lastFinished = c.lastState?.terminated?.finishedAt;
      if (lastFinished) lastRestart = Math.max(lastRestart, Date.parse(lastFinished));
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  } else {
    for (const c of status.containerStatuses ?? []) restarts += c.restartCount;
  }
  if (pod.metadata?.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartText = lastRestart ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function templateColumns(template: PodTemplateSpec | undefined): [string, string] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

function servicePorts(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function bindingSubjects(b: RoleBinding | ClusterRoleBinding): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of b.subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function formatEndpoints(addresses: string[], ports: number[]): string {
  const all: string[] = [];
  for (const a of addresses) {
    if (!ports.length) all.push(a);
    for (const p of ports) all.push(`${a}:${p}`);
  }
  if (!all.length) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

const intOrNA = (v: number | string | undefined): string => (v === undefined ? 'N/A' : String(v));

const PRINTERS: Record<string, Printer> = {
  pods: {
    columns: [['Name'], ['Ready'], ['Status'], ['Restarts'], ['Age'], ['IP', 'string', 1], ['Node', 'string', 1], ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1]],
    row: (o, now) => {
      const pod = as<Pod>(o);
      const s = podSummary(pod, now);
      const gates = pod.spec?.readinessGates ?? [];
      const gateText = gates.length
        ? `${gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`
        : '<none>';
      return [o.metadata.name ?? '', s.ready, s.status, s.restarts, age(o, now), none(pod.status?.podIP), none(pod.spec?.nodeName), none(pod.status?.nominatedNodeName), gateText];
    },
  },
  nodes: {
    columns: [['Name'], ['Status'], ['Roles'], ['Age'], ['Version'], ['Internal-IP', 'string', 1], ['External-IP', 'string', 1], ['OS-Image', 'string', 1], ['Kernel-Version', 'string', 1], ['Container-Runtime', 'string', 1]],
    row: (o, now) => {
      const node = as<Node>(o);
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      const states = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
      if (node.spec?.unschedulable) states.push('SchedulingDisabled');
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length))
        .sort();
      const addr = (type: string): string => none(node.status?.addresses?.find((a) => a.type === type)?.address);
      const info = node.status?.nodeInfo;
      return [o.metadata.name ?? '', states.join(','), roles.length ? roles.join(',') : '<none>', age(o, now), info?.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), none(info?.osImage), none(info?.kernelVersion), none(info?.containerRuntimeVersion)];
    },
  },
  namespaces: {
    columns: [['Name'], ['Status'], ['Age']],
    row: (o, now) => [o.metadata.name ?? '', as<Namespace>(o).status?.phase ?? 'Active', age(o, now)],
  },
  services: {
    columns: [['Name'], ['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], ['Age'], ['Selector', 'string', 1]],
    row: (o, now) => {
      const svc = as<Service>(o);
      const type = svc.spec?.type ?? 'ClusterIP';
      const external = type === 'ExternalName' ? (svc.spec?.externalName ?? '<none>') : svc.spec?.externalIPs?.length ? svc.spec.externalIPs.join(',') : type === 'LoadBalancer' ? '<pending>' : '<none>';
      const selector = Object.entries(svc.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return [o.metadata.name ?? '', type, none(svc.spec?.clusterIP), external, servicePorts(svc), age(o, now), none(selector)];
    },
  },
  endpoints: {
    columns: [['Name'], ['Endpoints'], ['Age']],
    row: (o, now) => {
      const ep = as<Endpoints>(o);
      const all: string[] = [];
      for (const s of ep.subsets ?? []) {
        const ports = (s.ports ?? []).map((p) => p.port);
        const list = formatEndpoints((s.addresses ?? []).map((a) => a.ip), ports);
        if (list !== '<none>') all.push(list);
      }
      return [o.metadata.name ?? '', all.length ? all.join(',') : '<none>', age(o, now)];
    },
  },
  'discovery.k8s.io/endpointslices': {
    columns: [['Name'], ['AddressType'], ['Ports'], ['Endpoints'], ['Age']],
    row: (o, now) => {
      const s = as<EndpointSlice>(o);
      const ports = (s.ports ?? []).map((p) => String(p.port ?? '*'));
      const addresses = (s.endpoints ?? []).flatMap((e) => e.addresses);
      const shown = addresses.length > 3 ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...` : addresses.length ? addresses.join(',') : '<unset>';
      return [o.metadata.name ?? '', s.addressType, ports.length ? ports.join(',') : '<unset>', shown, age(o, now)];
    },
  },
  configmaps: {
    columns: [['Name'], ['Data', 'integer'], ['Age']],
    row: (o, now) => {
      const cm = as<ConfigMap>(o);
      return [o.metadata.name ?? '', Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(o, now)];
    },
  },
  secrets: {
    columns: [['Name'], ['Type'], ['Data', 'integer'], ['Age']],
    row: (o, now) => {
      const s = as<Secret>(o);
      return [o.metadata.name ?? '', s.type ?? 'Opaque', Object.keys(s.data ?? {}).length, age(o, now)];
    },
  },
  serviceaccounts: {
    columns: [['Name'], ['Secrets', 'integer'], ['Age']],
    row: (o, now) => [o.metadata.name ?? '', as<ServiceAccount>(o).secrets?.length ?? 0, age(o, now)],
  },
  events: {
    columns: [['Last Seen'], ['Type'], ['Reason'], ['Object'], ['Message'], ['Subobject', 'string', 1], ['Source', 'string', 1], ['First Seen', 'string', 1], ['Count', 'integer', 1], ['Name', 'string', 1]],
    row: (o, now) => {
      const e = as<Event>(o);
      const first = e.firstTimestamp ?? e.eventTime ?? o.metadata.creationTimestamp;
      const last = e.lastTimestamp ?? e.eventTime ?? first;
      const count = e.count ?? 1;
      const lastSeen = count > 1 ? `${since(last, now)} (x${count} over ${since(first, now)})` : since(last, now);
      const obj = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
      const source = e.source?.component ? `${e.source.component}${e.source.host ? `, ${e.source.host}` : ''}` : (e.reportingComponent ?? '');
      return [lastSeen, e.type ?? 'Normal', e.reason ?? '', obj, (e.message ?? '').trim(), e.involvedObject.fieldPath ?? '', source, since(first, now), count, o.metadata.name ?? ''];
    },
  },
  'apps/deployments': {
    columns: [['Name'], ['Ready'], ['Up-to-date', 'integer'], ['Available', 'integer'], ['Age'], ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]],
    row: (o, now) => {
      const d = as<Deployment>(o);
      const [names, images] = templateColumns(d.spec?.template);
      return [o.metadata.name ?? '', `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0, age(o, now), names, images, formatLabelSelector(d.spec?.selector)];
    },
  },
  'apps/replicasets': {
    columns: [['Name'], ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], ['Age'], ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]],
    row: (o, now) => {
      const rs = as<ReplicaSet>(o);
      const [names, images] = templateColumns(rs.spec?.template);
      return [o.metadata.name ?? '', rs.spec?.replicas ?? 1, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, age(o, now), names, images, formatLabelSelector(rs.spec?.selector)];
    },
  },
  'apps/daemonsets': {
    columns: [['Name'], ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], ['Up-to-date', 'integer'], ['Available', 'integer'], ['Node Selector'], ['Age'], ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]],
    row: (o, now) => {
      const ds = as<DaemonSet>(o);
      const st = ds.status;
      const [names, images] = templateColumns(ds.spec?.template);
      const nodeSelector = Object.entries(ds.spec?.template.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return [o.metadata.name ?? '', st?.desiredNumberScheduled ?? 0, st?.currentNumberScheduled ?? 0, st?.numberReady ?? 0, st?.updatedNumberScheduled ?? 0, st?.numberAvailable ?? 0, none(nodeSelector), age(o, now), names, images, formatLabelSelector(ds.spec?.selector)];
    },
  },
  'networking.k8s.io/networkpolicies': {
    columns: [['Name'], ['Pod-Selector'], ['Age']],
    row: (o, now) => {
      const np = as<NetworkPolicy>(o);
      const sel = formatLabelSelector(np.spec?.podSelector);
      return [o.metadata.name ?? '', sel === '<none>' ? '<none>' : sel, age(o, now)];
    },
  },
  'policy/poddisruptionbudgets': {
    columns: [['Name'], ['Min Available'], ['Max Unavailable'], ['Allowed Disruptions', 'integer'], ['Age']],
    row: (o, now) => {
      const pdb = as<PodDisruptionBudget>(o);
      return [o.metadata.name ?? '', intOrNA(pdb.spec?.minAvailable), intOrNA(pdb.spec?.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, age(o, now)];
    },
  },
  'rbac.authorization.k8s.io/roles': { columns: [['Name'], ['Created At', 'date']], row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''] },
  'rbac.authorization.k8s.io/clusterroles': { columns: [['Name'], ['Created At', 'date']], row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''] },
  'rbac.authorization.k8s.io/rolebindings': {
    columns: [['Name'], ['Role'], ['Age'], ['Users', 'string', 1], ['Groups', 'string', 1], ['ServiceAccounts', 'string', 1]],
    row: (o, now) => {
      const b = as<RoleBinding>(o);
      return [o.metadata.name ?? '', `${b.roleRef.kind}/${b.roleRef.name}`, age(o, now), ...bindingSubjects(b)];
    },
  },
  'rbac.authorization.k8s.io/clusterrolebindings': {
    columns: [['Name'], ['Role'], ['Age'], ['Users', 'string', 1], ['Groups', 'string', 1], ['ServiceAccounts', 'string', 1]],
    row: (o, now) => {
      const b = as<ClusterRoleBinding>(o);
      return [o.metadata.name ?? '', `${b.roleRef.kind}/${b.roleRef.name}`, age(o, now), ...bindingSubjects(b)];
    },
  },
  'coordination.k8s.io/leases': {
    columns: [['Name'], ['Holder'], ['Age']],
    row: (o, now) => [o.metadata.name ?? '', as<Lease>(o).spec?.holderIdentity ?? '', age(o, now)],
  },
};

const DEFAULT_PRINTER: Printer = { columns: [['Name'], ['Age']], row: (o, now) => [o.metadata.name ?? '', age(o, now)] };

export function columnDefinitions(resource: string): ColumnDefinition[] {
  return (PRINTERS[resource] ?? DEFAULT_PRINTER).columns.map(([name, type, priority]) => ({
    name,
    type: type ?? 'string',
    format: name === 'Name' ? 'name' : '',
    description: '',
    priority: priority ?? 0,
  }));
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRow {
  cells: Cell[];
  object?: Record<string, unknown>;
}

export function tableRow(resource: string, o: KObject, include: IncludeObject, apiVersion: string, kind: string, now = Date.now()): TableRow {
  const cells = (PRINTERS[resource] ?? DEFAULT_PRINTER).row(o, now);
  if (include === 'None') return { cells };
  if (include === 'Object') return { cells, object: { ...o, apiVersion, kind } };
  return { cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } };
}

export function table(
  resource: string,
  objects: KObject[],
  options: { include: IncludeObject; apiVersion: string; kind: string; resourceVersion: string; continue?: string; withColumns?: boolean },
): Record<string, unknown> {
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: options.resourceVersion, ...(options.continue ? { continue: options.continue } : {}) },
    columnDefinitions: options.withColumns === false ? [] : columnDefinitions(resource),
    rows: objects.map((o) => tableRow(resource, o, options.include, options.apiVersion, options.kind, now)),
  };
}
