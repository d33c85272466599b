import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { navigationAreas } from '@shared/areas';

import { docker } from '../support/lab';
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

const lines = async (args: string[]) => (await docker(args)).split('\n').filter(Boolean).length;

describe('the shell in Chromium', () => {
  it("shows the real engine's numbers on the dashboard", async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('engine-status').textContent(), { timeout: 20_000 }).toBe('Connected');
    const version = await docker(['version', '--format', '{{.Server.Version}}']);
    await expect.poll(() => page.getByTestId('engine-version').textContent()).toContain(version);
    await expect.poll(() => page.getByTestId('count-images').textContent()).toBe(String(await lines(['images', '-q'])));
    expect(await page.getByTestId('count-containers').textContent()).toBe(String(await lines(['ps', '-aq'])));
    expect(await page.getByTestId('count-networks').textContent()).toBe(String(await lines(['network', 'ls', '-q'])));
    expect(await page.getByTestId('count-volumes').textContent()).toBe(String(await lines(['volume', 'ls', '-q'])));
    // Disk usage arrives after the first paint, as a chart.
    await page.getByTestId('disk-usage-chart').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('disk-usage-total').textContent()).toMatch(/in total/);
  });

  it.each([
    [1024, 768],
    [1400, 900],
  ])("keeps the dashboard's facts whole in presentation mode at %i×%i", async (width, height) => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.setViewportSize({ width, height });
    await page.addInitScript(() => localStorage.setItem('lotse.trainer', JSON.stringify({ presentation: true })));
    await page.goto(app.url);
    await page.getByTestId('engine-card').locator('td').first().waitFor({ timeout: 20_000 });
    // Every label and value of the engine card lies inside the card, none cut off at its edge.
    const outside = await page.getByTestId('engine-card').evaluate((card) => {
      const box = card.getBoundingClientRect();
      return [...card.querySelectorAll('th, td')].filter((cell) => cell.getBoundingClientRect().right > box.right + 0.5 || cell.scrollWidth > cell.clientWidth + 0.5).map((cell) => cell.textContent);
    });
    expect(outside).toEqual([]);
    // A count card's command wraps between its words, never inside one (`ps -` / `a`).
    const words = await page.getByTestId('count-containers').evaluate((count) =>
      [...(count.closest('section')?.querySelectorAll('.lotse-dashboard-command span') ?? [])].map((word) => ({ text: word.textContent, lines: word.getClientRects().length })),
    );
    expect(words.map((word) => word.text)).toEqual(['$', 'docker', 'ps', '-a']);
    expect(words.filter((word) => word.lines > 1)).toEqual([]);
  });

  it('reaches every area from the navigation, none of them blank', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(app.url);
    for (const { id: area } of navigationAreas) {
      await page.getByTestId(`nav-${area}`).click();
      await expect.poll(() => page.url()).toContain(`#/${area}`);
      // Areas load on first visit: wait for the view, not just the address.
      await expect.poll(async () => (await page.locator('main').innerText()).trim().length, { message: area, timeout: 10_000 }).toBeGreaterThan(40);
      expect(await page.getByTestId(`nav-${area}`).getAttribute('aria-current')).toBe('page');
    }
  });

  it('speaks German when the browser does, and switches language on request', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('nav-dashboard').innerText()).toBe('Übersicht');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByTestId('language-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('nav-dashboard').innerText()).toBe('Dashboard');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The choice is remembered.
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-dashboard').innerText()).toBe('Dashboard');
  });

  it('follows the OS colour scheme and switches theme on request', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(app.url);
    const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme');
    await expect.poll(scheme).toBe('dark');
    await page.getByTestId('theme-switch').click();
    await page.getByTestId('theme-light').click();
    await expect.poll(scheme).toBe('light');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
  });

  it('is driven by keyboard: Alt+number changes area, Ctrl+K opens the palette', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByTestId('nav-dashboard').waitFor();
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.url()).toContain('#/containers');
    await page.getByRole('heading', { name: 'Containers', level: 2 }).waitFor();
    await page.keyboard.press('Control+K');
    const search = page.getByPlaceholder('Go to a view or run a command…');
    await search.waitFor();
    // The palette takes the focus when its opening transition ends; what is typed before would go to the page.
    await expect.poll(() => search.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type('Volumes');
    expect(await search.inputValue()).toBe('Volumes');
    // The best match (by label) is selected as the learner types: Enter takes it.
    await page.locator('[data-selected]').getByText('Volumes', { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#/volumes');
  });

  it('toggles the concept side panel', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    const panel = page.getByTestId('concept-panel');
    await panel.waitFor();
    await page.getByTestId('concept-toggle').click();
    await expect.poll(() => page.getByTestId('concept-toggle').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('concept-toggle').click();
    await expect.poll(() => panel.isVisible()).toBe(true);
    // Its tooltip (set up once the window has settled) says what a click does.
    await page.getByTestId('concept-toggle').hover();
    await page.getByRole('tooltip', { name: 'Hide explanation' }).waitFor();
  });

  it('opens the theme menu even when clicked the moment the page is drawn', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    // At once, without waiting for the window to settle: the click sets up the menu and opens it.
    await page.getByTestId('theme-switch').click();
    await page.getByTestId('theme-dark').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe('dark');
  });

  it('shows a page without the token what to do instead of data', async () => {
    const page = await browser.newPage();
    await page.goto(app.origin + '/');
    await page.getByTestId('backend-unreachable').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('count-images').count()).toBe(0);
  });
});
