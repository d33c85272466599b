import { writeFileSync } from 'node:fs';
import { launchBrowser, startWeb } from './tests/e2e/harness';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
const child = spawn(process.execPath, ['out/main/web.js', '--port', '0', '--renderer', process.env.RENDERER ?? 'out/renderer'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((r) => createInterface({ input: child.stdout! }).on('line', (l) => { const m = /ready at (\S+)/.exec(l); if (m) r(m[1]!); }));
const app = { url, stop: async () => { child.kill(); } };
const browser = await launchBrowser();
try {
  // warm-up
  { const p = await browser.newPage(); await p.goto(app.url); await p.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="count-containers"]')?.textContent ?? '')); }
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.addInitScript({ content: `new MutationObserver((_, o) => { const t = document.querySelector('[data-testid="count-containers"]')?.textContent ?? ''; if (/^\\d+$/.test(t)) { window.__counted = performance.now(); o.disconnect(); } }).observe(document, { subtree: true, childList: true, characterData: true });` });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(app.url);
  await page.waitForFunction(() => (window as any).__counted);
  const wall = Date.now() - t0;
  const { profile } = await cdp.send('Profiler.stop');
  const counted = await page.evaluate(() => (window as any).__counted);
  const nav = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]));
  const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e: any) => `${e.name.replace(/^.*\//, '')} start ${e.startTime.toFixed(0)} end ${e.responseEnd.toFixed(0)}`));
  console.log('wall', wall, 'counted (perf.now)', counted.toFixed(0));
  console.log(res.join('\n'));
  const n = JSON.parse(nav); console.log('nav responseEnd', n.responseEnd.toFixed(0), 'DCL', n.domContentLoadedEventEnd.toFixed(0), 'load', n.loadEventEnd.toFixed(0));
  // self time by url and by function
  const byId = new Map(profile.nodes.map((x: any) => [x.id, x]));
  const self = new Map<number, number>();
  const dt = profile.timeDeltas; let i = 0;
  for (const s of profile.samples) { self.set(s, (self.get(s) ?? 0) + (dt[i++] ?? 0)); }
  const byUrl = new Map<string, number>(); const byFn = new Map<string, number>();
  for (const [id, us] of self) { const nd: any = byId.get(id); const u = (nd.callFrame.url || '(' + nd.callFrame.functionName + ')').replace(/^.*\//, ''); byUrl.set(u, (byUrl.get(u) ?? 0) + us); const f = `${nd.callFrame.functionName || '(anon)'} ${u}:${nd.callFrame.lineNumber}`; byFn.set(f, (byFn.get(f) ?? 0) + us); }
  console.log([...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
  console.log('--'); console.log([...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
  writeFileSync('/tmp/page.cpuprofile', JSON.stringify(profile));
  if (process.env.RENDERER) {
    const { readFileSync, readdirSync } = await import('node:fs');
    const regions = new Map<string, { line: number; name: string }[]>();
    for (const f of readdirSync(process.env.RENDERER + '/assets').filter((f) => f.endsWith('.js'))) {
      const lines = readFileSync(process.env.RENDERER + '/assets/' + f, 'utf8').split('\n');
      regions.set(f, lines.flatMap((l, n) => (l.startsWith('// ') && /\.(m?js|tsx?|json)$/.test(l) ? [{ line: n, name: l.slice(3).replace(/^node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') }] : [])));
    }
    const byMod = new Map<string, number>();
    for (const [id, us] of self) { const nd: any = byId.get(id); const f = (nd.callFrame.url || '').replace(/^.*\//, ''); const rs = regions.get(f); if (!rs) continue; let name = f; for (const r of rs) { if (r.line <= nd.callFrame.lineNumber) name = r.name; else break; } byMod.set(name, (byMod.get(name) ?? 0) + us); }
    console.log('-- by module'); console.log([...byMod].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
  }
} finally {
  await browser.close();
  await app.stop();
}
