import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { privateEngine } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

// An engine of this test's own: stopping it disturbs no other test.
const engine = privateEngine();
let app: WebApp;
let browser: BrowserSession;

beforeAll(async () => {
  await engine.start();
  app = await startWeb({ DOCKER_HOST: engine.host });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await engine.remove();
});

describe('when the engine goes away', () => {
  it('shows a banner, and recovers by itself without a reload when the engine is back', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('engine-status').textContent(), { timeout: 20_000 }).toBe('Connected');
    await expect.poll(() => page.getByTestId('count-images').textContent()).toBe('0');
    // A marker that a reload would wipe.
    await page.evaluate(() => {
      (window as unknown as { lotseMarker: number }).lotseMarker = 42;
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await engine.stop();
    await page.getByTestId('engine-banner').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('engine-banner').innerText()).toContain(engine.socket);
    expect(await page.getByTestId('engine-status').textContent()).not.toBe('Connected');

    await engine.start();
    await page.getByTestId('engine-banner').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('engine-status').textContent()).toBe('Connected');
    expect(await page.evaluate(() => (window as unknown as { lotseMarker?: number }).lotseMarker)).toBe(42);
    expect(errors).toEqual([]);
    expect(app.process.exitCode).toBeNull();
  });

  it('shows onboarding when no engine was ever found', async () => {
    const lonely = await startWeb({ DOCKER_HOST: `unix://${engine.dir}/nothing-here.sock` });
    try {
      const page = await browser.newPage({ locale: 'de-DE' });
      await page.goto(lonely.url);
      await page.getByTestId('onboarding').waitFor({ timeout: 20_000 });
      const text = await page.getByTestId('onboarding').innerText();
      expect(text).toContain('Keine Docker-Engine gefunden');
      expect(text).toContain('docker run --rm hello-world');
      expect(text).toMatch(/Gruppe docker.*root/s);
    } finally {
      await lonely.stop();
    }
  });
});
