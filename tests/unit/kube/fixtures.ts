import { parseAllDocuments } from 'yaml';

import type { KubeObjectOf, KubeResource } from '@shared/dto/kube';
import { toDto } from '@shared/kube/convert';

let uid = 0;
let rv = 100;

/** An API object (as the server would send it) turned into its DTO; metadata filled in. */
export function make<R extends KubeResource>(resource: R, raw: Record<string, unknown>): KubeObjectOf[R] {
  const metadata = (raw.metadata ?? {}) as Record<string, unknown>;
  return toDto(resource, {
    ...raw,
    metadata: { uid: `uid-${++uid}`, resourceVersion: String(++rv), creationTimestamp: '2025-01-01T00:00:00Z', ...metadata },
  });
}

/** The objects of a YAML text (several documents), by kind. */
export function fromYaml(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
}

export function pod(name: string, namespace: string, labels: Record<string, string>, extra: { node?: string; ip?: string; owner?: { kind: string; name: string; uid?: string }; spec?: Record<string, unknown>; status?: Record<string, unknown>; annotations?: Record<string, string>; deleting?: string } = {}): KubeObjectOf['pods'] {
  return make('pods', {
    metadata: {
      name,
      namespace,
      labels,
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      ...(extra.deleting ? { deletionTimestamp: extra.deleting } : {}),
      ...(extra.owner ? { ownerReferences: [{ kind: extra.owner.kind, name: extra.owner.name, uid: extra.owner.uid ?? `uid-${extra.owner.name}`, controller: true }] } : {}),
    },
    spec: { ...(extra.node ? { nodeName: extra.node } : {}), containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }], ...extra.spec },
    status: { phase: 'Running', ...(extra.ip ? { podIP: extra.ip } : {}), conditions: [{ type: 'Ready', status: 'True' }], ...extra.status },
  });
}

export function node(name: string, extra: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[]; labels?: Record<string, string>; allocatable?: Record<string, string>; ready?: boolean } = {}): KubeObjectOf['nodes'] {
  return make('nodes', {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: { unschedulable: extra.unschedulable ?? false, taints: extra.taints ?? [] },
    status: {
      conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110', ...extra.allocatable },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    },
  });
}
