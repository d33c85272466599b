import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodSpec, Pod, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1';

import { as, type KObject } from '../types';
import type { StatusCause } from './status';
import { requirementsOf, matchesRequirements } from './selectors';

/** Field validation as the real API server words it: `field: Invalid value: "x": reason` and friends. */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const quote = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null');

export const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${quote(value)}: ${detail}`,
  field,
});
/** An invalid value printed as Go prints it (`map[string]string{...}`), not quoted. */
const invalidRaw = (field: string, raw: string, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${raw}: ${detail}`, field });
export const required = (field: string, detail = ''): StatusCause => ({ reason: 'FieldValueRequired', message: `Required value${detail ? `: ${detail}` : ''}`, field });
const notSupported = (field: string, value: unknown, supported: string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${quote(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  field,
});
const forbidden = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field });
const duplicate = (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${quote(value)}`, field });

type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

const NAME_RULES: Record<string, NameRule> = {
  namespaces: 'label',
  services: 'dns1035',
  'rbac.authorization.k8s.io/roles': 'path',
  'rbac.authorization.k8s.io/rolebindings': 'path',
  'rbac.authorization.k8s.io/clusterroles': 'path',
  'rbac.authorization.k8s.io/clusterrolebindings': 'path',
};

export function nameProblems(name: string, rule: NameRule, field = 'metadata.name'): StatusCause[] {
  switch (rule) {
    case 'subdomain':
      if (name.length > 253) return [invalid(field, name, 'must be no more than 253 characters')];
      return SUBDOMAIN.test(name) ? [] : [invalid(field, name, SUBDOMAIN_MSG)];
    case 'label':
      if (name.length > 63) return [invalid(field, name, 'must be no more than 63 characters')];
      return LABEL.test(name) ? [] : [invalid(field, name, LABEL_MSG)];
    case 'dns1035':
      if (name.length > 63) return [invalid(field, name, 'must be no more than 63 characters')];
      return DNS1035.test(name) ? [] : [invalid(field, name, DNS1035_MSG)];
    case 'path':
      if (name === '.' || name === '..') return [invalid(field, name, `may not be '${name}'`)];
      if (name.includes('/')) return [invalid(field, name, "may not contain '/'")];
      if (name.includes('%')) return [invalid(field, name, "may not contain '%'")];
      return [];
  }
}

const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function labelProblems(labels: Record<string, string> | undefined, field: string): StatusCause[] {
  const out: StatusCause[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const slash = k.lastIndexOf('/');
    const prefix = slash >= 0 ? k.slice(0, slash) : '';
    const name = slash >= 0 ? k.slice(slash + 1) : k;
    if ((prefix && (!SUBDOMAIN.test(prefix) || prefix.length > 253)) || !LABEL_KEY_NAME.test(name) || name.length > 63) {
      out.push(
        invalid(
          field,
          k,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
      );
    }
    if (typeof v !== 'string' || !LABEL_VALUE.test(v) || v.length > 63) {
      out.push(
        invalid(
          `${field}`,
          v,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      );
    }
  }
  return out;
}

function portProblems(port: unknown, field: string): StatusCause[] {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [invalid(field, port, 'must be between 1 and 65535, inclusive')];
}

export function podSpecProblems(spec: PodSpec | undefined, field: string, options: { template?: boolean } = {}): StatusCause[] {
  if (!spec) return [required(field)];
  const out: StatusCause[] = [];
  if (!spec.containers?.length) out.push(required(`${field}.containers`));
  const names = new Set<string>();
  (spec.containers ?? []).forEach((c, i) => {
    const at = `${field}.containers[${i}]`;
    if (!c.name) out.push(required(`${at}.name`));
    else {
      out.push(...nameProblems(c.name, 'label', `${at}.name`));
      if (names.has(c.name)) out.push(duplicate(`${at}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image) out.push(required(`${at}.image`));
    (c.ports ?? []).forEach((p, j) => out.push(...portProblems(p.containerPort, `${at}.ports[${j}].containerPort`)));
    if (c.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) out.push(notSupported(`${at}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  });
  if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) out.push(notSupported(`${field}.restartPolicy`, spec.restartPolicy, ['Always', 'OnFailure', 'Never']));
  if (options.template && spec.restartPolicy && spec.restartPolicy !== 'Always') out.push(notSupported(`${field}.restartPolicy`, spec.restartPolicy, ['Always']));
  return out;
}

function workloadProblems(spec: Deployment['spec'] | ReplicaSet['spec'] | DaemonSet['spec'], replicas: boolean): StatusCause[] {
  if (!spec) return [required('spec')];
  const out: StatusCause[] = [];
  if (replicas) {
    const r = (spec as { replicas?: number }).replicas;
    if (r !== undefined && r < 0) out.push(invalid('spec.replicas', r, 'must be greater than or equal to 0'));
  }
  if (!spec.selector) out.push(required('spec.selector'));
  else if (!Object.keys(spec.selector.matchLabels ?? {}).length && !spec.selector.matchExpressions?.length) {
    out.push(invalid('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
  }
  const labels = spec.template?.metadata?.labels;
  out.push(...labelProblems(labels, 'spec.template.metadata.labels'));
  if (spec.selector && !matchesRequirements(requirementsOf(spec.selector), labels)) {
    const goMap = `map[string]string{${Object.entries(labels ?? {}).map(([k, v]) => `"${k}":"${v}"`).join(', ')}}`;
    out.push(invalidRaw('spec.template.metadata.labels', labels ? goMap : 'map[string]string(nil)', '`selector` does not match template `labels`'));
  }
  out.push(...podSpecProblems(spec.template?.spec, 'spec.template.spec', { template: true }));
  return out;
}

const VALIDATORS: Record<string, (o: KObject, old?: KObject) => StatusCause[]> = {
  pods: (o) => podSpecProblems(as<Pod>(o).spec, 'spec'),
  'apps/deployments': (o, old) => {
    const d = as<Deployment>(o);
    const out = workloadProblems(d.spec, true);
    const strategy = d.spec?.strategy;
    if (strategy?.type && !['RollingUpdate', 'Recreate'].includes(strategy.type)) out.push(notSupported('spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']));
    if (strategy?.type === 'Recreate' && strategy.rollingUpdate) out.push(forbidden('spec.strategy.rollingUpdate', 'may not be specified when strategy `type` is \'Recreate\''));
    if (old && JSON.stringify(as<Deployment>(old).spec?.selector) !== JSON.stringify(d.spec?.selector)) {
      out.push(invalid('spec.selector', d.spec?.selector, 'field is immutable'));
    }
    return out;
  },
  'apps/replicasets': (o) => workloadProblems(as<ReplicaSet>(o).spec, true),
  'apps/daemonsets': (o) => workloadProblems(as<DaemonSet>(o).spec, false),
  services: (o) => {
    const svc = as<Service>(o);
    const out: StatusCause[] = [];
    const type = svc.spec?.type ?? 'ClusterIP';
    if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) out.push(notSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
    if (type !== 'ExternalName' && !svc.spec?.ports?.length && svc.spec?.clusterIP !== 'None') out.push(required('spec.ports'));
    const seen = new Set<string>();
    (svc.spec?.ports ?? []).forEach((p, i) => {
      const at = `spec.ports[${i}]`;
      out.push(...portProblems(p.port, `${at}.port`));
      if ((svc.spec?.ports?.length ?? 0) > 1 && !p.name) out.push(required(`${at}.name`));
      const key = `${p.port}/${p.protocol ?? 'TCP'}`;
      if (seen.has(key)) out.push(duplicate(at, { port: p.port, protocol: p.protocol ?? 'TCP' }));
      seen.add(key);
      if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) out.push(notSupported(`${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
      if (typeof p.targetPort === 'number') out.push(...portProblems(p.targetPort, `${at}.targetPort`));
      if (p.nodePort !== undefined && p.nodePort !== 0) {
        if (type === 'ClusterIP') out.push(forbidden(`${at}.nodePort`, 'may not be used when `type` is \'ClusterIP\''));
        else if (p.nodePort < 30000 || p.nodePort > 32767) out.push(invalid(`${at}.nodePort`, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
      }
    });
    return out;
  },
  'policy/poddisruptionbudgets': (o) => {
    const pdb = as<PodDisruptionBudget>(o);
    const out: StatusCause[] = [];
    if (pdb.spec?.minAvailable !== undefined && pdb.spec.maxUnavailable !== undefined) out.push(invalid('spec', pdb.spec, 'minAvailable and maxUnavailable cannot be both set'));
    return out;
  },
  'rbac.authorization.k8s.io/rolebindings': (o, old) => bindingProblems(as<RoleBinding>(o), old && as<RoleBinding>(old)),
  'rbac.authorization.k8s.io/clusterrolebindings': (o, old) => bindingProblems(as<ClusterRoleBinding>(o), old && as<ClusterRoleBinding>(old)),
};

function bindingProblems(b: RoleBinding | ClusterRoleBinding, old?: RoleBinding | ClusterRoleBinding): StatusCause[] {
  const out: StatusCause[] = [];
  if (!b.roleRef?.name) out.push(required('roleRef.name'));
  if (b.roleRef?.kind && !['Role', 'ClusterRole'].includes(b.roleRef.kind)) out.push(notSupported('roleRef.kind', b.roleRef.kind, ['ClusterRole', 'Role']));
  (b.subjects ?? []).forEach((s, i) => {
    if (!['User', 'Group', 'ServiceAccount'].includes(s.kind)) out.push(notSupported(`subjects[${i}].kind`, s.kind, ['Group', 'ServiceAccount', 'User']));
    if (!s.name) out.push(required(`subjects[${i}].name`));
    if (s.kind === 'ServiceAccount' && !s.namespace && b.metadata && !('namespace' in b.metadata && b.metadata.namespace)) out.push(required(`subjects[${i}].namespace`));
  });
  if (old && JSON.stringify(old.roleRef) !== JSON.stringify(b.roleRef)) out.push(invalid('roleRef', b.roleRef, 'cannot change roleRef'));
  return out;
}

/** Problems of an object about to be stored (after defaulting); empty when valid. */
export function validateObject(resource: string, object: KObject, old?: KObject): StatusCause[] {
  const out: StatusCause[] = [];
  const name = object.metadata.name ?? '';
  if (!name) out.push(required('metadata.name', 'name or generateName is required'));
  else out.push(...nameProblems(name, NAME_RULES[resource] ?? 'subdomain'));
  out.push(...labelProblems(object.metadata.labels, 'metadata.labels'));
  out.push(...(VALIDATORS[resource]?.(object, old) ?? []));
  return out;
}
