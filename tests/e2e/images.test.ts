import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { labEnv } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

const lab = labEnv();
let app: WebApp;
let browser: BrowserSession;

beforeAll(async () => {
  app = await startWeb();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the layer explorer in Chromium', () => {
  it('opens an image from the list and shows its layers, the size chart, the wasted space and the family tree', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}#/images`);
    const bigfile = lab.LOTSE_LAB_IMAGE_BIGFILE!;
    await page.getByTestId('image-search').fill('bigfile');
    await page.getByTestId(`open-image-${bigfile}`).click();

    await page.getByTestId('history-table').waitFor();
    // Every row of `docker image history`, and a bar chart of the layer sizes.
    expect(await page.getByTestId('history-row').count()).toBeGreaterThanOrEqual(7);
    await page.getByTestId('layer-size-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await expect.poll(() => page.getByTestId('history-table').textContent()).toContain('RUN rm /data/big.bin');

    // The analysis runs in the worker of the built app and reports the deleted big file.
    await page.getByTestId('wasted-banner').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-wasted').click();
    const warning = await page.getByTestId('wasted-warning').textContent();
    expect(warning).toContain('10.2 MB');
    expect(await page.getByTestId('wasted-table').textContent()).toContain(lab.LOTSE_LAB_BIGFILE_PATH!);

    // One layer numbering: the wasted table's "added in layer N, hidden by layer M" are the history's rows N and M.
    const bigRow = page.getByTestId('wasted-row').filter({ hasText: lab.LOTSE_LAB_BIGFILE_PATH! });
    const added = await bigRow.getAttribute('data-added');
    const hidden = await bigRow.getAttribute('data-hidden');
    expect(await bigRow.textContent()).toContain(`layer ${added!}`);
    await page.getByTestId('tab-history').click();
    const instruction = (layer: string) => page.locator(`[data-testid="history-row"][data-layer="${layer}"]`).textContent();
    expect(await instruction(added!)).toContain(lab.LOTSE_LAB_BIGFILE_PATH!);
    expect(await instruction(hidden!)).toContain(`rm ${lab.LOTSE_LAB_BIGFILE_PATH!}`);
    // The chart's bars carry the same numbers as the history's layer column.
    const ticks = await page.getByTestId('layer-size-chart').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    const layers = await page.locator('[data-testid="history-row"][data-layer]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer') ?? ''));
    expect(ticks).toEqual([...layers].reverse());
    // The header's layer count stays on one line: "7 layers", never "7 l" and "ayers".
    expect(await page.getByTestId('explorer-layer-count').evaluate((e) => e.getClientRects().length)).toBe(1);

    // Scrolled to the end, the status bar covers nothing of the explorer.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const explorerBottom = await page.getByTestId('image-explorer').evaluate((e) => e.getBoundingClientRect().bottom);
    const statusTop = await page.getByTestId('status-bar').evaluate((e) => e.getBoundingClientRect().top);
    expect(explorerBottom).toBeLessThanOrEqual(statusTop);
    await page.getByTestId('tab-wasted').click();

    await page.getByTestId('tab-files').click();
    await page.getByTestId('files-tree').waitFor();

    await page.getByTestId('tab-family').click();
    await page.getByTestId('family-tree').waitFor();
    for (const name of ['BUSYBOX', 'FAMILY_A', 'FAMILY_B', 'FAMILY_C', 'FAMILY_D', 'FAMILY_E', 'BIGFILE']) {
      await page.getByTestId(`family-node-${lab[`LOTSE_LAB_IMAGE_${name}`]!}`).waitFor();
    }
    expect(await page.getByTestId('family-tree').locator('.react-flow__edge').count()).toBeGreaterThanOrEqual(6);
  });

  it('warns about the secrets the last layer deleted, in German too', async () => {
    const page = await browser.newPage({ locale: 'de-DE', colorScheme: 'dark' });
    await page.goto(`${app.url}#/images/${encodeURIComponent(lab.LOTSE_LAB_IMAGE_SECRET!)}`);
    await page.getByTestId('tab-secrets').click({ timeout: 60_000 });
    const text = await page.getByTestId('secrets-warning').textContent({ timeout: 60_000 });
    expect(text).toContain(lab.LOTSE_LAB_SECRET_KEY_PATH);
    expect(text).toContain('gelöscht');
    expect(text).not.toContain(lab.LOTSE_LAB_SECRET_API_TOKEN);
    // The side panel's text and commands wrap inside it: nothing sticks out sideways.
    const panel = page.getByTestId('concept-panel');
    expect(await panel.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  });
});
