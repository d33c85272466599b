import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startWeb } from '/work/main/tests/e2e/harness';
const dir = mkdtempSync(join(tmpdir(), 'lotse-e2e-probe-'));
const app = await startWeb({ KUBECONFIG: join(dir, 'none.yaml'), LOTSE_PRACTICE_DIR: join(dir, 'practice'), LOTSE_PRACTICE_PORT: '0', HOME: dir });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('console', (m) => { if (m.type() !== 'log') console.log('console:', m.type(), m.text().slice(0, 300)); });
  page.on('websocket', (ws) => { ws.on('framesent', (f) => { const s = String(f.payload); if (s.includes('nodes')) console.log('SENT', s.slice(0, 200)); }); ws.on('framereceived', (f) => { const s = String(f.payload); if (s.includes('"Node"') || s.includes('nodes')) console.log('RECV', s.slice(0, 160)); }); });
  await page.goto(`${app.url}#/kube`);
  await page.getByTestId('kube-practice-start').click();
  await page.getByTestId('kube-connection').filter({ hasText: 'connected' }).waitFor({ timeout: 90000 });
  await page.waitForTimeout(2000);
  console.log('--- to nodes');
  await page.getByTestId('kube-tab-nodes').click();
  await page.waitForTimeout(4000);
  await page.screenshot({ path: '/tmp/ks/p4.png' });
  await page.getByTestId('kube-practice-stop').click().catch(() => undefined);
} finally {
  await page_wait();
  await browser.close();
  await app.stop();
}
async function page_wait() { await new Promise((r) => setTimeout(r, 3000)); }
