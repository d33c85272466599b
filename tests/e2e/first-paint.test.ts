import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseConcept } from '@shared/concepts';

import { root } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

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

// The built scripts (what the bridge serves), found by what is in them rather than by their names.
const assets = join(root, 'out', 'renderer', 'assets');
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
const holding = (text: string): string[] => scripts.filter((name) => readFileSync(join(assets, name), 'utf8').includes(text));
const conceptTitle = (language: 'de' | 'en'): string => parseConcept(readFileSync(join(root, 'resources', 'concepts', language, 'disk-usage.md'), 'utf8')).title;

describe('the first paint', () => {
  it('shows the counts before the concept panel and the chart load their libraries, and then only the learner’s language', async () => {
    // A token name of micromark (under react-markdown), a class name of recharts, a concept's title in each language.
    const markdown = holding('codeFencedFenceSequence');
    const charts = holding('recharts-wrapper');
    const german = holding(JSON.stringify(conceptTitle('de')).slice(1, -1));
    const english = holding(JSON.stringify(conceptTitle('en')).slice(1, -1));
    // The command palette's own action id.
    const palette = holding('lang-de');
    for (const found of [markdown, charts, german, english, palette]) expect(found.length).toBeGreaterThan(0);
    const lazy = new Set([...markdown, ...charts, ...german, ...english, ...palette]);

    const page = await browser.newPage({ locale: 'en-US' });
    const requested: { name: string; at: number }[] = [];
    page.on('request', (request) => requested.push({ name: request.url().replace(/^.*\//, ''), at: Date.now() }));
    // The moment the container count is first on screen, taken in the page.
    await page.addInitScript({
      content: `new MutationObserver((_, observer) => {
        if (/^\\d+$/.test(document.querySelector('[data-testid="count-containers"]')?.textContent ?? '')) {
          window.lotseCountsShownAt = Date.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });`,
    });
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(() => (window as unknown as { lotseCountsShownAt?: number }).lotseCountsShownAt), { timeout: 30_000 }).toBeDefined();
    const shownAt = await page.evaluate(() => (window as unknown as { lotseCountsShownAt: number }).lotseCountsShownAt);

    const before = requested.filter((r) => r.at <= shownAt).map((r) => r.name);
    expect(before.some((name) => name.endsWith('.js'))).toBe(true);
    expect(before.filter((name) => lazy.has(name))).toEqual([]);
    // The UI texts came first, in the learner's language only.
    expect(before.filter((name) => /^texts-[a-z]{2}-/.test(name)).map((name) => name.slice(0, 'texts-xx'.length))).toEqual(['texts-en']);

    // Then the panel explains the dashboard (Markdown rendered) and the chart is drawn, from the English texts alone.
    await expect.poll(() => page.getByTestId('concept-title').textContent(), { timeout: 30_000 }).toBe(conceptTitle('en'));
    await page.getByTestId('disk-usage-chart').waitFor({ timeout: 30_000 });
    const all = requested.map((r) => r.name);
    expect(all.filter((name) => markdown.includes(name)).length).toBeGreaterThan(0);
    expect(all.filter((name) => charts.includes(name)).length).toBeGreaterThan(0);
    expect(all.filter((name) => english.includes(name)).length).toBeGreaterThan(0);
    expect(all.filter((name) => german.includes(name) || name.startsWith('texts-de-'))).toEqual([]);
  });
});
