// Swarm: the node map with 2 nodes and 200 tasks rendered, engine event → map updated, and scale
// 1 → 10 through Lotse against the engine's own time (docker service scale --detach=false) as the
// floor. Runs on the lab's two-node swarm (scripts/lab.sh swarm-up), which it takes down again;
// every service it makes carries the run's label.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { EngineEvent } from '@shared/dto/engine';

import { createBackend } from '../../electron/rpc/backend';
import { launchBrowser, startWeb } from '../e2e/harness';
import { localState, swarmDown, swarmUp } from '../integration/swarm/lab';
import { labEnv, testLabel } from '../support/lab';
import { type BenchResult, measure, report, summarize } from './harness';

const run = promisify(execFile);
const lab = labEnv();
const label = testLabel();
const busybox = lab.LOTSE_LAB_IMAGE_BUSYBOX!;
const worker = lab.LOTSE_LAB_SWARM_WORKER_HOSTNAME ?? 'lotse-worker-1';
const TASKS = Number(process.env.LOTSE_BENCH_SWARM_TASKS ?? 200);
const results: BenchResult[] = [];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const docker = async (...args: string[]): Promise<string> => (await run('docker', args, { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();

if ((await localState()) !== 'inactive') throw new Error('the lab engine is already in a swarm; run: bash scripts/lab.sh swarm-down');
await swarmUp();
const backend = createBackend({ version: 'bench' });
await backend.engine.reconnect();

async function runningTasks(service: string): Promise<number> {
  const out = await docker('service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', service);
  return out.split('\n').filter((l) => l.startsWith('Running')).length;
}

async function waitRunning(service: string, count: number, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await runningTasks(service)) !== count) {
    if (Date.now() > end) throw new Error(`${service}: ${count} running tasks not reached`);
    await sleep(500);
  }
}

const seedService = (name: string, replicas: number): Promise<string> =>
  docker('service', 'create', '--detach', '--name', name, '--replicas', String(replicas), '--stop-grace-period', '1s', '--label', label.flag, busybox, 'sleep', '3600');

try {
  console.error(`… seeding ${TASKS} tasks on two nodes`);
  const seeds = Array.from({ length: 4 }, (_, i) => `lotse-bench-map-${process.pid}-${i}`);
  const seedStart = performance.now();
  for (const name of seeds) await seedService(name, TASKS / 4);
  for (const name of seeds) await waitRunning(name, TASKS / 4);
  results.push(summarize(`seed ${TASKS} tasks (4 services, two nodes)`, 'ms', [performance.now() - seedStart]));
  results.push(await measure(`swarm snapshot read by the service (${TASKS} tasks)`, async () => (await backend.services.get('swarm')).snapshot(), { iterations: 20, note: 'state, nodes, services and tasks in parallel' }));

  const app = await startWeb();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a __name helper that the page does not have.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${app.url}#/swarm`);
    await page.getByTestId('node-map').waitFor({ timeout: 60_000 });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="task-card-"][data-state="running"]').length >= n, TASKS, { timeout: 120_000 });

    console.error('… rendering');
    // Rendered: the map with every task card, from the tab click to the first painted frame.
    const renders: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.getByTestId('swarm-tab-services').click();
      await page.getByTestId('service-list').waitFor();
      renders.push(
        await page.evaluate(
          (n) =>
            new Promise<number>((resolve) => {
              const tab = document.querySelector('[data-testid="swarm-tab-nodes"]') as HTMLElement;
              const start = performance.now();
              tab.click();
              const check = (): void => {
                if (document.querySelectorAll('[data-testid^="task-card-"]').length >= n) requestAnimationFrame(() => resolve(performance.now() - start));
                else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            }),
          TASKS,
        ),
      );
    }
    results.push(summarize(`node map rendered in Chromium (2 nodes, ${TASKS} task cards)`, 'ms', renders.slice(2), 'target < 100 ms; to the first painted frame'));

    console.error('… events');
    // Engine event → map updated: a label set on the worker with the CLI, from the engine's node event to the badge in its column.
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < 20; i++) {
      const value = `${label.value}-${i}`;
      const heard = new Promise<EngineEvent>((resolve) => {
        const off = backend.engine.onEvent((e) => {
          if (e.type === 'node' && e.action === 'update' && e.name === worker) {
            off();
            resolve(e);
          }
        });
      });
      await page.evaluate(
        ({ column, text }) => {
          const w = window as unknown as { lotseShown?: Promise<number> };
          w.lotseShown = new Promise<number>((resolve) => {
            const seen = (): boolean => document.querySelector(`[data-testid="${column}"]`)?.textContent?.includes(text) ?? false;
            const observer = new MutationObserver(() => {
              if (seen()) {
                observer.disconnect();
                resolve(Date.now());
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => resolve(Number.NaN), 5000);
          });
        },
        { column: `node-column-${worker}`, text: `lotse.bench=${value}` },
      );
      await docker('node', 'update', '--label-add', `lotse.bench=${value}`, worker);
      const [event, at] = await Promise.all([heard, page.evaluate(() => (window as unknown as { lotseShown: Promise<number> }).lotseShown)]);
      if (Number.isFinite(at)) latencies.push(at - event.time);
      else missed++;
      await sleep(300);
    }
    console.error(`  event → map, each (ms): ${latencies.join(' ')}`);
    await docker('node', 'update', '--label-rm', 'lotse.bench', worker);
    results.push(summarize('engine event → map updated (docker node update in a terminal)', 'ms', latencies, `target p95 < 150 ms; ${missed} not seen within 5 s`));

    console.error('… scale 1 → 10');
    for (const name of seeds) await docker('service', 'rm', name);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="task-card-"]').length === 0, undefined, { timeout: 120_000 });
    const scaled = `lotse-bench-scale-${process.pid}`;
    await seedService(scaled, 1);
    await waitRunning(scaled, 1);
    // The floor: the CLI itself, which waits until the swarm reports the tasks running (and stable).
    const floor: number[] = [];
    const converged: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const done = waitRunning(scaled, 10).then(() => converged.push(performance.now() - start));
      await docker('service', 'scale', '--detach=false', `${scaled}=10`);
      floor.push(performance.now() - start);
      await done;
      await docker('service', 'scale', '--detach=false', `${scaled}=1`);
      await waitRunning(scaled, 1);
    }
    results.push(summarize('scale 1 → 10: docker service scale --detach=false (the floor)', 'ms', floor));
    results.push(summarize('scale 1 → 10: engine reports 10 running (docker service ps every 500 ms)', 'ms', converged));
    // Through Lotse: the scale dialog, from the click to the list showing 10/10 running.
    await page.getByTestId('swarm-tab-services').click();
    const lotse: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByTestId(`service-scale-${scaled}`).click();
      await page.getByTestId('scale-replicas').fill('10');
      lotse.push(
        await page.evaluate(
          (name) =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              (document.querySelector('[data-testid="scale-submit"]') as HTMLElement).click();
              const check = (): void => {
                if (document.querySelector(`[data-testid="service-replicas-${name}"]`)?.textContent === '10/10') resolve(performance.now() - start);
                else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            }),
          scaled,
        ),
      );
      await docker('service', 'scale', '--detach=false', `${scaled}=1`);
      await waitRunning(scaled, 1);
      await page.waitForFunction((name) => document.querySelector(`[data-testid="service-replicas-${name}"]`)?.textContent === '1/1', scaled);
    }
    const floorMedian = [...floor].sort((a, b) => a - b)[Math.floor(floor.length / 2)] ?? 0;
    results.push(summarize('scale 1 → 10 through Lotse: click → 10/10 running shown', 'ms', lotse, `target ≤ floor + 300 ms = ${(floorMedian + 300).toFixed(0)} ms`));
  } finally {
    await browser.close();
    await app.stop();
  }
} finally {
  const ids = (await docker('service', 'ls', '-q', '--filter', label.filter).catch(() => '')).split('\n').filter(Boolean);
  if (ids.length) await docker('service', 'rm', ...ids).catch(() => undefined);
  backend.close();
  await swarmDown();
}

report('swarm', results);
