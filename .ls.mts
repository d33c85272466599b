import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './tests/e2e/harness';
const dir = mkdtempSync(join(tmpdir(), 'static-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script>const t=performance.now();localStorage.getItem("x");window.early=performance.now()-t;</script></head><body><p id=x></p></body></html>');
const py = spawn('python3', ['-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
const port = await new Promise<number>((r) => py.stdout.on('data', (d) => { const m = /port (\d+)/.exec(String(d)); if (m) r(Number(m[1])); }));
const browser = await launchBrowser();
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const r = await page.evaluate(() => { const t = performance.now(); localStorage.getItem('x'); const a = performance.now() - t; const t2 = performance.now(); localStorage.getItem('y'); const b = performance.now() - t2; const t3 = performance.now(); try { document.cookie; } catch {} return [a, b, performance.now() - t3]; });
  console.log('early', (await page.evaluate(() => (window as any).early)).toFixed(1), 'first getItem', r[0].toFixed(1), 'ms; second', r[1].toFixed(2), 'cookie', r[2].toFixed(2));
  await page.context().close();
}
await browser.close(); py.kill();
