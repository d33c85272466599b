import { describe, expect, it } from 'vitest';

import { courseManifests, courseManifestText } from '@shared/kube/course';
import { examine } from '@shared/kube/doctor';
import { type OpenApiDocument, SchemaIndex } from '@shared/kube/schema';

const course = (file: string): string => courseManifests.find((m) => m.file === file)!.text;
const codes = (text: string, facts = {}): string[] => examine(text, facts).findings.map((f) => `${f.code}@${f.line}`);

describe("the doctor with the course's samples", () => {
  it('finds nothing wrong in the samples that are right', () => {
    for (const m of courseManifests.filter((x) => !x.flawed)) {
      expect(examine(m.text).findings.filter((f) => f.severity === 'error'), m.file).toEqual([]);
    }
  });

  it("the NodePort service: the port lines stand at the list item's column; mended under `- protocol: TCP`", () => {
    const report = examine(course('nginxService.yml'));
    const slip = report.findings.find((f) => f.code === 'indentSlip');
    expect(slip).toMatchObject({ severity: 'error', line: 12, column: 7, params: { lines: '12–14', delta: 2, under: 11 } });
    expect(slip?.fix).toEqual({ fromLine: 12, toLine: 14, text: '        port: 80\n        targetPort: 80\n        nodePort: 30080' });
    const mended = examine(report.mended).docs[0]?.object as { spec: { ports: unknown[] } };
    expect(mended.spec.ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080 }]);
  });

  it('the ServiceAccount lost its indentation: name and namespace belong under metadata', () => {
    const report = examine(course('serviceAccount.yml'));
    expect(report.findings.map((f) => [f.code, f.line, f.params])).toEqual([['lostIndentation', 7, { parent: 'metadata', fields: 'name, namespace' }]]);
    expect(examine(report.mended).docs[0]).toMatchObject({ kind: 'ServiceAccount', name: 'donald', namespace: 'entenhausen' });
  });

  it('the ClusterRoleBinding lost it three times: metadata, the subject, roleRef; binding cluster-admin is flagged', () => {
    const report = examine(course('clusterRoleBinding.yml'));
    expect(report.findings.map((f) => `${f.code}:${String(f.params.parent ?? f.params.subjects)}`)).toEqual([
      'lostIndentation:metadata',
      'lostIndentation:subjects[0]',
      'lostIndentation:roleRef',
      'clusterAdminBinding:donald',
    ]);
    const object = examine(report.mended).docs[0]?.object;
    expect(object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'donaldAdminBinding' },
      subjects: [{ kind: 'ServiceAccount', name: 'donald', namespace: 'entenhausen' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    });
  });

  it('all manifests in one text: eight objects, the namespace created by the text itself, the selectors select', () => {
    const report = examine(courseManifestText(), { namespaces: new Set(['default', 'kube-system']), pods: [] });
    expect(report.docs.map((d) => `${d.kind}/${d.name}`)).toEqual([
      'Namespace/entenhausen',
      'ServiceAccount/donald',
      'ClusterRoleBinding/donaldAdminBinding',
      'Deployment/nginx-deployment',
      'Deployment/ubuntu2-deployment',
      'Service/nginx-service',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/allow-pod',
    ]);
    expect(report.findings.map((f) => f.code).sort()).toEqual(['clusterAdminBinding', 'indentSlip', 'lostIndentation', 'lostIndentation', 'lostIndentation', 'lostIndentation']);
    expect(examine(report.mended, { namespaces: new Set(['default']) }).ok).toBe(true);
  });
});

describe('the doctor on other mistakes', () => {
  it('a namespace that does not exist, and one the text creates', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nowhere\n';
    expect(codes(text, { namespaces: new Set(['default']) })).toEqual(['namespaceMissing@5']);
    expect(codes(text)).toEqual([]);
  });

  it("a Deployment whose selector does not match its template's labels, bad names and labels", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web_App
  labels:
    "bad key!": x
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: website
    spec:
      containers:
        - name: Web
          image: nginx
`;
    expect(codes(text)).toEqual(['invalidName@4', 'invalidLabelKey@6', 'badReplicas@8', 'selectorMismatch@11', 'invalidName@18']);
  });

  it('YAML that cannot be read: line, column and the parser code', () => {
    const report = examine('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n');
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toMatchObject({ code: 'yamlError', line: 5, params: { yamlCode: 'MISSING_CHAR' } });
    expect(examine('a:\n\tb: 1\n').findings[0]?.code).toBe('tabIndent');
  });

  it('node ports outside their range, a ServiceAccount subject without namespace, a kind the cluster does not serve', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  ports:
    - port: 80
      nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: web2
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 80
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
subjects:
  - kind: ServiceAccount
    name: donald
roleRef:
  kind: Role
  name: x
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;
    const served = (apiVersion: string): boolean => apiVersion !== 'example.com/v1';
    expect(codes(text, { served })).toEqual(['nodePortNeedsType@9', 'nodePortRange@19', 'subjectNamespaceMissing@26', 'notServed@33']);
  });

  it('the same object twice', () => {
    const one = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
    expect(codes(`${one}---\n${one}`)).toEqual(['duplicateObject@6']);
  });
});

describe('the doctor with the cluster schemas', () => {
  const doc: OpenApiDocument = {
    components: {
      schemas: {
        'core.v1.Service': {
          type: 'object',
          'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Service' }],
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { allOf: [{ $ref: '#/components/schemas/meta.ObjectMeta' }] },
            spec: { allOf: [{ $ref: '#/components/schemas/core.v1.ServiceSpec' }], description: 'The behaviour of a service.' },
          },
        },
        'core.v1.ServiceSpec': {
          type: 'object',
          description: 'ServiceSpec describes the attributes that a user creates on a service. More text.',
          properties: {
            type: { type: 'string' },
            selector: { type: 'object', additionalProperties: { type: 'string' } },
            ports: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/core.v1.ServicePort' }] } },
          },
        },
        'core.v1.ServicePort': {
          type: 'object',
          required: ['port'],
          properties: { port: { type: 'integer', format: 'int32' }, protocol: { type: 'string' }, targetPort: { 'x-kubernetes-int-or-string': true }, nodePort: { type: 'integer' } },
        },
        'meta.ObjectMeta': { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } },
      },
    },
  };
  const schemas = new SchemaIndex([doc]);

  it('fields that do not exist (with where they belong), wrong types, required fields', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  port: 80
  ports:
    - protocol: TCP
      targetPort: http
      nodeport: 30080
  selectr:
    app: web
`;
    const report = examine(text, { schemas });
    expect(report.findings.map((f) => [f.code, f.line, f.path, f.params])).toEqual([
      ['unknownField', 7, 'spec.port', { field: 'port', parent: 'spec', suggestion: 'ports', parentDoc: 'The behaviour of a service.' }],
      ['requiredField', 9, 'spec.ports[0].port', { field: 'port' }],
      ['unknownField', 11, 'spec.ports[0].nodeport', { field: 'nodeport', parent: 'spec.ports[0]', suggestion: 'nodePort' }],
      ['unknownField', 12, 'spec.selectr', { field: 'selectr', parent: 'spec', suggestion: 'selector', parentDoc: 'The behaviour of a service.' }],
    ]);
    expect(examine('apiVersion: v1\nkind: Service\nmetadata:\n  name: 7\nspec:\n  ports:\n    - port: "80"\n', { schemas }).findings.map((f) => [f.code, f.params.expected])).toEqual([
      ['wrongType', 'string'],
      ['wrongType', 'integer'],
    ]);
  });
});
