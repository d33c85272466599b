import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LABEL_CLUSTER } from '../../../electron/practice-cluster/runtime/kubelet';
import { docker } from '../../support/lab';
import { kubectls, run, startCluster, waitFor, type TestCluster } from './harness';

/**
 * The course's Kubernetes chapter and the everyday verbs, judged by the real kubectl against the practice cluster
 * with pods as real containers on the lab engine (stand-in images from scripts/lab/k8s.sh).
 */
const COURSE = join(import.meta.dirname, 'course');
const NS = 'entenhausen';
let t: TestCluster;
let machine: string;
let newest: string | undefined;

const k = (args: string[], input?: string) => t.k(args, { binary: machine, input });
const kr = (args: string[], input?: string, timeoutMs?: number) => t.kubectl(args, { binary: machine, input, timeoutMs });
const podsOf = async (selector: string) => (await k(['get', 'pods', '-n', NS, '-l', selector, '-o', 'name'])).trim().split('\n').filter(Boolean);

beforeAll(async () => {
  const judges = kubectls();
  machine = judges[0]!.path;
  newest = judges.find((j) => j.name === 'v1.35')?.path;
  await docker(['image', 'inspect', 'nginx:latest', 'ubuntu:latest']).catch(() => {
    throw new Error('the stand-in images nginx and ubuntu are missing: run bash scripts/lab/k8s.sh up');
  });
  t = await startCluster({ runtime: 'docker', docker: new Docker({ socketPath: '/var/run/docker.sock' }) });
}, 120_000);

afterAll(async () => {
  if (!t) return;
  const id = t.cluster.id;
  await t.stop();
  // Everything the practice cluster made on the engine is gone with it.
  expect(await docker(['ps', '-aq', '--filter', `label=${LABEL_CLUSTER}=${id}`])).toBe('');
  expect(await docker(['network', 'ls', '-q', '--filter', `label=${LABEL_CLUSTER}=${id}`])).toBe('');
}, 120_000);

describe('the course chapter with the real kubectl', () => {
  it('cluster-info, version, api-resources and the practice nodes', async () => {
    expect(await k(['cluster-info'])).toContain('Kubernetes control plane is running at https://127.0.0.1:');
    expect(await k(['version'])).toMatch(/Client Version: v1\.\d+.*\n(.*\n)?Server Version: v1\.32\.4/);
    expect(await k(['api-resources', '--namespaced=false', '-o', 'name'])).toContain('clusterrolebindings.rbac.authorization.k8s.io');
    const nodes = await k(['get', 'nodes', '-o', 'wide']);
    expect(nodes).toMatch(/lotse-control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.4\s+127\.0\.0\.1\s+<none>\s+.+docker:\/\//);
    expect(nodes).toMatch(/lotse-worker\s+Ready\s+<none>/);
  });

  it('namespace, service account, cluster role binding and the manifests (create -f, apply -f)', async () => {
    expect(await k(['create', 'namespace', NS])).toBe(`namespace/${NS} created\n`);
    expect(await k(['create', '-f', join(COURSE, 'serviceAccount.yml')])).toBe('serviceaccount/donald created\n');
    expect(await k(['create', '-f', join(COURSE, 'clusterRoleBinding.yml')])).toBe('clusterrolebinding.rbac.authorization.k8s.io/donaldAdminBinding created\n');
    expect(await k(['create', 'clusterrolebinding', 'donald-view', '--clusterrole=view', `--serviceaccount=${NS}:donald`])).toBe('clusterrolebinding.rbac.authorization.k8s.io/donald-view created\n');
    expect(await k(['create', '-f', join(COURSE, 'nginxDeployment.yml')])).toBe('deployment.apps/nginx-deployment created\n');
    expect(await k(['apply', '-f', join(COURSE, 'ubuntu2Deployment.yml')])).toBe('deployment.apps/ubuntu2-deployment created\n');
    expect(await k(['create', '-f', join(COURSE, 'nginxService.yml')])).toBe('service/nginx-service created\n');
    const policy = await kr(['create', '-f', join(COURSE, 'createDefaultDenyNetworkPolicy.yml')]);
    expect(policy.stdout).toBe('networkpolicy.networking.k8s.io/default-deny created\n');
    expect(policy.stderr).toContain('Warning: NetworkPolicies are stored but not enforced by the Lotse practice cluster');
    expect((await kr(['create', '-f', join(COURSE, 'createAllowPodNetworkPolicy.yml')])).code).toBe(0);
    expect(await k(['apply', '-f', join(COURSE, 'ubuntu2Deployment.yml')])).toBe('deployment.apps/ubuntu2-deployment unchanged\n');
  });

  it('rolls out 5 + 5 pods as containers, spread over the workers', async () => {
    expect(await k(['rollout', 'status', 'deployment/nginx-deployment', '-n', NS, '--timeout=60s'])).toContain('deployment "nginx-deployment" successfully rolled out');
    expect(await k(['rollout', 'status', 'deployment/ubuntu2-deployment', '-n', NS, '--timeout=60s'])).toContain('successfully rolled out');
    const wide = await k(['get', 'pods', '-o', 'wide', '-n', NS]);
    const rows = wide.trim().split('\n').slice(1);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).toMatch(/^(nginx|ubuntu2)-deployment-\w+-\w{5}\s+1\/1\s+Running\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+lotse-worker2?\s/);
    const perNode = (node: string) => rows.filter((r) => new RegExp(`\\s${node}\\s`).test(r)).length;
    expect(perNode('lotse-worker') + perNode('lotse-worker2')).toBe(10);
    expect(perNode('lotse-worker')).toBeGreaterThanOrEqual(4);
    const containers = await docker(['ps', '--filter', `label=${LABEL_CLUSTER}=${t.cluster.id}`, '--format', '{{.Names}}']);
    expect(containers.split('\n').filter((n) => n.startsWith('k8s_'))).toHaveLength(10);
    const all = await k(['get', 'all', '-n', NS]);
    expect(all).toMatch(/service\/nginx-service\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:30080\/TCP/);
    expect(all).toMatch(/deployment\.apps\/nginx-deployment\s+5\/5\s+5\s+5/);
    expect(all).toMatch(/replicaset\.apps\/ubuntu2-deployment-\w+\s+5\s+5\s+5/);
  });

  it('the NodePort service answers from the host, endpoints list the ready pods', async () => {
    const r = await run('curl', ['-s', '--max-time', '5', 'http://127.0.0.1:30080/']);
    expect(r.stdout).toContain('Welcome to nginx!');
    const ep = await k(['get', 'endpoints', 'nginx-service', '-n', NS]);
    expect(ep).toMatch(/nginx-service\s+\d+\.\d+\.\d+\.\d+:80,.* \+ 2 more\.\.\./);
    const slices = await k(['get', 'endpointslices', '-n', NS, '-l', 'kubernetes.io/service-name=nginx-service', '-o', 'jsonpath={.items[0].endpoints[*].conditions.ready}']);
    expect(slices.split(' ')).toEqual(['true', 'true', 'true', 'true', 'true']);
    const svc = await k(['describe', 'svc', 'nginx-service', '-n', NS]);
    expect(svc).toMatch(/NodePort:\s+<unset>\s+30080\/TCP/);
    expect(svc).toMatch(/Endpoints:\s+\d+\.\d+\.\d+\.\d+:80/);
  });

  it('describe deployment, pod and node print what a real cluster prints', async () => {
    const deploy = await k(['describe', 'deploy', 'nginx-deployment', '-n', NS]);
    expect(deploy).toMatch(/Replicas:\s+5 desired \| 5 updated \| 5 total \| 5 available \| 0 unavailable/);
    expect(deploy).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
    expect(deploy).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
    const [pod] = await podsOf('app=nginx');
    const described = await k(['describe', pod!, '-n', NS]);
    expect(described).toMatch(/Node:\s+lotse-worker2?\/127\.0\.0\.1/);
    expect(described).toMatch(/Container ID:\s+docker:\/\/[0-9a-f]{64}/);
    expect(described).toMatch(/Controlled By:\s+ReplicaSet\/nginx-deployment-/);
    expect(described).toMatch(/Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned entenhausen\//);
    expect(described).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container nginx/);
    const node = await k(['describe', 'node', 'lotse-worker']);
    expect(node).toMatch(/Taints:\s+<none>/);
    expect(node).toMatch(/Non-terminated Pods:\s+\(\d+ in total\)/);
    expect(await k(['describe', 'node', 'lotse-control-plane'])).toMatch(/Taints:\s+node-role\.kubernetes\.io\/control-plane:NoSchedule/);
  });

  it('exec, logs and logs -f reach the real container', async () => {
    const [pod] = await podsOf('app=nginx');
    expect(await k(['exec', pod!, '-n', NS, '--', 'sh', '-c', 'echo hallo from $(hostname)'])).toBe(`hallo from ${pod!.replace('pod/', '')}\n`);
    const failing = await kr(['exec', pod!, '-n', NS, '--', 'sh', '-c', 'exit 3']);
    expect(failing.code).toBe(3);
    expect(failing.stderr).toContain('command terminated with exit code 3');
    expect(await k(['exec', '-i', pod!, '-n', NS, '--', 'cat'], 'from stdin\n')).toBe('from stdin\n');
    const ip = (await k(['get', pod!, '-n', NS, '-o', 'jsonpath={.status.podIP}'])).trim();
    const follow = kr(['logs', '-f', pod!, '-n', NS], undefined, 4000);
    await new Promise((r) => setTimeout(r, 800));
    await run('curl', ['-s', '--max-time', '3', `http://${ip}/`]);
    expect((await follow).stdout).toMatch(/response:200/);
    expect(await k(['logs', pod!, '-n', NS, '--tail=1', '--timestamps'])).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z .*response:200\n$/);
    const logsDeploy = await kr(['logs', 'deploy/ubuntu2-deployment', '-n', NS]);
    expect(logsDeploy.code).toBe(0);
  });

  it('get -w sees the changes of scale and label', async () => {
    const watch = kr(['get', 'pods', '-n', NS, '-l', 'app=ubuntu2', '-w'], undefined, 5000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await k(['scale', 'deployment/ubuntu2-deployment', '--replicas=3', '-n', NS])).toBe('deployment.apps/ubuntu2-deployment scaled\n');
    expect(await k(['label', 'deployment/ubuntu2-deployment', 'tier=backend', '-n', NS])).toBe('deployment.apps/ubuntu2-deployment labeled\n');
    const out = (await watch).stdout;
    expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(out.match(/^NAME/gm)).toHaveLength(1);
    expect(out).toMatch(/ubuntu2-deployment-\w+-\w+\s+1\/1\s+Terminating/);
    await waitFor('3 ubuntu pods', async () => (await podsOf('app=ubuntu2')).length === 3);
    expect(await k(['get', 'deploy', '-n', NS, '-l', 'tier=backend', '-o', 'name'])).toBe('deployment.apps/ubuntu2-deployment\n');
  });

  it('set image, rollout history, undo and restart', async () => {
    expect(await k(['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:latest', '-n', NS])).toBe('deployment.apps/nginx-deployment image updated\n');
    await k(['annotate', 'deployment/nginx-deployment', 'kubernetes.io/change-cause=pin the tag', '-n', NS]);
    const status = await k(['rollout', 'status', 'deployment/nginx-deployment', '-n', NS, '--timeout=60s']);
    expect(status).toMatch(/Waiting for deployment "nginx-deployment" rollout to finish: \d+ (out of 5 new replicas have been updated|old replicas are pending termination|of 5 updated replicas are available)\.\.\./);
    const history = await k(['rollout', 'history', 'deployment/nginx-deployment', '-n', NS]);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+pin the tag\n/);
    expect(await k(['rollout', 'undo', 'deployment/nginx-deployment', '-n', NS])).toBe('deployment.apps/nginx-deployment rolled back\n');
    await k(['rollout', 'status', 'deployment/nginx-deployment', '-n', NS, '--timeout=60s']);
    expect(await k(['get', 'deploy', 'nginx-deployment', '-n', NS, '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}'])).toBe('nginx 3');
    expect((await k(['get', 'rs', '-n', NS, '-l', 'app=nginx', '-o', 'name'])).trim().split('\n')).toHaveLength(2);
    expect(await k(['rollout', 'restart', 'deployment/nginx-deployment', '-n', NS])).toBe('deployment.apps/nginx-deployment restarted\n');
    await k(['rollout', 'status', 'deployment/nginx-deployment', '-n', NS, '--timeout=60s']);
    expect((await k(['get', 'rs', '-n', NS, '-l', 'app=nginx', '-o', 'name'])).trim().split('\n')).toHaveLength(3);
  });

  it('cordon, drain blocked by a PDB, then allowed, DaemonSets ignored, uncordon', async () => {
    await k(['apply', '-f', '-'], `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: nginx-pdb, namespace: ${NS}}
spec:
  minAvailable: 5
  selector: {matchLabels: {app: nginx}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent, namespace: ${NS}}
spec:
  selector: {matchLabels: {app: node-agent}}
  template:
    metadata: {labels: {app: node-agent}}
    spec:
      containers:
      - {name: agent, image: ubuntu, command: [sh, -c, 'while true; do sleep 5; done']}
`);
    await waitFor('the daemon pods', async () => (await k(['get', 'ds', 'node-agent', '-n', NS, '-o', 'jsonpath={.status.numberReady}'])) === '2');
    expect(await k(['cordon', 'lotse-worker'])).toBe('node/lotse-worker cordoned\n');
    expect(await k(['get', 'node', 'lotse-worker', '--no-headers'])).toMatch(/^lotse-worker\s+Ready,SchedulingDisabled/);
    const blocked = await kr(['drain', 'lotse-worker', '--ignore-daemonsets', '--timeout=6s'], undefined, 30_000);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).toContain("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(blocked.stdout + blocked.stderr).toMatch(/Warning: ignoring DaemonSet-managed Pods: entenhausen\/node-agent-\w+/);
    await k(['patch', 'pdb', 'nginx-pdb', '-n', NS, '--type=merge', '-p', '{"spec":{"minAvailable":4}}']);
    const drained = await kr(['drain', 'lotse-worker', '--ignore-daemonsets', '--timeout=60s'], undefined, 90_000);
    expect(drained.stdout).toContain('node/lotse-worker drained');
    const onWorker = await k(['get', 'pods', '-n', NS, '--field-selector', 'spec.nodeName=lotse-worker', '-o', 'name']);
    expect(onWorker.trim().split('\n')).toEqual([expect.stringMatching(/^pod\/node-agent-/)]);
    await waitFor('nginx back at 5 ready', async () => (await k(['get', 'deploy', 'nginx-deployment', '-n', NS, '-o', 'jsonpath={.status.readyReplicas}'])) === '5');
    expect(await k(['uncordon', 'lotse-worker'])).toBe('node/lotse-worker uncordoned\n');
  });

  it('auth can-i answers truthfully for impersonated service accounts', async () => {
    expect((await kr(['auth', 'can-i', 'delete', 'nodes', '--as=system:serviceaccount:entenhausen:donald'])).stdout).toBe('yes\n');
    const mickey = await kr(['auth', 'can-i', 'create', 'pods', '-n', NS, '--as=system:serviceaccount:entenhausen:mickey']);
    expect(mickey.stdout).toBe('no\n');
    expect(mickey.code).toBe(1);
    const forbidden = await kr(['get', 'pods', '-n', NS, '--as=system:serviceaccount:entenhausen:mickey']);
    expect(forbidden.stderr).toContain('Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:entenhausen:mickey" cannot list resource "pods" in API group "" in the namespace "entenhausen"');
  });

  it('explain reads the served schema', async () => {
    expect(await k(['explain', 'deployment.spec.replicas'])).toContain('FIELD: replicas <integer>');
  });

  it('bad input: an image that does not exist, a taken node port, a broken manifest', async () => {
    await k(['run', 'ghost', '--image=lotse-lab/does-not-exist:1', '-n', NS]);
    await waitFor('ErrImagePull', async () => /ErrImagePull|ImagePullBackOff/.test(await k(['get', 'pod', 'ghost', '-n', NS, '--no-headers'])));
    expect(await k(['describe', 'pod', 'ghost', '-n', NS])).toMatch(/Warning\s+Failed\s+.*Failed to pull image "lotse-lab\/does-not-exist:1": Error response from daemon:/);
    const taken = await kr(['create', 'service', 'nodeport', 'second', '--tcp=80:80', '--node-port=30080', '-n', NS]);
    expect(taken.stderr).toContain('Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    const broken = await kr(['create', '-f', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  namespace: entenhausen\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata: {labels: {app: other}}\n    spec:\n      containers: [{name: x, image: nginx}]\n');
    expect(broken.stderr).toContain('The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
    await k(['delete', 'pod', 'ghost', '-n', NS, '--grace-period=0']);
  });

  it('a crashing container goes to CrashLoopBackOff with restarts and previous logs', async () => {
    await k(['run', 'crash', '--image=ubuntu', '-n', NS, '--', 'sh', '-c', 'echo goodbye; exit 2']);
    await waitFor('CrashLoopBackOff', async () => /CrashLoopBackOff/.test(await k(['get', 'pod', 'crash', '-n', NS, '--no-headers'])), 30_000);
    expect(await k(['logs', 'crash', '-n', NS, '--previous'])).toBe('goodbye\n');
    await k(['delete', 'pod', 'crash', '-n', NS, '--grace-period=0']);
  });

  it('delete removes dependents (ownerReference GC) and their containers', async () => {
    expect(await k(['delete', 'deployment', 'ubuntu2-deployment', '-n', NS])).toMatch(/deployment.apps "ubuntu2-deployment" deleted/);
    await waitFor('ubuntu pods gone', async () => (await k(['get', 'rs,pods', '-n', NS, '-l', 'app=ubuntu2', '-o', 'name'])) === '');
    await waitFor('containers gone', async () => (await docker(['ps', '-aq', '--filter', `label=${LABEL_CLUSTER}=${t.cluster.id}`, '--filter', 'label=io.kubernetes.container.name=ubuntu'])) === '');
  });
});

describe('kubectl v1.35 (WatchList)', () => {
  it('wait, rollout status and delete use WatchList and finish', async () => {
    if (!newest) return;
    const k35 = (args: string[]) => t.k(args, { binary: newest });
    expect(await k35(['wait', '--for=condition=Available', 'deployment/nginx-deployment', '-n', NS, '--timeout=30s'])).toBe('deployment.apps/nginx-deployment condition met\n');
    expect(await k35(['rollout', 'status', 'deployment/nginx-deployment', '-n', NS, '--timeout=30s'])).toContain('successfully rolled out');
    await k35(['create', 'configmap', 'gone-soon', '-n', NS]);
    expect(await k35(['delete', 'configmap', 'gone-soon', '-n', NS, '--wait'])).toBe('configmap "gone-soon" deleted from entenhausen namespace\n');
    expect(await k35(['get', 'pods', '-n', NS, '-l', 'app=nginx', '--no-headers'])).toMatch(/Running/);
  });
});
