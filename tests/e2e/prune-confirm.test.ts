import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { docker, labEnv, removeLabelled, testLabel } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

const lab = labEnv();
const label = testLabel();
const name = (what: string): string => `lotse-test-e2e-prune-${what}-${label.value}`;
let app: WebApp;
let browser: BrowserSession;

beforeAll(async () => {
  app = await startWeb();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeLabelled(label.filter).catch(() => undefined);
});

describe('prune confirms the preview, not the filters', () => {
  it('removes what was previewed, and reports in German what stayed and what appeared since', async () => {
    const l = ['--label', label.flag];
    await docker(['create', ...l, '--name', name('a'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sleep', '600']);
    await docker(['create', ...l, '--name', name('c'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);

    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(`${app.url}#/volumes/cleanup`);
    await page.getByTestId('prune-panel').waitFor({ timeout: 20_000 });
    await page.getByTestId('prune-kind').getByText('Container', { exact: true }).click();
    await page.getByTestId('prune-labels').fill(label.flag);
    await page.getByTestId('prune-labels').press('Enter');
    await page.getByTestId('prune-preview').click();
    await page.getByTestId('prune-preview-result').waitFor({ timeout: 20_000 });
    expect((await page.getByTestId('prune-item').allTextContents()).join(' ')).toContain(name('a'));

    // Between preview and confirm: A starts, B appears stopped.
    await docker(['start', name('a')]);
    await docker(['run', ...l, '--name', name('b'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);

    await page.getByTestId('prune-run').click();
    expect(await page.getByTestId('prune-cli-note').textContent()).toContain('wertet die docker CLI ihre Filter in dem Moment aus');
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('prune-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('prune-reclaimed').textContent()).toMatch(/^1 Objekt gelöscht, [\d.,]+ (B|kB) frei geworden$/);
    const skipped = await page.getByTestId('prune-skipped-item').allTextContents();
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain(name('a'));
    expect(skipped[0]).toContain('läuft jetzt');
    expect(await page.getByTestId('prune-untouched').textContent()).toContain(name('b'));

    await expect(docker(['container', 'inspect', name('c')])).rejects.toBeTruthy();
    expect(await docker(['inspect', '--format', '{{.State.Running}}', name('a')])).toBe('true');
    expect(await docker(['inspect', '--format', '{{.State.Status}}', name('b')])).toBe('exited');
  });
});
