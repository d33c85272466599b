import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Page } from 'playwright-core';

import { localState, removeServices, swarmDown, swarmUp, WORKER } from '../integration/swarm/lab';
import { docker, labEnv, testLabel } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

// Exercises 12 and 13 through the Swarm area, on the lab's two-node swarm (the main engine is the
// manager, lotse-worker-1 the worker): create, scale, see the map, drain, roll out, watch the timeline.
const lab = labEnv();
const label = testLabel();
const worker = lab.LOTSE_LAB_SWARM_WORKER_HOSTNAME ?? 'lotse-worker-1';
const service = `lotse-e2e-web-${process.pid}`;
const network = `lotse-e2e-net-${process.pid}`;
const web1 = `lotse-test/e2e-web:${process.pid}-1`;
const web2 = `lotse-test/e2e-web:${process.pid}-2`;
let manager = '';
let app: WebApp;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  const before = await localState();
  if (before !== 'inactive') throw new Error(`the lab engine is already in a swarm (${before}); run: bash scripts/lab.sh swarm-down`);
  await swarmUp();
  manager = await docker(['info', '--format', '{{.Name}}']);
  for (const env of [{}, WORKER]) {
    await docker(['tag', lab.LOTSE_LAB_IMAGE_HTTPD!, web1], env);
    await docker(['tag', lab.LOTSE_LAB_IMAGE_HTTPD!, web2], env);
  }
  await docker(['network', 'create', '--driver', 'overlay', '--attachable', '--label', label.flag, network]);
  app = await startWeb();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'en-US' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeServices(label.filter).catch(() => undefined);
  for (const env of [{}, WORKER]) await docker(['rmi', web1, web2], env).catch(() => undefined);
  await swarmDown();
}, 180_000);

/** Running task cards of the service in a node's column. */
const cards = (node: string): Promise<number> => page.getByTestId(`node-tasks-${node}`).locator(`[data-testid^="task-card-${service}."][data-state="running"]`).count();

describe('the Swarm area on two nodes', () => {
  it('exercise 12: creates a service from a pasted command, scales it to 4 and shows the tasks on both nodes', async () => {
    await page.goto(`${app.url}#/swarm`);
    await expect.poll(() => page.getByTestId('swarm-state').textContent(), { timeout: 20_000 }).toBe('manager (leader)');
    await page.getByTestId(`node-column-${worker}`).waitFor();
    await page.getByTestId(`node-column-${manager}`).waitFor();

    await page.getByTestId('swarm-tab-services').click();
    await page.getByTestId('service-create').click();
    await page.getByTestId('service-paste').fill(
      `docker service create --name ${service} --replicas 1 --publish published=18420,target=80 --network ${network} --stop-grace-period 1s --label ${label.flag} ${web1}`,
    );
    await page.getByTestId('service-paste-fill').click();
    expect(await page.getByTestId('service-name').inputValue()).toBe(service);
    const command = page.getByRole('dialog').getByTestId('command-line');
    expect(await command.textContent()).toBe(
      `$ docker service create --name ${service} --replicas 1 --publish published=18420,target=80 --network ${network} --stop-grace-period 1s --label ${label.flag} ${web1}`,
    );
    // The command follows the form: the replica count typed is the one shown.
    await page.getByTestId('service-replicas').fill('2');
    await expect.poll(() => command.textContent()).toContain('--replicas 2 ');
    await page.getByTestId('service-replicas').fill('1');
    await page.getByTestId('service-create-submit').click();
    await page.getByTestId(`service-row-${service}`).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId(`service-replicas-${service}`).textContent(), { timeout: 30_000 }).toBe('1/1');

    await page.getByTestId(`service-scale-${service}`).click();
    await page.getByTestId('scale-replicas').fill('4');
    expect(await page.getByRole('dialog').getByTestId('command-line').textContent()).toBe(`$ docker service scale ${service}=4`);
    await page.getByTestId('scale-submit').click();
    await expect.poll(() => page.getByTestId('toast-command').allTextContents()).toContainEqual(expect.stringContaining(`docker service scale ${service}=4`));
    await expect.poll(() => page.getByTestId(`service-replicas-${service}`).textContent(), { timeout: 30_000 }).toBe('4/4');

    await page.getByTestId('swarm-tab-nodes').click();
    await expect.poll(async () => (await cards(manager)) + (await cards(worker)), { timeout: 30_000 }).toBe(4);
    expect(await cards(worker)).toBeGreaterThan(0);
    expect(await cards(manager)).toBeGreaterThan(0);
    expect(await docker(['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Node}}', service]).then((out) => new Set(out.split('\n')).size)).toBe(2);
  }, 120_000);

  it('exercise 12: shows which task answers, asked from a helper on the overlay network', async () => {
    await page.getByTestId('swarm-tab-services').click();
    await page.getByTestId(`service-open-${service}`).click();
    await page.getByTestId('service-tab-spread').click();
    await page.getByTestId('spread-run').click();
    await page.getByTestId('spread-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('spread-task').count()).toBe(4);
    const rows = await page.getByTestId('spread-task').allTextContents();
    expect(rows.filter((r) => r.includes(worker)).length).toBeGreaterThan(0);
    expect(rows.every((r) => /\d+ requests?$/.test(r))).toBe(true);
    await page.keyboard.press('Escape');
  }, 90_000);

  it('drains the worker after a preview: the tasks move at once; set active, it stays empty', async () => {
    await page.getByTestId('swarm-tab-nodes').click();
    const leaving = await cards(worker);
    await page.getByTestId(`node-actions-${worker}`).click();
    await page.getByTestId(`node-set-drain-${worker}`).click();
    await page.getByTestId('drain-preview').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`drain-outcome-${service}`).textContent()).toBe('moves');
    expect(await page.getByTestId(`drain-leaving-${service}`).textContent()).toMatch(new RegExp(`^${leaving === 1 ? 'Leaves' : `${leaving} tasks leave`}`));
    expect(await page.getByTestId('confirm-command').textContent()).toBe(`$ docker node update --availability drain ${worker}`);
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => cards(worker), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => cards(manager), { timeout: 30_000 }).toBe(4);
    expect(await page.getByTestId(`node-availability-${worker}`).textContent()).toBe('drained');

    await page.getByTestId(`node-actions-${worker}`).click();
    await page.getByTestId(`node-set-active-${worker}`).click();
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId(`node-availability-${worker}`).textContent(), { timeout: 15_000 }).toBe('active');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await cards(worker)).toBe(0);
    // The course's point, and the way out: tasks do not come back by themselves.
    await page.getByTestId('swarm-rebalance').waitFor();
  }, 90_000);

  it('exercise 13: rolls out a new image tag with a delay and shows the rollout on the timeline', async () => {
    await page.getByTestId('swarm-tab-services').click();
    await page.getByTestId(`service-update-${service}`).click();
    await page.getByTestId('update-image').fill(web2);
    await page.getByTestId('update-delay').fill('2s');
    expect(await page.getByRole('dialog').getByTestId('command-line').textContent()).toBe(`$ docker service update --image ${web2} --update-delay 2s ${service}`);
    await page.getByTestId('update-submit').click();
    await page.getByTestId(`service-open-${service}`).click();
    await page.getByTestId('service-tab-timeline').click();
    const timeline = page.getByTestId('rollout-timeline');
    await expect.poll(() => timeline.getAttribute('data-kind'), { timeout: 20_000 }).toBe('update');
    // While it runs: some slots are new already, others still wait.
    await expect.poll(() => timeline.getAttribute('data-live'), { timeout: 20_000 }).toBe('yes');
    await expect.poll(() => page.getByTestId(`service-update-state-${service}`).first().textContent(), { timeout: 90_000 }).toBe('update completed');
    await expect.poll(() => timeline.getAttribute('data-live'), { timeout: 10_000 }).toBe('no');
    expect(await page.getByTestId('timeline-batch').count()).toBe(4);
    expect(await timeline.locator('[data-testid="timeline-task"][data-fresh="yes"][data-state="running"]').count()).toBe(4);
    expect(await page.getByTestId('timeline-config').textContent()).toContain('Parallelism 1, delay 2 s, order stop-first.');
    const starts = (await page.getByTestId('timeline-batch').allTextContents()).map((line) => Number(/\+([\d.]+) s/.exec(line)?.[1]));
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(2);
    expect(await docker(['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Image}}', service])).toBe(Array(4).fill(web2).join('\n'));
  }, 150_000);
});
