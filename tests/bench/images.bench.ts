// Images: history against the same engine requests made raw; the layer analysis of the 1 GiB lab
// image against the engine's raw export (`docker save > /dev/null`), interleaved, and its memory in a
// fresh process; the image list with 2,000 tags and the history rendered in Chromium.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createBackend } from '../../electron/rpc/backend';
import { runAnalysis } from '../../electron/services/images/layers/run';
import { launchBrowser, startWeb } from '../e2e/harness';
import { labEnv, root, testLabel } from '../support/lab';
import { compare, paired, rawEngineGet as raw, summarize, Suite } from './harness';

const run = promisify(execFile);
const lab = labEnv();
const MULTILAYER = lab.LOTSE_LAB_IMAGE_MULTILAYER!;
const BIG = lab.LOTSE_LAB_BIG_IMAGE!;
const TAGS = 2000;
const BATCH = 20;

const suite = new Suite('images');
const backend = createBackend({ version: 'bench' });
await backend.engine.reconnect();
const docker = backend.engine.docker();
const images = await backend.services.get('images');
const workerPath = join(root, 'out', 'main', 'layer-worker.js');
// images.history asks the engine for the history and the image itself.
const rawHistory = (ref: string) => (): Promise<unknown> => Promise.all([raw(`/images/${encodeURIComponent(ref)}/history`), raw(`/images/${encodeURIComponent(ref)}/json`)]);

await suite.case('history', async () =>
  compare(`images.history ×${BATCH} — service (${MULTILAYER})`, {
    floor: { name: 'GET history + inspect, raw socket', run: async () => { for (let i = 0; i < BATCH; i++) await rawHistory(MULTILAYER)(); } },
    run: async () => { for (let i = 0; i < BATCH; i++) await images.history(MULTILAYER); },
    repetitions: 7,
  }),
);

await suite.case('layer analysis of the 1 GiB image', async () => {
  const bytes: number[] = [];
  const result = await compare(`layer analysis of ${BIG} — built worker, as the app runs it`, {
    floor: { name: 'docker save > /dev/null', run: async () => void (await run('bash', ['-c', `docker save ${BIG} > /dev/null`])) },
    run: async () => void bytes.push((await runAnalysis({ engine: backend.engine.connection(), imageId: BIG }, { mode: 'worker', workerPath })).totalTarBytes),
    target: 1.1,
  });
  const seconds = result.median / 1000;
  return [result, summarize('layer analysis throughput (median run)', 'MB/s', [(bytes[0] ?? 0) / 1e6 / seconds], 'uncompressed layer data')];
});

await suite.case('layer analysis memory, fresh process', async () => {
  // A fresh Node process runs the built worker as the backend does; its RSS before is the baseline.
  const script = `
    const { Worker } = require('node:worker_threads');
    const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    const base = rss(); let peak = base;
    const timer = setInterval(() => { peak = Math.max(peak, rss()); }, 20);
    const worker = new Worker(process.argv[1], { workerData: { kind: 'engine', connection: { socketPath: '/var/run/docker.sock' }, path: process.argv[2] }, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.on('message', (m) => { if (m.type === 'result' || m.type === 'error') { clearInterval(timer); console.log(JSON.stringify({ base, peak, ok: m.type === 'result' })); worker.terminate(); } });`;
  const path = `/images/${BIG.split('/').map(encodeURIComponent).join('/')}/get`;
  const bases: number[] = [];
  const extra: number[] = [];
  for (let i = 0; i < 5; i++) {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, workerPath, path], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`the analysis process exited with ${String(code)}`))));
    });
    const { base, peak, ok } = JSON.parse(out) as { base: number; peak: number; ok: boolean };
    if (!ok) throw new Error('the analysis failed');
    bases.push(base);
    extra.push(peak - base);
  }
  return [
    summarize('layer analysis: extra memory (RSS peak − baseline, fresh process)', 'MB', extra, 'target < 150 MB'),
    summarize('  its baseline: a fresh Node process', 'MB', bases),
  ];
});

// The image list with 2,000 tags, and the history rendered in Chromium.
const label = testLabel();
const names = Array.from({ length: TAGS }, (_, i) => `t${String(i).padStart(4, '0')}`);
const app = await startWeb();
const browser = await launchBrowser();
try {
  await suite.case('seed 2,000 tags', async () => {
    await run('bash', ['-c', `printf 'FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX}\\nLABEL ${label.key}=${label.value}\\n' | docker build -q -t lotse-bench/tags:0 -`]);
    const image = docker.getImage('lotse-bench/tags:0');
    for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((tag) => image.tag({ repo: 'lotse-bench/tags', tag })));
    return compare(`images.list — service (${TAGS} tags)`, { floor: { name: 'GET /images/json, raw socket', run: () => raw('/images/json') }, run: async () => void (await images.list()), repetitions: 7 });
  });

  const page = await browser.newPage();
  await page.goto(`${app.url}#/images`);
  await page.getByTestId('image-list').waitFor();
  await page.waitForFunction((n) => (document.querySelector('[data-testid="image-count"]')?.textContent ?? '').replace(/\D/g, '') >= String(n), TAGS);

  await suite.case('image list rendered', async () => {
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
    return [
      summarize(`image list of ${TAGS} tags — area switch to rows rendered`, 'ms', renders, 'includes the shell and concept panel'),
      summarize(`image list of ${TAGS} tags — render (filter switch)`, 'ms', filters, 'target < 100'),
    ];
  });

  await suite.case('history rendered in Chromium', async () => {
    // From another image's explorer to this one's rows: the way a learner walks the family tree;
    // each repetition interleaved with the same engine requests made raw.
    const rendered: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < 8; i++) {
      const start = performance.now();
      await rawHistory(MULTILAYER)();
      floors.push(performance.now() - start);
      rendered.push(
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
    return paired('history — request to rendered rows (Chromium, bridge)', 'ms', rendered.slice(1), { name: 'GET history + inspect, raw socket', values: floors.slice(1) }, { note: 'target < 150 ms' });
  });
} finally {
  await browser.close();
  await app.stop();
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(names.slice(i, i + 50).map((tag) => docker.getImage(`lotse-bench/tags:${tag}`).remove().catch(() => undefined)));
  }
  await docker.getImage('lotse-bench/tags:0').remove().catch(() => undefined);
  backend.close();
  suite.report();
}
process.exit(0);
