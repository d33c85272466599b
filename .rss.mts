import { readFileSync } from 'node:fs';
import { launchBrowser, startWeb } from './tests/e2e/harness';
const browser = await launchBrowser();
const out: string[] = [];
for (let i = 0; i < 3; i++) {
  const app = await startWeb();
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.process.pid}/status`, 'utf8'))?.[1]) / 1024;
  await new Promise((r) => setTimeout(r, 1000));
  const before = rss();
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="count-containers"]')?.textContent ?? ''));
  await new Promise((r) => setTimeout(r, 3000));
  out.push(`idle ${before.toFixed(1)} → dashboard open ${rss().toFixed(1)} MB`);
  await page.close();
  await app.stop();
}
await browser.close();
console.log(out.join('\n'));
