import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Page } from 'playwright-core';

import { docker, labEnv, removeLabelled, testLabel } from '../support/lab';
import { type BrowserSession, launchBrowser, startWeb, type WebApp } from './harness';

const lab = labEnv();
const label = testLabel();
const net = `lotse-test-e2e-${label.value}`;
const web = `lotse-test-e2e-web-${label.value}`;
const app2 = `lotse-test-e2e-app-${label.value}`;
const repo = `lotse-test/e2e-prune-${label.value}`;
const context = mkdtempSync(join(tmpdir(), 'lotse-e2e-prune-'));
let app: WebApp;
let browser: BrowserSession;
let danglingId = '';

async function build(content: string): Promise<string> {
  writeFileSync(join(context, 'Dockerfile'), `FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX!}\nLABEL ${label.key}=${label.value}\nRUN echo ${content} > /marker\n`);
  await docker(['build', '-q', '--no-cache', '-t', `${repo}:1`, context], { DOCKER_BUILDKIT: '0' });
  return docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:1`]);
}

beforeAll(async () => {
  danglingId = await build('first');
  await build('second');
  app = await startWeb();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeLabelled(label.filter).catch(() => undefined);
  const images = (await docker(['images', '-q', '--no-trunc', '--filter', label.filter])).split('\n').filter(Boolean);
  if (images.length) await docker(['rmi', '-f', ...new Set(images)]).catch(() => undefined);
  rmSync(context, { recursive: true, force: true });
});

describe('networks and cleanup in Chromium', () => {
  it('creates a network, shows two containers on it in the topology, and runs the DNS demonstration', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${app.url}#/networks`);
    await page.getByTestId('network-list').waitFor({ timeout: 20_000 });
    await page.getByTestId('network-create').click();
    await page.getByTestId('network-name').fill(net);
    await page.getByTestId('network-subnet').fill('10.231.30.0/24');
    await page.getByTestId('network-labels').fill(label.flag);
    await page.getByTestId('network-labels').press('Enter');
    await expect.poll(() => page.getByRole('dialog').getByTestId('command-line').textContent()).toContain(
      `--subnet 10.231.30.0/24 --label ${label.flag} ${net}`,
    );
    await page.getByTestId('network-create-submit').click();
    await page.getByTestId(`network-row-${net}`).waitFor({ timeout: 15_000 });
    expect(await docker(['network', 'inspect', '--format', '{{(index .IPAM.Config 0).Subnet}} {{index .Labels "lotse.test"}}', net])).toBe(
      `10.231.30.0/24 ${label.value}`,
    );

    // The containers area is not what this test checks: the CLI starts them, the topology must follow.
    await docker(['run', '-d', '--label', label.flag, '--name', web, '--network', net, '-p', '127.0.0.1:18210:80', lab.LOTSE_LAB_IMAGE_HTTPD!]);
    await docker(['run', '-d', '--label', label.flag, '--name', app2, '--network', net, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sleep', '300']);
    await page.getByTestId('tab-topology').click();
    await page.getByTestId(`topology-network-${net}`).waitFor({ timeout: 15_000 });
    await page.getByTestId(`topology-container-${web}`).waitFor({ timeout: 15_000 });
    await page.getByTestId(`topology-container-${app2}`).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('topology-graph').textContent()).toContain('127.0.0.1:18210→80/tcp');
    // Networks and containers in columns of their own; no edge label under a node; no minimap unless asked for.
    const left = (testId: string) => page.getByTestId(testId).evaluate((e) => e.closest('.react-flow__node')!.getBoundingClientRect().left);
    expect(await left(`topology-network-${net}`)).toBeGreaterThan(await left(`topology-container-${web}`));
    const covered = await page.getByTestId('topology-graph').evaluate((graph) => {
      const nodes = [...graph.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
      return [...graph.querySelectorAll('.react-flow__edge-textwrapper')]
        .filter((label) => {
          const l = label.getBoundingClientRect();
          return nodes.some((n) => l.left < n.right && l.right > n.left && l.top < n.bottom && l.bottom > n.top);
        })
        .map((label) => label.textContent);
    });
    expect(covered).toEqual([]);
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    // The graph ends above the status bar.
    const graphBottom = await page.getByTestId('topology-graph').evaluate((e) => e.getBoundingClientRect().bottom);
    expect(graphBottom).toBeLessThanOrEqual(await page.getByTestId('status-bar').evaluate((e) => e.getBoundingClientRect().top));

    await page.getByTestId('tab-dns').click();
    await page.getByTestId('dns-run-user-defined').click();
    await expect.poll(() => page.getByTestId('dns-result-user-defined').textContent(), { timeout: 30_000 }).toMatch(/resolved to \d+\.\d+\.\d+\.\d+/);
    await page.getByTestId('dns-run-default-bridge').click();
    await expect.poll(() => page.getByTestId('dns-result-default-bridge').textContent(), { timeout: 30_000 }).toContain('was not found');
  });

  it('previews an image prune filtered to its own label, prunes, and shows the reclaimed space', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${app.url}#/volumes/cleanup`);
    await page.getByTestId('prune-panel').waitFor({ timeout: 20_000 });
    await page.getByTestId('prune-labels').fill(label.flag);
    await page.getByTestId('prune-labels').press('Enter');
    await page.getByTestId('prune-preview').click();
    await page.getByTestId('prune-preview-result').waitFor({ timeout: 20_000 });
    const previewed = await page.getByTestId('prune-item').allTextContents();
    // The dangling build, and the untagged parent of its LABEL step that nothing else needs any more.
    expect(previewed).toHaveLength(2);
    expect(previewed.join(' ')).toContain(danglingId.replace('sha256:', '').slice(0, 12));
    expect(previewed.join(' ')).toContain('untagged parent');
    await page.getByTestId('prune-run').click();
    expect(await page.getByTestId('confirm-command').textContent()).toContain(`docker image prune --filter label=${label.flag}`);
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('prune-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('prune-reclaimed').textContent()).toMatch(/2 objects removed, [\d.,]+ (B|kB|MB) reclaimed/);
    await expect(docker(['image', 'inspect', danglingId])).rejects.toBeTruthy();
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', lab.LOTSE_LAB_IMAGE_BUSYBOX!])).toMatch(/^sha256:/);
  });
});

/** The words a field shows beneath itself (its error and description, which the input names as its description). */
async function fieldText(page: Page, testId: string): Promise<string> {
  const ids = (await page.getByTestId(testId).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('wrong input gets words in the learner\'s language, at its field', () => {
  it('a network name with a space: the German rule at the field, and the create button says why it waits', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(`${app.url}#/networks`);
    await page.getByTestId('network-list').waitFor({ timeout: 20_000 });
    await page.getByTestId('network-create').click();
    const submit = page.getByTestId('network-create-submit');
    expect(await submit.isDisabled()).toBe(true);
    expect(await page.getByTestId('network-create-submit-reason').textContent()).toBe('Noch nicht möglich – Name fehlt noch');

    await page.getByTestId('network-name').fill('mein netz');
    await expect.poll(() => fieldText(page, 'network-name')).toContain('Der Name darf keine Leerzeichen enthalten');
    expect(await submit.isDisabled()).toBe(true);
    expect(await page.getByTestId('network-create-submit-reason').textContent()).toBe('Noch nicht möglich – Name: bitte korrigieren');
    expect(await page.getByRole('dialog').textContent()).not.toMatch(/invalid_format|"origin"|Invalid parameters/);

    // A changed value is checked anew: the old error goes with it.
    await page.getByTestId('network-name').fill(`${net}-valid`);
    await expect.poll(() => fieldText(page, 'network-name')).not.toContain('Leerzeichen');
    expect(await submit.isDisabled()).toBe(false);
    expect(await page.getByTestId('network-create-submit-reason').count()).toBe(0);
  });

  it('the run dialog: a taken host port, then 99999, shows what is wrong with 99999 only', async () => {
    const holder = `lotse-test-e2e-port-${label.value}`;
    await docker(['run', '-d', '--label', label.flag, '--name', holder, '-p', '127.0.0.1:18212:80', lab.LOTSE_LAB_IMAGE_HTTPD!]);
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(`${app.url}#/containers`);
    await page.getByTestId('containers-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('open-run-dialog').click();
    await page.getByTestId('run-image').fill(lab.LOTSE_LAB_IMAGE_HTTPD!);
    await page.keyboard.press('Escape');
    await page.getByTestId('run-add-port').click();
    await page.getByTestId('run-port-container-0').fill('80');
    await page.getByTestId('run-port-host-0').fill('18212');
    await expect.poll(() => fieldText(page, 'run-port-host-0'), { timeout: 15_000 }).toBe(`Host-Port 18212/tcp veröffentlicht schon Container ${holder}. Nimm einen anderen Host-Port oder stoppe zuerst ${holder}.`);

    // Running anyway: the toast says it in German too.
    await page.getByTestId('run-submit').click();
    await expect.poll(() => page.getByTestId('toast-error').first().textContent(), { timeout: 15_000 }).toContain(`Host-Port 18212/tcp veröffentlicht schon Container ${holder}.`);

    await page.getByTestId('run-port-host-0').fill('99999');
    await expect.poll(() => fieldText(page, 'run-port-host-0')).toBe('Ports sind ganze Zahlen von 1 bis 65535.');
    expect(await page.getByTestId('run-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('run-submit-reason').textContent()).toBe('Noch nicht möglich – Ports: bitte korrigieren');

    // A name against the naming rule, in German too.
    await page.getByTestId('run-name').fill('mein web');
    await expect.poll(() => fieldText(page, 'run-name')).toContain('Der Name darf keine Leerzeichen enthalten: erlaubt sind Buchstaben, Ziffern, _ . -');
  });
});
