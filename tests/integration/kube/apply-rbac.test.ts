import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { courseManifestText } from '@shared/kube/course';
import { examine } from '@shared/kube/doctor';

import type { TestCluster } from '../practice-cluster/harness';
import { CONTEXT, serviceFor, startCluster } from './support';

/**
 * The doctor with the cluster's OpenAPI v3 and facts, the server-side dry run with its diff, apply and
 * create with each document's answer, and RBAC in plain words, against the practice cluster.
 */
let t: TestCluster;
let kube: ReturnType<typeof serviceFor>;

beforeAll(async () => {
  t = await startCluster();
  kube = serviceFor([t.cluster.kubeconfigPath]);
});
afterAll(async () => {
  await kube?.dispose();
  await t?.stop();
});

const misplaced = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  port: 80
  selector:
    app: web
  ports:
    - protocol: TCP
      targetPort: 80
      nodeport: 30081
`;

describe('the doctor with the cluster', () => {
  it("finds misplaced and misspelt fields with the cluster's schema, and namespaces that do not exist", async () => {
    const report = await kube.service.doctor(CONTEXT, misplaced, 'default');
    expect(report.cluster).toBe(true);
    expect(report.findings.map((f) => [f.code, f.line, f.path, f.params.suggestion ?? f.params.namespace ?? ''])).toEqual([
      ['namespaceMissing', 5, 'metadata.namespace', 'shop'],
      ['unknownField', 8, 'spec.port', 'ports'],
      ['selectsNothing', 9, 'spec.selector', 'shop'],
      ['requiredField', 12, 'spec.ports[0].port', ''],
      ['unknownField', 14, 'spec.ports[0].nodeport', 'nodePort'],
    ]);
    expect(report.findings[1]?.params.parentDoc).toBeTruthy();
    const served = await kube.service.doctor(CONTEXT, 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n', 'default');
    expect(served.findings.map((f) => f.code)).toEqual(['notServed']);
  });
});

describe('apply', () => {
  it("dry-runs the course's manifests (mended): what each would become, nothing stored", async () => {
    const text = examine(courseManifestText()).mended;
    const dry = await kube.service.apply(CONTEXT, text, 'apply', true, 'default', {});
    expect(dry.command).toBe('kubectl apply --server-side -f manifest.yaml --dry-run=server');
    expect(dry.documents.map((d) => `${d.kind}/${d.name}:${d.outcome}`)).toEqual([
      'Namespace/entenhausen:created',
      'ServiceAccount/donald:skipped',
      'ClusterRoleBinding/donaldAdminBinding:created',
      'Deployment/nginx-deployment:skipped',
      'Deployment/ubuntu2-deployment:skipped',
      'Service/nginx-service:skipped',
      'NetworkPolicy/default-deny:skipped',
      'NetworkPolicy/allow-pod:skipped',
    ]);
    expect(dry.documents[1]?.warnings).toEqual(['namespace-pending:entenhausen']);
    expect(dry.documents[0]).toMatchObject({ live: '' });
    expect(dry.documents[0]?.result).toContain('name: entenhausen');
    expect((await t.kubectl(['get', 'namespace', 'entenhausen'])).code).not.toBe(0);
  });

  it('applies every document with its own answer; a second apply changes nothing; the dry run shows the diff', async () => {
    const text = examine(courseManifestText()).mended;
    const applied = await kube.service.apply(CONTEXT, text, 'apply', false, 'default', {});
    expect(applied.documents.map((d) => d.outcome)).toEqual(Array(8).fill('created'));
    expect(applied.documents.find((d) => d.kind === 'NetworkPolicy')?.warnings.join(' ')).toMatch(/not enforced|enforce/i);
    expect(await t.k(['get', 'clusterrolebinding', 'donaldAdminBinding', '-o', 'jsonpath={.roleRef.name}'])).toBe('cluster-admin');
    const again = await kube.service.apply(CONTEXT, text, 'apply', false, 'default', {});
    expect(again.documents.map((d) => d.outcome)).toEqual(Array(8).fill('unchanged'));
    const scaled = text.replace('replicas: 5', 'replicas: 8');
    const dry = await kube.service.apply(CONTEXT, scaled, 'apply', true, 'default', {});
    const nginx = dry.documents.find((d) => d.name === 'nginx-deployment');
    expect(nginx?.outcome).toBe('configured');
    expect(nginx?.live).toContain('replicas: 5');
    expect(nginx?.result).toContain('replicas: 8');
  });

  it('create refuses what exists, per document; a kind the cluster does not serve and broken YAML are said', async () => {
    const created = await kube.service.apply(CONTEXT, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: entenhausen\n', 'create', false, 'default', {});
    expect(created.command).toBe('kubectl create -f manifest.yaml');
    expect(created.documents.map((d) => [d.outcome, d.error?.reason])).toEqual([
      ['created', undefined],
      ['failed', 'k8sAlreadyExists'],
    ]);
    const unknown = await kube.service.apply(CONTEXT, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n', 'apply', false, 'default', {});
    expect(unknown.documents[0]).toMatchObject({ outcome: 'failed', error: { reason: 'k8sNotServed' } });
    await expect(kube.service.apply(CONTEXT, 'a: [', 'apply', false, 'default', {})).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    const strict = await kube.service.apply(CONTEXT, misplaced.replace('shop', 'default'), 'apply', true, 'default', {});
    expect(strict.documents[0]).toMatchObject({ outcome: 'failed', error: { code: 'INVALID_PARAMS' } });
  });
});

describe('RBAC', () => {
  it("explains the course's donald: cluster-admin everywhere, through donaldAdminBinding", async () => {
    const grants = await kube.service.grants(CONTEXT, { kind: 'ServiceAccount', name: 'donald', namespace: 'entenhausen' });
    expect(grants.filter((g) => g.via === 'self').map((g) => [g.binding.name, g.role.name, g.scope, g.everything])).toEqual([['donaldAdminBinding', 'cluster-admin', '*', true]]);
    // What every signed-in identity gets (discovery, its own access reviews) comes through groups.
    expect(grants.filter((g) => g.via !== 'self').every((g) => g.via === 'system:authenticated' && !g.everything)).toBe(true);
  });

  it('"can it do X": the cluster answers through a SubjectAccessReview', async () => {
    const donald = { kind: 'ServiceAccount' as const, name: 'donald', namespace: 'entenhausen' };
    expect(await kube.service.canI(CONTEXT, { verb: 'delete', resource: 'nodes', group: '', subject: donald }, {})).toMatchObject({
      allowed: true,
      source: 'review',
      command: 'kubectl auth can-i delete nodes --as=system:serviceaccount:entenhausen:donald',
    });
    const other = { kind: 'ServiceAccount' as const, name: 'default', namespace: 'entenhausen' };
    expect(await kube.service.canI(CONTEXT, { verb: 'list', resource: 'secrets', group: '', namespace: 'kube-system', subject: other }, {})).toMatchObject({ allowed: false, source: 'review' });
    expect(await kube.service.canI(CONTEXT, { verb: 'create', resource: 'deployments', group: 'apps', namespace: 'default' }, {})).toMatchObject({ allowed: true, source: 'review' });
  });
});
