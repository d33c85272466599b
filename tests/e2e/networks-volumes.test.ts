import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
    await expect.poll(() => page.getByTestId('topology-graph').textContent()).toContain('18210→80/tcp');

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
