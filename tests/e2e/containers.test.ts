import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { docker, labEnv, removeLabelled, testLabel } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

const lab = labEnv();
const label = testLabel();
const name = `lotse-e2e-web-${process.pid}`;
let app: WebApp;
let browser: BrowserSession;
let site: string;

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'lotse-site-'));
  chmodSync(site, 0o755);
  writeFileSync(join(site, 'index.html'), '<h1>Meine statische Website</h1>');
  app = await startWeb();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeLabelled(label.filter);
  rmSync(site, { recursive: true, force: true });
});

describe('containers: the static website exercise from the run dialog', () => {
  it('runs httpd with 8080→80 and a bind mount, serves the page, shows logs and a terminal', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}#/containers`);
    await page.getByTestId('containers-view').waitFor();

    await page.getByTestId('open-run-dialog').click();
    await page.getByTestId('run-image').fill(lab.LOTSE_LAB_IMAGE_HTTPD!);
    await page.keyboard.press('Escape');
    await page.getByTestId('run-name').fill(name);
    await page.getByTestId('run-add-port').click();
    await page.getByTestId('run-port-host-0').fill('8080');
    await page.getByTestId('run-port-container-0').fill('80');
    await page.getByTestId('run-add-mount').click();
    await page.getByTestId('run-mount-source-0').fill(site);
    await page.getByTestId('run-mount-target-0').fill('/www');
    await page.getByTestId('run-label-add').click();
    await page.getByTestId('run-label-key-0').fill(label.key);
    await page.getByTestId('run-label-value-0').fill(label.value);

    // The dialog shows the command it stands for, as typed.
    await expect
      .poll(() => page.getByTestId('run-command').textContent())
      .toContain(`docker run -d --name ${name} -p 8080:80 -v ${site}:/www --label ${label.flag} ${lab.LOTSE_LAB_IMAGE_HTTPD!}`);

    await page.getByTestId('run-submit').click();
    await page.getByTestId('logs-panel').waitFor({ timeout: 30_000 });
    expect(await docker(['inspect', '--format', '{{.State.Status}}', name])).toBe('running');

    // Course exercise: the page from the host folder answers on host port 8080.
    const response = await fetch('http://127.0.0.1:8080/');
    expect(await response.text()).toContain('Meine statische Website');

    // The list shows it live, with its port as a link.
    await page.getByTestId(`container-row-${name}`).waitFor();
    expect(await page.getByTestId('port-link-8080').first().getAttribute('href')).toBe('http://127.0.0.1:8080/');

    // Logs: the panel explains that the log lives as long as the container.
    expect(await page.getByTestId('logs-panel').textContent()).toMatch(/as long as the container exists/);
    // busybox httpd writes no log lines: the panel says so, and why.
    expect(await page.getByTestId('logs-empty').textContent()).toMatch(/writes to stdout and stderr/);

    await page.getByTestId('tab-terminal').click();
    await expect.poll(() => page.getByTestId('terminal-status').textContent(), { timeout: 15_000 }).toBe('connected');
    await page.getByTestId('terminal').click();
    await page.keyboard.type('ls /');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.xterm-rows').textContent(), { timeout: 15_000 }).toMatch(/bin.*proc.*www/);
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('terminal-status').textContent(), { timeout: 15_000 }).toBe('exited with code 0');
  });
});
