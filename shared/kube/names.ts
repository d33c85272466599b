/** Kubernetes' naming rules (apimachinery's validation), as checks that say which rule a name breaks. */

export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Which rule names of a kind follow (the API server's choice per resource). */
export function nameRuleOf(kind: string): NameRule {
  switch (kind) {
    case 'Namespace':
      return 'dns1123-label';
    case 'Service':
      return 'dns1035-label';
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return 'path-segment';
    default:
      return 'dns1123-subdomain';
  }
}

/** Whether a name follows the rule. */
export function nameFollows(rule: NameRule, name: string): boolean {
  switch (rule) {
    case 'dns1123-label':
      return name.length <= 63 && LABEL.test(name);
    case 'dns1035-label':
      return name.length <= 63 && LABEL_1035.test(name);
    case 'dns1123-subdomain':
      return name.length <= 253 && SUBDOMAIN.test(name);
    case 'path-segment':
      return name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name);
  }
}

/** A label key: an optional DNS subdomain prefix and `/`, then a name of up to 63 characters. */
export function labelKeyValid(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

export const labelValueValid = (value: string): boolean => value === '' || (value.length <= 63 && LABEL_NAME.test(value));

/** Namespaced kinds the doctor knows (cluster-scoped ones take no namespace). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
]);

export const isClusterScoped = (kind: string): boolean => CLUSTER_SCOPED.has(kind);
