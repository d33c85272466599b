import { launchBrowser, startWeb } from './tests/e2e/harness';
const app = await startWeb();
const browser = await launchBrowser();
try {
  for (const locale of ['en-US', 'de-DE']) {
    const page = await browser.newPage({ locale });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const requests: [number, string][] = [];
    page.on('request', (r) => requests.push([Date.now(), r.url().replace(/^.*\/assets\//, '')]));
    const t0 = Date.now();
    await page.goto(app.url);
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="count-containers"]')?.textContent ?? ''));
    const tCount = Date.now();
    await page.getByTestId('concept-title').waitFor();
    await page.getByTestId('disk-usage-chart').waitFor();
    console.log(locale, 'count at', tCount - t0, 'ms; concept', await page.getByTestId('concept-title').textContent());
    console.log(requests.filter(([, u]) => u.endsWith('.js')).map(([t, u]) => `${t - t0}${t <= tCount ? '*' : ''} ${u}`).join('\n'));
    console.log('errors', errors);
  }
} finally {
  await browser.close();
  await app.stop();
}
