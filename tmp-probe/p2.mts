import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startWeb } from '/work/main/tests/e2e/harness';
const dir = mkdtempSync(join(tmpdir(), 'lotse-e2e-probe-'));
const app = await startWeb({ KUBECONFIG: join(dir, 'none.yaml'), LOTSE_PRACTICE_DIR: join(dir, 'practice'), LOTSE_PRACTICE_PORT: '0', HOME: dir });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${app.url}#/kube`);
  await page.waitForTimeout(6000);
  await page.screenshot({ path: '/tmp/ks/p2.png' });
} finally {
  await browser.close();
  await app.stop();
}
