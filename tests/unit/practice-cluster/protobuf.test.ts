import { describe, expect, it } from 'vitest';

import { decodeProtobuf, encodeProtobuf, ProtobufError } from '../../../electron/practice-cluster/api/protobuf';

describe('protobuf request bodies', () => {
  it('decodes what kubectl create deployment sends, dropping Go zero values', () => {
    const body = encodeProtobuf({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: '', labels: { app: 'web' }, creationTimestamp: {} },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' }, creationTimestamp: {} }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {}, workingDir: '' }] } },
        strategy: {},
      },
    });
    expect(decodeProtobuf(body)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } } },
    });
  });

  it('turns IntOrString into numbers or strings', () => {
    const out = decodeProtobuf(
      encodeProtobuf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: { type: 0, intVal: 8080 } }, { name: 'b', port: 81, targetPort: { type: 1, strVal: 'http' } }] } }),
    );
    expect(out.spec).toEqual({ type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }, { name: 'b', port: 81, targetPort: 'http' }] });
  });

  it('decodes an access review (kubectl auth can-i)', () => {
    const out = decodeProtobuf(
      encodeProtobuf({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { resourceAttributes: { namespace: 'entenhausen', verb: 'create', resource: 'pods' } } }),
    );
    expect(out.spec).toEqual({ resourceAttributes: { namespace: 'entenhausen', verb: 'create', resource: 'pods' } });
  });

  it('keeps the core group of kubectl create clusterrole: an empty string in a list is a value', () => {
    const out = decodeProtobuf(
      encodeProtobuf({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'pod-reader', creationTimestamp: {} },
        rules: [
          { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
          { verbs: ['get'], apiGroups: ['', 'apps'], resources: ['deployments'], resourceNames: ['web'] },
        ],
      }),
    );
    expect(out.rules).toEqual([
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get'], apiGroups: ['', 'apps'], resources: ['deployments'], resourceNames: ['web'] },
    ]);
  });

  it('refuses bodies without the magic prefix and kinds it cannot decode', () => {
    expect(() => decodeProtobuf(Buffer.from('{"a":1}'))).toThrow(ProtobufError);
    const pod = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), Buffer.from([0x0a, 0x09, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x03, 0x50, 0x6f, 0x64])]);
    expect(() => decodeProtobuf(pod)).toThrow(/cannot be sent as protobuf/);
  });
});
