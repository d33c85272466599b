import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { docker as dockerCli, labEnv, privateEngine } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

// A clean engine of this test's own: the volume exercise starts from nothing, and foo is ours.
const lab = labEnv();
const BUSYBOX = lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0';
const HTTPD = lab.LOTSE_LAB_IMAGE_HTTPD ?? 'lotse-lab/httpd:1.0';
const engine = privateEngine();
const docker = (args: string[]): Promise<string> => dockerCli(args, { DOCKER_HOST: engine.host });
let app: WebApp;
let browser: BrowserSession;

beforeAll(async () => {
  await engine.start();
  await promisify(execFile)('bash', ['-c', `docker save ${BUSYBOX} ${HTTPD} | DOCKER_HOST=${engine.host} docker load`], {
    env: { ...process.env, DOCKER_HOST: lab.LOTSE_LAB_DOCKER_HOST ?? 'unix:///var/run/docker.sock' },
  });
  app = await startWeb({ DOCKER_HOST: engine.host });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await engine.remove();
});

describe('the learning layer in Chromium', () => {
  it('explains images in German and English, checks the volume exercise live, and exports the journal', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/images`);

    // The images view opens its concept in the side panel, in German first…
    await expect.poll(() => page.getByTestId('concept-title').textContent(), { timeout: 20_000 }).toBe('Image');
    const germanText = await page.getByTestId('concept-panel').innerText();
    expect(germanText).toContain('Was ist das?'.toUpperCase());
    await page.getByTestId('language-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('concept-panel').innerText()).toContain('WHAT IS THIS?');
    expect(await page.getByTestId('concept-panel').innerText()).not.toBe(germanText);

    // Exercise 6 in the Learn area: nothing met on a clean engine.
    await page.getByTestId('nav-learn').click();
    await page.getByTestId('exercise-volumes').click();
    const check = (id: string) => page.locator(`[data-testid="exercise-check"][data-check="${id}"]`);
    await expect.poll(() => check('volume-foo-exists').getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');

    // Hints reveal one at a time.
    expect(await page.getByTestId('exercise-hint').count()).toBe(0);
    await page.getByTestId('exercise-hint-reveal').click();
    expect(await page.getByTestId('exercise-hint').count()).toBe(1);

    // Step 1 through Lotse's volumes view: it goes through perform(), so the journal records it.
    await page.getByTestId('nav-volumes').click();
    await page.getByTestId('volume-create').click();
    await page.getByTestId('volume-name').fill('foo');
    await page.getByTestId('volume-create-submit').click();
    await page.getByTestId('volume-row-foo').waitFor({ timeout: 20_000 });

    await page.getByTestId('nav-learn').click();
    await expect.poll(() => check('volume-foo-exists').getAttribute('data-state'), { timeout: 30_000 }).toBe('passed');
    expect(await check('volume-foo-mounted-by-two-containers').getAttribute('data-state')).not.toBe('passed');

    // The other steps in a terminal: the check does not care how the state came about.
    await docker(['run', '-d', '--name', 'web', '-v', 'foo:/www', HTTPD]);
    await docker(['run', '-d', '--name', 'editor', '-v', 'foo:/data', BUSYBOX, 'sleep', '3600']);
    await new Promise((done) => setTimeout(done, 1100));
    await docker(['exec', 'editor', 'sh', '-c', 'echo "<h1>Hallo aus dem Editor</h1>" > /data/index.html']);
    for (const id of ['volume-foo-exists', 'volume-foo-mounted-by-two-containers', 'file-written-by-one-served-by-other']) {
      await expect.poll(() => check(id).getAttribute('data-state'), { timeout: 60_000 }).toBe('passed');
    }
    await page.getByTestId('exercise-done').waitFor();
    expect(await check('file-written-by-one-served-by-other').innerText()).toContain('/index.html');

    // The journal has the volume's command and exports as a script bash accepts.
    await page.getByTestId('learn-journal').click();
    await page.getByTestId('journal-entry').first().waitFor();
    // Created while the exercise is open, so it carries the exercise's label for the trainer's reset.
    expect(await page.getByTestId('journal-drawer').innerText()).toContain('docker volume create --label lotse.exercise=volumes foo');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-export').click()]);
    const path = await download.path();
    const script = readFileSync(path, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^lotse-journal-.*\.sh$/);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toMatch(/^docker volume create --label lotse.exercise=volumes foo$/m);
    expect(() => execFileSync('bash', ['-n', path])).not.toThrow();
    await page.keyboard.press('Escape');

    // Trainer mode: the projector look, and a lab reset that lists the exercise's objects before removing them.
    await docker(['volume', 'create', 'keep-me']);
    await page.getByTestId('learn-tab-trainer').click();
    await page.getByTestId('trainer-presentation').click();
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-lotse-presentation'))).toBe(true);
    await page.getByTestId('trainer-presentation').click();
    const preview = page.getByTestId('lab-preview');
    await preview.waitFor();
    const listed = await preview.innerText();
    for (const name of ['foo', 'web', 'editor']) expect(listed).toContain(name);
    expect(listed).not.toContain('keep-me');
    await page.getByTestId('lab-reset').click();
    expect(await page.getByTestId('confirm-command').innerText()).toBe('$ docker rm -f editor web && docker volume rm foo');
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('lab-clean').waitFor({ timeout: 20_000 });
    expect((await docker(['volume', 'ls', '-q'])).split('\n')).toEqual(['keep-me']);
    expect(await docker(['ps', '-aq'])).toBe('');
    expect(errors).toEqual([]);
  });
});
