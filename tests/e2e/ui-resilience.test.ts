import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { docker, labEnv, removeLabelled, testLabel } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

const lab = labEnv();
const label = testLabel();
const quiet = `lotse-e2e-quiet-${process.pid}`;
// Created through the volumes dialog (the dialog adds no test label), removed by its name.
const volume = `lotse-e2e-journal-${process.pid}`;
let app: WebApp;
let browser: BrowserSession;

beforeAll(async () => {
  app = await startWeb();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeLabelled(label.filter);
  await docker(['volume', 'rm', '-f', volume]).catch(() => undefined);
});

describe('the UI never goes blank', () => {
  it('shows "no changes" in the Files tab of a container whose writable layer is untouched', async () => {
    await docker(['create', '--name', quiet, '--label', label.flag, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/containers`);
    await page.getByTestId(`open-${quiet}`).click({ timeout: 30_000 });
    await page.getByTestId('tab-files').click();
    await page.getByTestId('diff-empty').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('files-panel').textContent()).not.toContain('localeCompare');
    expect(await page.getByTestId('error-boundary').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('offers a reload when an area cannot be loaded, in English and German, and the reload brings it back', async () => {
    for (const [locale, title, reload] of [
      ['en-US', 'This part of Lotse could not be loaded', 'Reload the page'],
      ['de-DE', 'Dieser Teil von Lotse konnte nicht geladen werden', 'Seite neu laden'],
    ] as const) {
      const page = await browser.newPage({ locale });
      // As after a rebuild under a running page: the area's chunk does not arrive.
      await page.route('**/assets/ContainersView-*.js', (route) => route.abort());
      await page.goto(`${app.url}#/containers`);
      const boundary = page.getByTestId('error-boundary');
      await boundary.waitFor({ timeout: 20_000 });
      expect(await boundary.textContent()).toContain(title);
      expect(await page.getByTestId('error-reload').textContent()).toBe(reload);
      // The shell around it stays: the learner can still go elsewhere.
      expect(await page.getByTestId('nav-dashboard').isVisible()).toBe(true);

      await page.unroute('**/assets/ContainersView-*.js');
      await page.getByTestId('error-reload').click();
      await page.getByTestId('containers-view').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('error-boundary').count()).toBe(0);
    }
  });
});

describe('dialogs start empty', () => {
  it('forget what was typed before Cancel or Escape', async () => {
    const page = await browser.newPage();

    await page.goto(`${app.url}#/volumes`);
    await page.getByTestId('volume-create').click({ timeout: 20_000 });
    await page.getByTestId('volume-name').fill('typed-then-cancelled');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByTestId('volume-name').waitFor({ state: 'detached' });
    await page.getByTestId('volume-create').click();
    expect(await page.getByTestId('volume-name').inputValue()).toBe('');
    await page.getByTestId('volume-name').fill('typed-then-escaped');
    await page.keyboard.press('Escape');
    await page.getByTestId('volume-name').waitFor({ state: 'detached' });
    await page.getByTestId('volume-create').click();
    expect(await page.getByTestId('volume-name').inputValue()).toBe('');
    await page.keyboard.press('Escape');

    await page.goto(`${app.url}#/networks`);
    await page.getByTestId('network-create').click({ timeout: 20_000 });
    await page.getByTestId('network-name').fill('typed-net');
    await page.getByTestId('network-subnet').fill('10.231.1.0/24');
    await page.keyboard.press('Escape');
    await page.getByTestId('network-name').waitFor({ state: 'detached' });
    await page.getByTestId('network-create').click();
    expect(await page.getByTestId('network-name').inputValue()).toBe('');
    expect(await page.getByTestId('network-subnet').inputValue()).toBe('');
    await page.keyboard.press('Escape');

    await page.goto(`${app.url}#/containers`);
    await page.getByTestId('open-run-dialog').click({ timeout: 20_000 });
    await page.getByTestId('run-name').fill('typed-container');
    await page.keyboard.press('Escape');
    await page.getByTestId('run-name').waitFor({ state: 'detached' });
    await page.getByTestId('open-run-dialog').click();
    expect(await page.getByTestId('run-name').inputValue()).toBe('');
    expect(await page.getByTestId('run-command').textContent()).not.toContain('typed-container');
    await page.keyboard.press('Escape');

    await page.goto(`${app.url}#/images`);
    await page.getByTestId('open-pull').click({ timeout: 20_000 });
    await page.getByTestId('transfer-ref').fill('typed/image:1');
    await page.keyboard.press('Escape');
    await page.getByTestId('transfer-ref').waitFor({ state: 'detached' });
    await page.getByTestId('open-pull').click();
    expect(await page.getByTestId('transfer-ref').inputValue()).toBe('');
  });
});

describe('the journal', () => {
  it('keeps its entries across a reload of the page, and says how many it keeps', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}#/volumes`);
    await page.getByTestId('volume-create').click({ timeout: 20_000 });
    await page.getByTestId('volume-name').fill(volume);
    await page.getByTestId('volume-create-submit').click();
    await page.getByTestId('volume-name').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await docker(['volume', 'inspect', '--format', '{{.Name}}', volume])).toBe(volume);

    const entry = page.getByTestId('journal-entry').filter({ hasText: `docker volume create ${volume}` });
    await page.getByTestId('journal-open').click();
    await entry.waitFor();
    await expect.poll(() => entry.getByTestId('journal-status').textContent()).toBe('done');

    await page.reload();
    await page.getByTestId('journal-open').click({ timeout: 20_000 });
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.getByTestId('journal-status').textContent()).toBe('done');
    expect(await page.getByTestId('journal-kept').textContent()).toContain('2,000');
  });
});
