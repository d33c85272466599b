// Containers: listing 2,000 (service and rendered), event → UI latency, stats for 30 containers,
// logs at 10,000 lines/s. Everything created carries the run's label and is removed at the end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type Docker from 'dockerode';

import type { EngineEvent } from '@shared/dto/engine';

import { createBackend } from '../../electron/rpc/backend';
import { ContainerService } from '../../electron/services/containers/containers';
import { RpcClient, type Transport } from '../../renderer/api/client';
import { launchBrowser, startWeb } from '../e2e/harness';
import { labEnv, testLabel } from '../support/lab';
import { compare, PRECISE_MEMORY, rawEngineGet as raw, summarize, Suite } from './harness';

const run = promisify(execFile);
const lab = labEnv();
const label = testLabel();
const busybox = lab.LOTSE_LAB_IMAGE_BUSYBOX!;
const COUNT = Number(process.env.LOTSE_BENCH_CONTAINERS ?? 2000);
const suite = new Suite('containers');
const results = suite.results;

const backend = createBackend({ version: 'bench' });
await backend.engine.reconnect();
const docker = backend.engine.docker();
const service = new ContainerService(backend.engine);

const listeners = new Set<(m: unknown) => void>();
const connection = backend.router.connect((m) => listeners.forEach((l) => l(JSON.parse(JSON.stringify(m)))));
const transport: Transport = {
  send: (m) => connection.receive(JSON.parse(JSON.stringify(m))),
  onMessage: (cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  },
  onStatus: () => () => undefined,
};
const api = new RpcClient(transport);

async function inBatches<T>(items: T[], parallel: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function cleanUp(): Promise<void> {
  const all = await docker.listContainers({ all: true, filters: { label: [`${label.key}=${label.value}`] } });
  await inBatches(all, 16, (c) => docker.getContainer(c.Id).remove({ force: true, v: true }));
}

try {
  console.error('… seeding');
  // Seed: created, not started — the API in 16 parallel lanes.
  const seedStart = performance.now();
  await inBatches(
    Array.from({ length: COUNT }, (_, i) => i),
    16,
    (i) => docker.createContainer({ Image: busybox, name: `lotse-bench-${label.value}-${i}`, Cmd: ['true'], Labels: { [label.key]: label.value } }),
  );
  const seedMs = performance.now() - seedStart;
  results.push(summarize(`seed ${COUNT} created containers (16 parallel)`, 'ms', [seedMs]));
  const total = (await docker.listContainers({ all: true })).length;

  const rawList = { name: 'GET /containers/json?all=1, raw socket', run: () => raw('/containers/json?all=1') };
  results.push(await compare(`containers.list — service, ${total} containers`, { floor: rawList, run: async () => void (await service.list()), repetitions: 10, note: 'target < 150 ms' }));
  results.push(await compare(`containers.list — through the router (JSON), ${total} containers`, { floor: rawList, run: async () => void (await api.call('containers.list', {})), repetitions: 10 }));

  console.error('… rendering');
  // Rendered: the list of all containers mounting in Chromium (tab switch → rows painted).
  const app = await startWeb();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a __name helper that the page does not have.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${app.url}#/containers`);
    await page.getByTestId('container-list').waitFor({ timeout: 60_000 });
    const renders: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.getByTestId('tab-overview').click();
      await page.getByTestId('stats-overview').waitFor();
      renders.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const tab = [...document.querySelectorAll('[role="tab"]')][0] as HTMLElement;
              const start = performance.now();
              tab.click();
              const check = (): void => {
                if (document.querySelector('[data-testid="container-list"] [role="row"] + div [role="row"]')) {
                  requestAnimationFrame(() => resolve(performance.now() - start));
                } else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            }),
        ),
      );
    }
    results.push(summarize(`list rendered in Chromium (${total} containers, virtualised)`, 'ms', renders.slice(2), 'target < 100 ms; to the first painted frame'));
    const scroll = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const el = document.querySelector('[data-testid="container-scroll"]') as HTMLElement;
          const gaps: number[] = [];
          let last = performance.now();
          let frames = 0;
          const step = (): void => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            el.scrollTop += 400;
            if (++frames < 120) requestAnimationFrame(step);
            else resolve(gaps.slice(1));
          };
          requestAnimationFrame(step);
        }),
    );
    results.push(summarize('scrolling the list: frame time while scrolling 400 px/frame', 'ms', scroll, '16.7 ms = 60 fps'));

    console.error('… events');
    // Event → UI: `docker run` in a terminal; from the engine's create event to the row in the DOM.
    await page.getByTestId('container-search').fill('');
    // Newest first: the new row appears at the top, so the list is scrolled back there.
    await page.evaluate(() => {
      (document.querySelector('[data-testid="container-scroll"]') as HTMLElement).scrollTop = 0;
    });
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < 20; i++) {
      const name = `lotse-bench-ev-${label.value}-${i}`;
      const created = new Promise<EngineEvent>((resolve) => {
        const off = backend.engine.onEvent((e) => {
          if (e.type === 'container' && e.action === 'create' && e.name === name) {
            off();
            resolve(e);
          }
        });
      });
      // The observer is in place before the command runs, so no row can slip past it.
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
      }, `container-row-${name}`);
      await run('docker', ['run', '-d', '--label', label.flag, '--name', name, busybox, 'sleep', '600']);
      const [event, at] = await Promise.all([created, page.evaluate(() => (window as unknown as { lotseShown: Promise<number> }).lotseShown)]);
      if (Number.isFinite(at)) latencies.push(at - event.time);
      else missed++;
      await sleep(200);
    }
    results.push(summarize('engine event → row in the UI (docker run in a terminal)', 'ms', latencies, `target p95 < 200 ms; ${missed} not seen within 5 s`));
  } finally {
    await browser.close();
    await app.stop();
  }

  console.error('… stats');
  // Stats: 30 running containers, one stream each, for 10 s; the backend's CPU time.
  const running: Docker.Container[] = [];
  await inBatches(
    Array.from({ length: 30 }, (_, i) => i),
    8,
    async (i) => {
      const c = await docker.createContainer({ Image: busybox, name: `lotse-bench-st-${label.value}-${i}`, Cmd: ['sleep', '600'], Labels: { [label.key]: label.value } });
      await c.start();
      running.push(c);
    },
  );
  let samples = 0;
  const disposers = running.map((c) => api.subscribe('containers.stats', { id: c.id }, (e) => void (e.sample && samples++)));
  await sleep(3000);
  samples = 0;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await sleep(10_000);
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  disposers.forEach((d) => d());
  const percent = ((cpu.user + cpu.system) / 1000 / wall) * 100;
  results.push(summarize('stats: 30 containers at 1 Hz — backend CPU (% of one core)', '%', [percent], `target < 10 %; ${samples} samples in ${(wall / 1000).toFixed(1)} s`));

  console.error('… logs (backend)');
  // Logs: ~10,000 lines/s for 10 s through the router; lines, batches, the backend's memory.
  const loud = await docker.createContainer({
    Image: busybox,
    name: `lotse-bench-logs-${label.value}`,
    Cmd: ['sh', '-c', 'while true; do yes lotse-log-line-0123456789-abcdefghij | head -n 10000; sleep 1; done'],
    Labels: { [label.key]: label.value },
  });
  await loud.start();
  let lines = 0;
  let batches = 0;
  let biggest = 0;
  const rssBefore = process.memoryUsage().rss;
  let rssMax = rssBefore;
  const stopLogs = api.subscribe('containers.logs', { id: loud.id, tail: 0 }, (b) => {
    lines += b.lines.length;
    batches++;
    biggest = Math.max(biggest, b.lines.length);
  });
  const logStart = performance.now();
  for (let s = 0; s < 10; s++) {
    await sleep(1000);
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - logStart) / 1000;
  stopLogs();
  results.push(summarize('logs: lines/s through the router', 'lines/s', [lines / seconds], `${batches} batches (${(batches / seconds).toFixed(1)}/s), biggest ${biggest} lines`));
  results.push(summarize('logs: backend RSS growth while following', 'MB', [(rssMax - rssBefore) / 1e6]));

  console.error('… logs (Chromium)');
  // The same log stream in Chromium: the ring buffer keeps 5,000 lines; frames keep coming.
  const app2 = await startWeb();
  const browser2 = await launchBrowser({ args: [PRECISE_MEMORY] });
  try {
    const page = await browser2.newPage();
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${app2.url}#/containers`);
    await page.getByTestId('container-search').fill(`lotse-bench-logs-${label.value}`);
    await page.getByTestId(`open-lotse-bench-logs-${label.value}`).click();
    await page.getByTestId('logs-panel').waitFor();
    const ui = await page.evaluate(
      () =>
        new Promise<{ gaps: number[]; heapMb: number[]; rows: number }>((resolve) => {
          const gaps: number[] = [];
          const heapMb: number[] = [];
          const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
          let last = performance.now();
          const start = last;
          const step = (): void => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            if (memory && gaps.length % 30 === 0) heapMb.push(memory.usedJSHeapSize / 1e6);
            if (now - start < 10_000) requestAnimationFrame(step);
            else resolve({ gaps, heapMb, rows: document.querySelectorAll('[data-testid="logs-view"] [data-stream]').length });
          };
          requestAnimationFrame(step);
        }),
    );
    results.push(summarize('logs in Chromium at ~10,000 lines/s: frame gaps', 'ms', ui.gaps, `${ui.rows} rows in the DOM (virtualised)`));
    if (ui.heapMb.length) results.push(summarize('logs in Chromium: JS heap over 10 s', 'MB', ui.heapMb, 'bounded: ring of 5,000 lines'));
  } finally {
    await browser2.close();
    await app2.stop();
  }
} finally {
  await cleanUp();
  connection.close();
  backend.close();
}

suite.report();
process.exit(0);
