import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { labEnv, removeLabelled, root } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

/**
 * A learner in Chromium (German): opens a folder holding the course's web-server sample with its
 * mistakes, reads the doctor's findings, fixes the file in the editor, brings the project up, sees
 * the graph and the containers, scales web to 3, reads the merged logs and takes it down.
 */
const lab = labEnv();
const name = `lotsetestui${String(process.pid)}`;
const work = mkdtempSync('/tmp/lotse-e2e-compose-');
const folder = join(work, 'webserver');
let app: WebApp;
let browser: BrowserSession;

const fixed = [
  'services:',
  '  web:',
  `    image: ${lab.LOTSE_LAB_IMAGE_HTTPD ?? 'lotse-lab/httpd:1.0'}`,
  '    command: ["sh", "-c", "echo web ready; exec httpd -f -p 80 -h /www"]',
  '    stop_grace_period: 1s',
  '    ports:',
  '      - "80"',
  '    volumes:',
  '      - "./www:/www:ro"',
  '',
].join('\n');

beforeAll(async () => {
  cpSync(resolve(root, 'tests/fixtures/compose/course/web'), folder, { recursive: true });
  mkdirSync(join(folder, 'www'));
  writeFileSync(join(folder, 'www', 'index.html'), '<h1>Hallo</h1>\n');
  app = await startWeb({ LOTSE_DATA_DIR: join(work, 'data') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeLabelled(`label=com.docker.compose.project=${name}`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('Compose in Chromium', () => {
  it('opens the course sample, explains its mistake, is fixed in the editor, goes up, scales, logs and goes down', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(`${app.url}#/compose`);
    await page.getByTestId('view-compose').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('compose-cli').textContent(), { timeout: 15_000 }).toContain('docker-compose (v1, Version 1.29.2)');

    await page.getByTestId('compose-open').click();
    await page.getByTestId('compose-open-path').fill('relativ/ordner');
    await page.getByTestId('compose-open-submit').click();
    await page.getByText('ist kein absoluter Pfad').waitFor();
    await page.getByTestId('compose-open-path').fill(folder);
    await page.getByLabel('Projektname (optional)').fill(name);
    await page.getByTestId('compose-open-submit').click();
    await page.getByTestId('compose-project').waitFor({ timeout: 15_000 });

    await page.getByTestId('compose-tab-files').click();
    const finding = page.getByTestId('finding-keys-as-services');
    await expect.poll(() => finding.textContent(), { timeout: 15_000 }).toContain('image, ports, volumes stehen auf der Ebene der Service-Namen');
    expect(await finding.textContent()).toContain('docker-compose.yml:3:5');

    // Fix the file in the editor: the doctor follows the text as it is typed.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(fixed);
    await page.getByTestId('compose-findings-none').waitFor({ timeout: 15_000 });
    await page.getByTestId('compose-save').click();
    await expect.poll(() => readFileSync(join(folder, 'docker-compose.yml'), 'utf8')).toBe(fixed);

    await page.getByTestId('compose-up').click();
    await expect.poll(() => page.getByTestId('compose-project-state').textContent(), { timeout: 60_000 }).toBe('läuft');
    // The toast shows the exact command: cd to the project folder, -p and the absolute -f.
    await page
      .getByTestId('toast-command')
      .filter({ hasText: `cd ${folder} && docker-compose --ansi never -p ${name} -f ${join(folder, 'docker-compose.yml')} up -d` })
      .waitFor({ timeout: 5000 });

    await page.getByTestId('compose-tab-graph').click();
    await page.getByTestId('graph-service-web').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('graph-service-web').getAttribute('data-diff')).toBe('ok');

    await page.getByRole('tab', { name: 'Services' }).click();
    await page.getByTestId('compose-scale-web').fill('3');
    await page.getByTestId('compose-scale-apply-web').click();
    await expect.poll(() => page.getByTestId('compose-service-web').textContent(), { timeout: 60_000 }).toContain('3/3 laufen');

    await page.getByTestId('compose-tab-logs').click();
    await expect.poll(() => page.getByTestId('compose-logs').locator('[data-service="web"]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('compose-logs').textContent()).toContain(`${name}_web_3`);

    await page.getByTestId('compose-down').click();
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('compose-project-state').textContent(), { timeout: 60_000 }).toBe('heruntergefahren');
  });
});
