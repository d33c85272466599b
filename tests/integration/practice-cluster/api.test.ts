import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { kubectls, startCluster, type TestCluster } from './harness';

/** The API surface against the real kubectl, without containers: discovery, tables, verbs, errors, watch. */
let t: TestCluster;
beforeAll(async () => {
  t = await startCluster({ runtime: 'none' });
});
afterAll(async () => {
  await t?.stop();
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: api-test
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          ports:
            - containerPort: 80
`;

describe.each(kubectls())('the API for kubectl ($name)', ({ path }) => {
  const k = (args: string[], input?: string) => t.k(args, { binary: path, input });
  const kr = (args: string[], input?: string) => t.kubectl(args, { binary: path, input });

  it('version, cluster-info, api-resources and nodes', async () => {
    expect(await k(['version'])).toMatch(/Server Version: v1\.32\./);
    expect(await k(['cluster-info'])).toContain(`Kubernetes control plane is running at ${t.cluster.url}`);
    const resources = await k(['api-resources']);
    expect(resources).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(resources).toMatch(/networkpolicies\s+netpol\s+networking\.k8s\.io\/v1\s+true\s+NetworkPolicy/);
    const nodes = await k(['get', 'nodes', '-o', 'wide']);
    expect(nodes.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME/);
    expect(nodes).toMatch(/lotse-control-plane\s+Ready\s+control-plane/);
    expect(nodes).toMatch(/lotse-worker2\s+Ready\s+<none>/);
  });

  it('create (protobuf generators and -f), get tables, describe, delete', async () => {
    await kr(['delete', 'namespace', 'api-test', '--wait=true']);
    expect(await k(['create', 'namespace', 'api-test'])).toBe('namespace/api-test created\n');
    expect(await k(['create', 'serviceaccount', 'donald', '-n', 'api-test'])).toBe('serviceaccount/donald created\n');
    expect(await k(['create', 'configmap', 'settings', '--from-literal=a=1', '-n', 'api-test'])).toBe('configmap/settings created\n');
    expect(await k(['create', 'secret', 'generic', 'pw', '--from-literal=p=geheim', '-n', 'api-test'])).toBe('secret/pw created\n');
    expect(await k(['create', '-f', '-'], DEPLOY)).toBe('deployment.apps/web created\n');
    const again = await kr(['create', '-f', '-'], DEPLOY);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists');
    const sa = await k(['get', 'sa', '-n', 'api-test']);
    expect(sa).toMatch(/^NAME\s+SECRETS\s+AGE\n/);
    expect(sa).toMatch(/default\s+0\s+/);
    expect(sa).toMatch(/donald\s+0\s+/);
    const secret = await k(['get', 'secret', 'pw', '-n', 'api-test', '-o', 'jsonpath={.data.p}']);
    expect(Buffer.from(secret, 'base64').toString()).toBe('geheim');
    const rs = await k(['get', 'rs', '-n', 'api-test', '-o', 'wide', '--show-labels']);
    expect(rs.split('\n')[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\s+LABELS$/);
    const pods = await k(['get', 'pods', '-A', '-l', 'app=web']);
    expect(pods.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(pods.trim().split('\n')).toHaveLength(3);
    const describe = await k(['describe', 'deployment', 'web', '-n', 'api-test']);
    expect(describe).toMatch(/StrategyType:\s+RollingUpdate/);
    expect(describe).toMatch(/RollingUpdateStrategy:\s+25% max unavailable, 25% max surge/);
    expect(describe).toMatch(/Scaled up replica set web-\w+ from 0 to 2/);
    expect(await k(['delete', 'deployment', 'web', '-n', 'api-test'])).toMatch(/deployment.apps "web" deleted/);
    expect(await k(['get', 'rs,pods', '-n', 'api-test', '-o', 'name'])).toBe('');
  });

  it('answers bad input with the real Status messages', async () => {
    await kr(['create', 'namespace', 'api-bad']);
    const unknownField = await kr(['create', '-n', 'api-bad', '-f', '-'], DEPLOY.replace('namespace: api-test', 'namespace: api-bad').replace('replicas: 2', 'replica: 2'));
    expect(unknownField.code).toBe(1);
    expect(unknownField.stderr).toContain('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    const badName = await kr(['create', 'configmap', 'Web_Config', '-n', 'api-bad']);
    expect(badName.stderr).toContain(`ConfigMap "Web_Config" is invalid: metadata.name: Invalid value: "Web_Config": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters`);
    const malformed = await kr(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: 1\n');
    expect(malformed.code).toBe(1);
    const missingNs = await kr(['create', 'configmap', 'x', '-n', 'does-not-exist']);
    expect(missingNs.stderr).toContain('error: failed to create configmap: namespaces "does-not-exist" not found');
    const notFound = await kr(['get', 'pod', 'nope', '-n', 'api-bad']);
    expect(notFound.stderr).toContain('Error from server (NotFound): pods "nope" not found');
    const unknownKind = await kr(['get', 'frobnicators']);
    expect(unknownKind.stderr).toContain(`the server doesn't have a resource type "frobnicators"`);
    const badSelector = await kr(['get', 'pods', '--field-selector', 'spec.color=blue']);
    expect(badSelector.stderr).toContain('field label not supported: spec.color');
  });

  it('explain reads the OpenAPI v3 schema', async () => {
    const out = await k(['explain', 'deployment.spec.replicas']);
    expect(out).toMatch(/GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1/);
    expect(out).toContain('FIELD: replicas <integer>');
    expect(out).toContain('Number of desired pods.');
  });
});
