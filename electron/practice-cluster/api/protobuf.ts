import protobuf from 'protobufjs';

import { isRecord } from '../types';

/**
 * Decoding of the protobuf request bodies `kubectl create <generator>` and `kubectl auth can-i` send
 * (`application/vnd.kubernetes.protobuf`): the `k8s\0` magic, a runtime.Unknown envelope and the object in the
 * Kubernetes wire format. The schema below declares only the messages and fields those commands fill in; other
 * fields are skipped by the decoder. Field numbers are those of the Kubernetes API.
 */
const SCHEMA = `
syntax = "proto2";
package k8s;
message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown { optional TypeMeta typeMeta = 1; optional bytes raw = 2; optional string contentEncoding = 3; optional string contentType = 4; }
message IntOrString { optional int64 type = 1; optional int32 intVal = 2; optional string strVal = 3; }
message Quantity { optional string string = 1; }
message Time { optional int64 seconds = 1; optional int32 nanos = 2; }
message OwnerReference { optional string kind = 1; optional string name = 3; optional string uid = 4; optional string apiVersion = 5; optional bool controller = 6; optional bool blockOwnerDeletion = 7; }
message ObjectMeta {
  optional string name = 1; optional string generateName = 2; optional string namespace = 3; optional string uid = 5;
  optional string resourceVersion = 6; optional int64 generation = 7; optional Time creationTimestamp = 8;
  map<string, string> labels = 11; map<string, string> annotations = 12; repeated OwnerReference ownerReferences = 13; repeated string finalizers = 14;
}
message LabelSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message LabelSelector { map<string, string> matchLabels = 1; repeated LabelSelectorRequirement matchExpressions = 2; }
message NamespaceSpec { repeated string finalizers = 1; }
message Namespace { optional ObjectMeta metadata = 1; optional NamespaceSpec spec = 2; }
message LocalObjectReference { optional string name = 1; }
message ObjectReference { optional string kind = 1; optional string namespace = 2; optional string name = 3; optional string uid = 4; optional string apiVersion = 5; }
message ServiceAccount { optional ObjectMeta metadata = 1; repeated ObjectReference secrets = 2; repeated LocalObjectReference imagePullSecrets = 3; optional bool automountServiceAccountToken = 4; }
message ConfigMap { optional ObjectMeta metadata = 1; map<string, string> data = 2; map<string, bytes> binaryData = 3; optional bool immutable = 4; }
message Secret { optional ObjectMeta metadata = 1; map<string, bytes> data = 2; optional string type = 3; map<string, string> stringData = 4; optional bool immutable = 5; }
message ServicePort { optional string name = 1; optional string protocol = 2; optional int32 port = 3; optional IntOrString targetPort = 4; optional int32 nodePort = 5; optional string appProtocol = 6; }
message ServiceSpec { repeated ServicePort ports = 1; map<string, string> selector = 2; optional string clusterIP = 3; optional string type = 4; repeated string externalIPs = 5; optional string externalName = 10; }
message Service { optional ObjectMeta metadata = 1; optional ServiceSpec spec = 2; }
message ContainerPort { optional string name = 1; optional int32 hostPort = 2; optional int32 containerPort = 3; optional string protocol = 4; optional string hostIP = 5; }
message EnvVar { optional string name = 1; optional string value = 2; }
message ResourceRequirements { map<string, Quantity> limits = 1; map<string, Quantity> requests = 2; }
message Container {
  optional string name = 1; optional string image = 2; repeated string command = 3; repeated string args = 4; optional string workingDir = 5;
  repeated ContainerPort ports = 6; repeated EnvVar env = 7; optional ResourceRequirements resources = 8; optional string imagePullPolicy = 14;
  optional bool stdin = 16; optional bool stdinOnce = 17; optional bool tty = 18;
}
message Toleration { optional string key = 1; optional string operator = 2; optional string value = 3; optional string effect = 4; optional int64 tolerationSeconds = 5; }
message PodSpec {
  repeated Container containers = 2; optional string restartPolicy = 3; optional int64 terminationGracePeriodSeconds = 4; optional string dnsPolicy = 6;
  map<string, string> nodeSelector = 7; optional string serviceAccountName = 8; optional string nodeName = 10; repeated Container initContainers = 20;
  repeated Toleration tolerations = 22;
}
message PodTemplateSpec { optional ObjectMeta metadata = 1; optional PodSpec spec = 2; }
message RollingUpdateDeployment { optional IntOrString maxUnavailable = 1; optional IntOrString maxSurge = 2; }
message DeploymentStrategy { optional string type = 1; optional RollingUpdateDeployment rollingUpdate = 2; }
message DeploymentSpec { optional int32 replicas = 1; optional LabelSelector selector = 2; optional PodTemplateSpec template = 3; optional DeploymentStrategy strategy = 4; optional int32 minReadySeconds = 5; optional int32 revisionHistoryLimit = 6; optional bool paused = 7; optional int32 progressDeadlineSeconds = 9; }
message Deployment { optional ObjectMeta metadata = 1; optional DeploymentSpec spec = 2; }
message Subject { optional string kind = 1; optional string apiGroup = 2; optional string name = 3; optional string namespace = 4; }
message RoleRef { optional string apiGroup = 1; optional string kind = 2; optional string name = 3; }
message PolicyRule { repeated string verbs = 1; repeated string apiGroups = 2; repeated string resources = 3; repeated string resourceNames = 4; repeated string nonResourceURLs = 5; }
message AggregationRule { repeated LabelSelector clusterRoleSelectors = 1; }
message Role { optional ObjectMeta metadata = 1; repeated PolicyRule rules = 2; }
message ClusterRole { optional ObjectMeta metadata = 1; repeated PolicyRule rules = 2; optional AggregationRule aggregationRule = 3; }
message RoleBinding { optional ObjectMeta metadata = 1; repeated Subject subjects = 2; optional RoleRef roleRef = 3; }
message ClusterRoleBinding { optional ObjectMeta metadata = 1; repeated Subject subjects = 2; optional RoleRef roleRef = 3; }
message ResourceAttributes { optional string namespace = 1; optional string verb = 2; optional string group = 3; optional string version = 4; optional string resource = 5; optional string subresource = 6; optional string name = 7; }
message NonResourceAttributes { optional string path = 1; optional string verb = 2; }
message ExtraValue { repeated string items = 1; }
message SelfSubjectAccessReviewSpec { optional ResourceAttributes resourceAttributes = 1; optional NonResourceAttributes nonResourceAttributes = 2; }
message SelfSubjectAccessReview { optional ObjectMeta metadata = 1; optional SelfSubjectAccessReviewSpec spec = 2; }
message SubjectAccessReviewSpec { optional ResourceAttributes resourceAttributes = 1; optional NonResourceAttributes nonResourceAttributes = 2; optional string user = 3; repeated string groups = 4; map<string, ExtraValue> extra = 5; optional string uid = 6; }
message SubjectAccessReview { optional ObjectMeta metadata = 1; optional SubjectAccessReviewSpec spec = 2; }
message SelfSubjectRulesReviewSpec { optional string namespace = 1; }
message SelfSubjectRulesReview { optional ObjectMeta metadata = 1; optional SelfSubjectRulesReviewSpec spec = 2; }
message PodDisruptionBudgetSpec { optional IntOrString minAvailable = 1; optional LabelSelector selector = 2; optional IntOrString maxUnavailable = 3; optional string unhealthyPodEvictionPolicy = 4; }
message PodDisruptionBudget { optional ObjectMeta metadata = 1; optional PodDisruptionBudgetSpec spec = 2; }
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const unknownType = root.lookupType('k8s.Unknown');
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Kinds whose bodies can be decoded, by `apiVersion/kind`. */
const MESSAGES: Record<string, string> = {
  'v1/Namespace': 'Namespace',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/Service': 'Service',
  'apps/v1/Deployment': 'Deployment',
  'rbac.authorization.k8s.io/v1/Role': 'Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'ClusterRoleBinding',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SubjectAccessReview': 'SubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'SelfSubjectRulesReview',
  'policy/v1/PodDisruptionBudget': 'PodDisruptionBudget',
};

export class ProtobufError extends Error {}

/**
 * Go's wire format writes empty strings, zero numbers and empty messages for optional fields; JSON leaves
 * them out. An item of a list is written only because the list holds it: `apiGroups: [""]` (the core
 * group) keeps its empty string, and an all-default item stays as `{}`.
 */
function normalize(value: unknown, path: string): unknown {
  if (Array.isArray(value)) {
    const items = (value as unknown[]).map((v, i) => (isRecord(v) ? (normalize(v, `${path}[${i}]`) ?? {}) : v));
    return items.length ? items : undefined;
  }
  if (!isRecord(value)) {
    if (value === '' || value === false) return undefined;
    if (value === 0 && !/\.(replicas|intVal)$/.test(path)) return undefined;
    return value;
  }
  const keys = Object.keys(value);
  // IntOrString: type 0 = int, 1 = string.
  if (keys.every((k) => k === 'type' || k === 'intVal' || k === 'strVal') && keys.length && (keys.includes('intVal') || keys.includes('strVal'))) {
    return Number(value.type ?? 0) === 1 ? value.strVal : value.intVal;
  }
  if (keys.length === 1 && keys[0] === 'string' && typeof value.string === 'string') return value.string;
  if (path.endsWith('.creationTimestamp') || path.endsWith('Timestamp')) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const n = normalize(v, `${path}.${k}`);
    if (n !== undefined) out[k] = n;
  }
  if (path.endsWith('.extra')) {
    for (const [k, v] of Object.entries(out)) out[k] = isRecord(v) ? (v.items ?? []) : v;
  }
  if (!Object.keys(out).length && !/\.(metadata|spec|resources|selector)$/.test(path)) return undefined;
  return out;
}

/** Decodes a protobuf request body into the JSON object the client meant. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new ProtobufError('the protobuf body does not start with the Kubernetes magic prefix');
  let envelope: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  try {
    envelope = unknownType.toObject(unknownType.decode(body.subarray(4)), { defaults: false });
  } catch (error) {
    throw new ProtobufError(`cannot decode the protobuf envelope: ${(error as Error).message}`);
  }
  const apiVersion = envelope.typeMeta?.apiVersion ?? '';
  const kind = envelope.typeMeta?.kind ?? '';
  const message = MESSAGES[`${apiVersion}/${kind}`];
  if (!message) throw new ProtobufError(`${kind || 'this kind'} (${apiVersion || 'no apiVersion'}) cannot be sent as protobuf to the practice cluster; send it as JSON`);
  const type = root.lookupType(`k8s.${message}`);
  let decoded: unknown;
  try {
    decoded = type.toObject(type.decode(envelope.raw ?? new Uint8Array()), { longs: Number, bytes: String, defaults: false, arrays: false, objects: false });
  } catch (error) {
    throw new ProtobufError(`cannot decode the ${kind}: ${(error as Error).message}`);
  }
  const object = (normalize(decoded, '') ?? {}) as Record<string, unknown>;
  object.apiVersion = apiVersion;
  object.kind = kind;
  if (!isRecord(object.metadata)) object.metadata = {};
  return object;
}

/** Encodes an object the way kubectl does (used by tests to send the same bytes). */
export function encodeProtobuf(object: Record<string, unknown>): Buffer {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const message = MESSAGES[`${apiVersion}/${kind}`];
  if (!message) throw new ProtobufError(`no protobuf message for ${apiVersion}/${kind}`);
  const type = root.lookupType(`k8s.${message}`);
  const raw = type.encode(type.fromObject(object)).finish();
  const envelope = unknownType.encode(unknownType.fromObject({ typeMeta: { apiVersion, kind }, raw, contentType: '' })).finish();
  return Buffer.concat([MAGIC, envelope]);
}
