// Images: history (engine round trip vs. request → rendered rows), layer analysis throughput and
// memory on the 1 GiB lab image vs. `docker save | tar -t`, and the image list with 2,000 tags.
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { createBackend } from '../../electron/rpc/backend';
import { runAnalysis } from '../../electron/services/images/layers/run';
import { launchBrowser, startWeb } from '../e2e/harness';
import { labEnv, root, testLabel } from '../support/lab';
import { type BenchResult, measure, rawEngineGet as raw, report, summarize } from './harness';

const run = promisify(execFile);
const lab = labEnv();
const MULTILAYER = lab.LOTSE_LAB_IMAGE_MULTILAYER!;
const BIG = lab.LOTSE_LAB_BIG_IMAGE!;
const TAGS = 2000;

const results: BenchResult[] = [];
const backend = createBackend({ version: 'bench' });
await backend.engine.reconnect();
const docker = backend.engine.docker();
const images = backend.services.images;

// 1. History: the engine's own round trip is the floor.
results.push(await measure(`GET /images/{name}/history — raw socket (${MULTILAYER})`, () => raw(`/images/${encodeURIComponent(MULTILAYER)}/history`), { iterations: 100 }));
results.push(await measure('images.history — service (history + inspect, rows mapped)', () => images.history(MULTILAYER), { iterations: 100 }));

// 2. Layer analysis of the 1 GiB image, in the built worker (as the app runs it) and inline.
const workerPath = join(root, 'out', 'main', 'layer-worker.js');
const bigSize = Number(await run('docker', ['image', 'inspect', '--format', '{{.Size}}', BIG]).then((r) => r.stdout.trim()));
const saveTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  await run('bash', ['-c', `docker save ${BIG} | tar -t > /dev/null`], { maxBuffer: 1 << 20 });
  saveTimes.push(performance.now() - start);
}
results.push(summarize(`docker save ${BIG} | tar -t`, 'ms', saveTimes, `${(bigSize / 1e9).toFixed(2)} GB image`));

for (const mode of ['worker', 'inline'] as const) {
  const times: number[] = [];
  const speeds: number[] = [];
  const memory: number[] = [];
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const start = performance.now();
    const analysis = await runAnalysis({ engine: backend.engine.connection(), imageId: BIG }, { mode, workerPath });
    const ms = performance.now() - start;
    clearInterval(sampler);
    times.push(ms);
    speeds.push(analysis.totalTarBytes / 1e6 / (ms / 1000));
    memory.push((peak - base) / 1e6);
  }
  results.push(summarize(`layer analysis of ${BIG} — ${mode}`, 'ms', times, `target: within 2x of docker save | tar -t`));
  results.push(summarize(`layer analysis throughput — ${mode}`, 'MB/s', speeds, 'uncompressed layer data; target >= 150'));
  results.push(summarize(`layer analysis extra memory (RSS peak − before) — ${mode}`, 'MB', memory, 'target < 150'));
}

// The analyser alone, fed from a saved export on disk: what it does when the engine is not the limit.
const saved = join(mkdtempSync(join(tmpdir(), 'lotse-bench-')), 'big.tar');
await run('docker', ['image', 'save', '-o', saved, BIG]);
try {
  const times: number[] = [];
  const speeds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const analysis = await runAnalysis({ source: createReadStream(saved, { highWaterMark: 1 << 20 }) }, { mode: 'worker', workerPath });
    const ms = performance.now() - start;
    times.push(ms);
    speeds.push(analysis.totalTarBytes / 1e6 / (ms / 1000));
  }
  results.push(summarize('layer analysis from a saved export file — worker', 'ms', times));
  results.push(summarize('layer analysis throughput from a file — worker', 'MB/s', speeds, 'the analyser without the engine export as the limit'));
} finally {
  rmSync(dirname(saved), { recursive: true, force: true });
}

// 3. The image list with 2,000 tags, and request → rendered history rows, in Chromium.
const label = testLabel();
await run('bash', ['-c', `printf 'FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX}\\nLABEL ${label.key}=${label.value}\\n' | docker build -q -t lotse-bench/tags:0 -`]);
const image = docker.getImage('lotse-bench/tags:0');
const names = Array.from({ length: TAGS }, (_, i) => `t${String(i).padStart(4, '0')}`);
for (let i = 0; i < names.length; i += 50) {
  await Promise.all(names.slice(i, i + 50).map((tag) => image.tag({ repo: 'lotse-bench/tags', tag })));
}
const app = await startWeb();
const browser = await launchBrowser();
try {
  results.push(await measure(`images.list — service (${TAGS} tags)`, () => images.list(), { iterations: 10, warmup: 1 }));
  const page = await browser.newPage();
  await page.goto(`${app.url}#/images`);
  await page.getByTestId('image-list').waitFor();
  await page.waitForFunction((n) => (document.querySelector('[data-testid="image-count"]')?.textContent ?? '').replace(/\D/g, '') >= String(n), TAGS);
  const renders: number[] = [];
  for (let i = 0; i < 15; i++) {
    await page.evaluate(() => {
      window.location.hash = '/dashboard';
    });
    await page.waitForSelector('[data-testid="image-list"]', { state: 'detached' });
    // From switching to the area to its rows on screen (the list is already in the store).
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    renders.push(
      await page.evaluate<number>(`new Promise((resolve) => {
        const start = performance.now();
        window.location.hash = '/images';
        const check = () => document.querySelector('[data-testid^="image-row-lotse-bench/tags"]') ? resolve(performance.now() - start) : requestAnimationFrame(check);
        requestAnimationFrame(check);
      })`),
    );
  }
  results.push(summarize(`image list of ${TAGS} tags — area switch to rows rendered`, 'ms', renders, 'includes the shell and concept panel'));
  const filters: number[] = [];
  for (let i = 0; i < 15; i++) {
    // The list alone: from "In use" (no rows) back to "All" (2,000 tags) until the rows are on screen.
    await page.evaluate(`document.querySelector('input[type="radio"][value="in-use"]').click()`);
    await page.waitForSelector('[data-testid^="image-row-lotse-bench/tags"]', { state: 'detached' });
    filters.push(
      await page.evaluate<number>(`new Promise((resolve) => {
        const start = performance.now();
        document.querySelector('input[type="radio"][value="all"]').click();
        const check = () => document.querySelector('[data-testid^="image-row-lotse-bench/tags"]') ? resolve(performance.now() - start) : requestAnimationFrame(check);
        requestAnimationFrame(check);
      })`),
    );
  }
  results.push(summarize(`image list of ${TAGS} tags — render (filter switch)`, 'ms', filters, 'target < 100'));

  const historyTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    historyTimes.push(
      // From another image's explorer to this one's rows: the way a learner walks the family tree.
      await page.evaluate<number>(`new Promise((resolve) => {
        const other = ${JSON.stringify(lab.LOTSE_LAB_IMAGE_BUSYBOX)};
        const ref = ${JSON.stringify(MULTILAYER)};
        window.location.hash = '/images/' + encodeURIComponent(other);
        const shown = (r) => document.querySelector('[data-testid="image-explorer"][data-ref="' + r + '"] [data-testid="history-row"]');
        const waitOther = () => {
          if (!shown(other)) return requestAnimationFrame(waitOther);
          setTimeout(() => {
            const start = performance.now();
            window.location.hash = '/images/' + encodeURIComponent(ref);
            const check = () => shown(ref) ? resolve(performance.now() - start) : requestAnimationFrame(check);
            requestAnimationFrame(check);
          }, 300);
        };
        requestAnimationFrame(waitOther);
      })`),
    );
  }
  results.push(summarize('history — request to rendered rows (Chromium, bridge)', 'ms', historyTimes, 'target < 150'));
} finally {
  await browser.close();
  await app.stop();
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(names.slice(i, i + 50).map((tag) => docker.getImage(`lotse-bench/tags:${tag}`).remove().catch(() => undefined)));
  }
  await docker.getImage('lotse-bench/tags:0').remove().catch(() => undefined);
  backend.close();
  // Whatever was measured before a failure is still reported.
  report('images', results);
}
