// Kubernetes: 5,000 pods listed live in Chromium (first render after the list arrives, scrolling, watch event
// → row), and the drain preview of a node with 100 pods (planning, and the API's own time). Against a practice
// cluster of objects only (no containers), in this process; the UI through the browser bridge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DrainOptions } from '@shared/dto/kube';
import { planDrain } from '@shared/kube/drain';

import { R } from '../../electron/practice-cluster/api/resources';
import type { KObject } from '../../electron/practice-cluster/types';
import { drainInput } from '../../electron/services/kube/drain';
import { KubeService } from '../../electron/services/kube/kube';
import { PracticeLauncher } from '../../electron/services/kube/practice';
import { launchBrowser, startWeb } from '../e2e/harness';
import { startCluster } from '../integration/practice-cluster/harness';
import { type BenchResult, measure, report, summarize } from './harness';

const PODS = Number(process.env.LOTSE_BENCH_PODS ?? 5000);
const NS = 'bench';
const CONTEXT = 'lotse-practice';
const results: BenchResult[] = [];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const t = await startCluster();
const dir = mkdtempSync(join(tmpdir(), 'lotse-kube-bench-'));
const kube = new KubeService({
  kubeconfig: { env: { KUBECONFIG: t.cluster.kubeconfigPath }, home: dir },
  practice: new PracticeLauncher({ dataDir: join(dir, 'practice') }),
  searchPath: () => Promise.resolve(process.env.PATH ?? ''),
});

const pod = (name: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: NS, labels: { app: 'bench' }, ...((extra.metadata as object | undefined) ?? {}) },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }], ...((extra.spec) ?? {}) },
});

try {
  await t.k(['create', 'namespace', NS]);

  console.error('… drain preview');
  // 100 pods of one ReplicaSet bound to lotse-worker, with a budget over them.
  const rs = t.cluster.objects.createInternal(R.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'drain-rs', namespace: NS },
    spec: { replicas: 100, selector: { matchLabels: { app: 'drain' } }, template: { metadata: { labels: { app: 'drain' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  for (let i = 0; i < 100; i++) {
    t.cluster.objects.createInternal(
      R.pods,
      pod(`drain-${i}`, {
        metadata: { labels: { app: 'drain' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'drain-rs', uid: rs.metadata.uid, controller: true }] },
        spec: { nodeName: 'lotse-worker' },
      }),
    );
  }
  t.cluster.objects.createInternal(R.pdbs, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'drain-pdb', namespace: NS },
    spec: { minAvailable: 50, selector: { matchLabels: { app: 'drain' } } },
  });
  const options = DrainOptions.parse({ ignoreDaemonsets: true });
  const clients = await kube.connection(CONTEXT).ready();
  const input = await drainInput(clients, 'lotse-worker', options, {});
  console.error(`  ${planDrain(input).pods.length} pods on lotse-worker in the plan`);
  results.push(await measure('drain preview, planning only: a node with 100 pods', () => Promise.resolve(planDrain(input)), { iterations: 50, warmup: 5, note: 'target < 200 ms plus the API' }));
  results.push(await measure('drain preview, the API lists (nodes, pods, ReplicaSets, DaemonSets, budgets)', () => drainInput(clients, 'lotse-worker', options, {}), { iterations: 20, warmup: 2, note: 'the API’s own time' }));
  results.push(await measure('drain preview through the service (API + planning)', () => kube.drainPreview(CONTEXT, 'lotse-worker', options, {}), { iterations: 20, warmup: 2 }));

  console.error(`… seeding ${PODS} pods`);
  for (let i = 0; i < PODS; i++) t.cluster.objects.createInternal(R.pods, pod(`pod-${String(i).padStart(5, '0')}`));
  const all = await clients.raw.get<{ items: unknown[] }>(`/api/v1/namespaces/${NS}/pods`);
  console.error(`  ${all.items.length} pods in ${NS}`);

  console.error('… rendering');
  const app = await startWeb({ KUBECONFIG: t.cluster.kubeconfigPath, LOTSE_PRACTICE_DIR: join(dir, 'practice-web'), HOME: dir });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a __name helper that the page does not have.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    // When the pod list arrives: the WebSocket message that carries it, timed in the page.
    await page.addInitScript({
      content: `(() => {
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
          constructor(...args) {
            super(...args);
            this.addEventListener('message', (e) => {
              if (typeof e.data === 'string' && e.data.includes('"kind":"reset"') && e.data.includes('"kind":"Pod"')) window.lotseListArrived = performance.now();
            });
          }
        };
      })();`,
    });
    await page.goto(`${app.url}#/kube`);
    await page.getByTestId('kube-connection').filter({ hasText: 'connected' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('kube-namespace').click();
    await page.getByRole('option', { name: NS }).click();
    const renders: number[] = [];
    for (let i = 0; i < 8; i++) {
      await page.getByTestId('kube-tab-nodes').click();
      await page.getByTestId('kube-nodes').waitFor();
      await sleep(500);
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const w = window as unknown as { lotseListArrived?: number };
            w.lotseListArrived = undefined;
            (document.querySelector('[data-testid="kube-tab-pods"]') as HTMLElement).click();
            const check = (): void => {
              if (w.lotseListArrived !== undefined && document.querySelector('[data-testid="kube-pod-scroll"] [data-testid^="pod-row-"]')) {
                requestAnimationFrame(() => resolve(performance.now() - (w.lotseListArrived ?? 0)));
              } else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
      );
      renders.push(ms);
    }
    await page.getByTestId('pod-count').filter({ hasText: `${PODS + 100} pods` }).waitFor({ timeout: 30_000 });
    results.push(summarize(`${PODS + 100} pods: list arrived → first rows painted (Chromium, virtualised)`, 'ms', renders.slice(1), 'target < 150 ms'));

    const scroll = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const el = document.querySelector('[data-testid="kube-pod-scroll"]') as HTMLElement;
          const gaps: number[] = [];
          let last = performance.now();
          let frames = 0;
          const step = (): void => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            el.scrollTop += 400;
            if (++frames < 150) requestAnimationFrame(step);
            else resolve(gaps.slice(1));
          };
          requestAnimationFrame(step);
        }),
    );
    results.push(summarize(`scrolling ${PODS + 100} pods: frame time at 400 px/frame`, 'ms', scroll, '16.7 ms = 60 fps'));

    console.error('… watch events');
    // A pod created on the server (sorted first) → its row in the DOM, both on this machine's clock.
    await page.evaluate(() => {
      (document.querySelector('[data-testid="kube-pod-scroll"]') as HTMLElement).scrollTop = 0;
    });
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < 30; i++) {
      // Each new name sorts before the last one, so its row is the first.
      const name = `a-event-${String(99 - i)}`;
      await page.evaluate((testId) => {
        const w = window as unknown as { lotseShown?: Promise<number> };
        w.lotseShown = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelector(`[data-testid="${testId}"]`)) {
              observer.disconnect();
              resolve(Date.now());
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
          setTimeout(() => resolve(Number.NaN), 5000);
        });
      }, `pod-row-${name}`);
      const start = Date.now();
      t.cluster.objects.createInternal(R.pods, pod(name));
      const at = await page.evaluate(() => (window as unknown as { lotseShown: Promise<number> }).lotseShown);
      if (Number.isFinite(at)) latencies.push(at - start);
      else missed++;
      await sleep(150);
    }
    results.push(summarize('watch event → row in the UI (pod created on the server)', 'ms', latencies, `target p95 < 100 ms; ${missed} not seen within 5 s`));
  } finally {
    await browser.close();
    await app.stop();
  }
} finally {
  await kube.dispose();
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
}

report('kube', results);
