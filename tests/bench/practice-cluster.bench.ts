// The practice cluster: `kubectl get pods -A` with 1,000 pods against kubectl's own start, watch event latency at a
// client-node watcher, the server's memory with 1,000 pods and 20 deployments, and 100 pods as real containers
// against the engine's own container start time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { KubeConfig, Watch } from '@kubernetes/client-node';
import Docker from 'dockerode';
import { parse } from 'yaml';

import { createPracticeCluster } from '../../electron/practice-cluster/index';
import { LABEL_CLUSTER } from '../../electron/practice-cluster/runtime/kubelet';
import { kubectls, run } from '../integration/practice-cluster/harness';
import { root } from '../support/lab';
import { type BenchResult, measure, report, summarize } from './harness';

const results: BenchResult[] = [];
const kubectl = kubectls()[0]!.path;
const dir = mkdtempSync(join(tmpdir(), 'lotse-practice-bench-'));

// ---- a server process of its own (objects only), bundled as the app bundles it, filled with 20 deployments × 50 pods
const bundle = join(root, 'node_modules', '.cache', 'practice-cluster', 'main.mjs');
const built = await run(join(root, 'node_modules', '.bin', 'esbuild'), [join(root, 'electron/practice-cluster/main.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${bundle}`, '--log-level=warning']);
if (built.code !== 0) throw new Error(`bundling the practice cluster failed: ${built.stderr}`);
const server = spawn(process.execPath, [bundle, '--data-dir', dir, '--port', '0', '--no-runtime'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const kubeconfigPath = await new Promise<string>((resolve) => {
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /KUBECONFIG=(.+)\n/.exec(out);
    if (m) resolve(m[1] ?? '');
  });
});
const config = parse(readFileSync(kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: Record<string, string> }[] };
const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString();
const access = {
  port: Number(new URL(config.clusters[0]!.cluster.server).port),
  ca: b64(config.clusters[0]!.cluster['certificate-authority-data']),
  cert: b64(config.users[0]!.user['client-certificate-data']),
  key: b64(config.users[0]!.user['client-key-data']),
};
function call(method: string, path: string, body?: object, accept = 'application/json'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', ...access, method, path, headers: { 'content-type': 'application/json', accept } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
const env = { KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(dir, 'cache') };
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

for (let i = 0; i < 20; i++) {
  await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
    metadata: { name: `bench-${i}` },
    spec: { replicas: 50, selector: { matchLabels: { app: `bench-${i}` } }, template: { metadata: { labels: { app: `bench-${i}` } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  });
}
for (;;) {
  const list = JSON.parse(await call('GET', '/api/v1/pods?limit=1')) as { metadata: { remainingItemCount?: number } };
  if ((list.metadata.remainingItemCount ?? 0) + 1 >= 1000) break;
  await new Promise((r) => setTimeout(r, 200));
}
await new Promise((r) => setTimeout(r, 1000));
results.push(summarize('server RSS with 1,000 pods and 20 deployments', 'MB', [rss()], 'target < 150 MB'));

await run(kubectl, ['get', 'pods', '-A'], { env });
const client = await measure('kubectl version --client (kubectl start, the floor)', () => run(kubectl, ['version', '--client'], { env }), { iterations: 10, warmup: 1 });
const roundTrip = await measure('one round trip: GET /version', () => call('GET', '/version'), { iterations: 50 });
const getAll = await measure('kubectl get pods -A (1,000 pods)', () => run(kubectl, ['get', 'pods', '-A'], { env }), { iterations: 10, warmup: 1 });
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const serverSide = await measure('server: the Table of 1,000 pods (two pages of 500, as kubectl asks)', async () => {
  const first = JSON.parse(await call('GET', '/api/v1/pods?limit=500', undefined, TABLE)) as { metadata: { continue?: string } };
  await call('GET', `/api/v1/pods?limit=500&continue=${first.metadata.continue ?? ''}`, undefined, TABLE);
}, { iterations: 20 });
results.push(client, roundTrip, getAll, serverSide);
results.push(summarize('get pods -A ÷ (version --client + one round trip)', 'ratio', [getAll.median / (client.median + roundTrip.median)], 'target ≤ 1.3'));

// ---- watch latency: write (POST sent) → event at a client-node watcher
const kc = new KubeConfig();
kc.loadFromFile(kubeconfigPath);
const sent = new Map<string, number>();
const latencies: number[] = [];
const watch = await new Watch(kc).watch('/api/v1/namespaces/default/configmaps', {}, (type: string, obj: { metadata?: { name?: string } }) => {
  const t0 = sent.get(obj.metadata?.name ?? '');
  if (type === 'ADDED' && t0 !== undefined) latencies.push(performance.now() - t0);
}, () => undefined);
await new Promise((r) => setTimeout(r, 300));
for (let i = 0; i < 200; i++) {
  const name = `lat-${i}`;
  sent.set(name, performance.now());
  await call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name } });
}
await new Promise((r) => setTimeout(r, 500));
watch.abort();
results.push(summarize('watch latency: write → event at a client-node watcher', 'ms', latencies, 'target p95 < 20 ms'));
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

// ---- 100 pods as containers vs. the engine's own container start time
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const engineStart: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const c = await docker.createContainer({ Image: 'nginx:latest', Labels: { 'lotse.bench': 'practice-cluster' } });
  await c.start();
  engineStart.push(performance.now() - t0);
  await c.remove({ force: true });
}
const perContainer = summarize('engine: create + start one container', 'ms', engineStart);
results.push(perContainer);
const cluster = await createPracticeCluster({ dataDir: join(dir, 'containers'), port: 0, runtime: 'docker', docker });
await cluster.start();
const t0 = performance.now();
await cluster.objects.create('apps/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hundred', namespace: 'default' }, spec: { replicas: 100, selector: { matchLabels: { app: 'hundred' } }, template: { metadata: { labels: { app: 'hundred' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', imagePullPolicy: 'IfNotPresent' }] } } } }, 'default');
for (;;) {
  const d = cluster.store.get('apps/deployments', 'default', 'hundred') as { status?: { readyReplicas?: number } } | undefined;
  if ((d?.status?.readyReplicas ?? 0) >= 100) break;
  await new Promise((r) => setTimeout(r, 100));
}
const hundred = performance.now() - t0;
results.push(summarize('100 pods created and running as containers', 'ms', [hundred], `target ≤ ${(perContainer.median * 100 + 2000).toFixed(0)} ms (engine start × 100 + 2 s)`));
await cluster.stop();
const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL_CLUSTER}=${cluster.id}`] } });
if (left.length) throw new Error(`${left.length} containers of the practice cluster were left on the engine`);
rmSync(dir, { recursive: true, force: true });
report('practice-cluster', results);
