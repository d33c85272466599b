import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BuildLine } from '@shared/api/images';
import type { PullProgress } from '@shared/dto/images';

import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import { BuildService } from '../../../electron/services/images/build';
import { MemoryCredentialStore } from '../../../electron/services/images/credentials';
import { ImagesService } from '../../../electron/services/images/images';
import { TransferService } from '../../../electron/services/images/transfer';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';

const lab = labEnv();
const label = testLabel();
const REGISTRY = lab.LOTSE_LAB_REGISTRY!;
const AUTH_REGISTRY = lab.LOTSE_LAB_AUTH_REGISTRY!;
const USER = lab.LOTSE_LAB_AUTH_USER!;
const PASS = lab.LOTSE_LAB_AUTH_PASS!;
const repo = `lotse-test/t${label.value}`;
const dirs: string[] = [];
const pushed: { registry: string; name: string; auth?: string }[] = [];
let engine: EngineService;
let images: ImagesService;
let build: BuildService;
let baseId: string;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-images-'));
  dirs.push(dir);
  return dir;
}

function transfer(configDir = tempDir()): TransferService {
  return new TransferService(engine, { store: new MemoryCredentialStore(), dockerConfigDir: configDir });
}

/** Removes what the test pushed, through the registry's own API (delete is enabled in the lab). */
async function deleteFromRegistry(registry: string, name: string, auth?: string): Promise<void> {
  const headers: Record<string, string> = { Accept: 'application/vnd.docker.distribution.manifest.v2+json' };
  if (auth) headers.Authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  const head = await fetch(`http://${registry}/v2/${name}/manifests/1.0`, { method: 'HEAD', headers }).catch(() => undefined);
  const digest = head?.headers.get('docker-content-digest');
  if (digest) await fetch(`http://${registry}/v2/${name}/manifests/${digest}`, { method: 'DELETE', headers }).catch(() => undefined);
}

beforeAll(async () => {
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  images = new ImagesService(engine, { analysis: 'inline' });
  build = new BuildService(engine);
  // An image of this test's own: busybox plus the test label, so it can be found and removed.
  const dir = tempDir();
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX}\nRUN echo ${label.value} > /id.txt\n`);
  baseId = (await build.build({ contextDir: dir, dockerfile: 'Dockerfile', buildArgs: {}, labels: { [label.key]: label.value }, tag: `${repo}:1.0` })).id;
});

afterAll(async () => {
  for (const p of pushed) await deleteFromRegistry(p.registry, p.name, p.auth);
  await removeLabelled(label.filter);
  const ids = (await docker(['image', 'ls', '-q', '--filter', label.filter])).split('\n').filter(Boolean);
  if (ids.length) await docker(['image', 'rm', '-f', ...new Set(ids)]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  engine.stop();
});

describe('tag, push, remove and pull through the lab registry', () => {
  it('pushes with per-layer progress, removes the tag and pulls it back to the same image', async () => {
    const remote = `${REGISTRY}/${repo}:1.0`;
    await images.tag(`${repo}:1.0`, remote);
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', remote])).toBe(baseId.startsWith('sha256:') ? baseId : `sha256:${baseId}`);
    const t = transfer();
    const pushProgress: PullProgress[] = [];
    const result = await t.push(remote, { progress: (p) => pushProgress.push(p) });
    pushed.push({ registry: REGISTRY, name: repo });
    expect(result.digest).toMatch(/^sha256:/);
    expect(pushProgress.some((p) => p.phase === 'exists' || p.phase === 'done')).toBe(true);

    const removed = await images.remove(remote, false);
    expect(removed.untagged).toContain(remote);
    expect(removed.deleted).toEqual([]);

    const pullProgress: PullProgress[] = [];
    const pulled = await t.pull(remote, { progress: (p) => pullProgress.push(p) });
    expect(pulled.id).toBe(await docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:1.0`]));
    expect(pullProgress.length).toBeGreaterThan(0);
    await images.remove(remote, false);
  });

  it('explains why an image in use cannot go, and what --force does', async () => {
    const name = `lotse-test-use-${label.value}`;
    await docker(['create', '--label', label.flag, '--name', name, `${repo}:1.0`, 'true']);
    await images.tag(`${repo}:1.0`, `${repo}:in-use`);
    const usage = await images.usage(`${repo}:1.0`);
    expect(usage.map((u) => u.name)).toContain(name);
    // Two tags: removing one name only untags; the image stays for the container.
    expect((await images.remove(`${repo}:in-use`, false)).untagged).toEqual([`${repo}:in-use`]);
    await expect(images.remove(baseId, false)).rejects.toMatchObject({ code: 'CONFLICT', hint: expect.stringContaining('container') as unknown });
  });

  it('says what happened with an unreachable registry and an unknown image', async () => {
    await expect(transfer().pull('127.0.0.1:5999/lotse-test/none:1')).rejects.toMatchObject({ code: 'NOT_FOUND', hint: expect.stringContaining('registry') as unknown });
    await expect(transfer().pull(`${REGISTRY}/lotse-test/does-not-exist:1`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(images.remove('lotse-lab/does-not-exist:0', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a tag with a digest instead of dropping the digest', async () => {
    await expect(images.tag(`${repo}:1.0`, `${repo}:digest@sha256:${'a'.repeat(64)}`)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect((await images.list()).flatMap((i) => i.tags)).not.toContain(`${repo}:digest`);
  });
});

describe('registry login against the htpasswd registry', () => {
  it('stores nothing after a failed login', async () => {
    const t = transfer();
    await expect(t.login(AUTH_REGISTRY, USER, 'wrong-password')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(t.accounts()).toEqual([]);
  });

  it('refuses a push without login, logs in, pushes, and forgets on logout', async () => {
    const t = transfer();
    const remote = `${AUTH_REGISTRY}/${repo}:1.0`;
    await images.tag(`${repo}:1.0`, remote);
    await expect(t.push(remote)).rejects.toMatchObject({ code: 'ENGINE_PERMISSION' });
    expect(await t.login(AUTH_REGISTRY, USER, PASS)).toEqual({ server: AUTH_REGISTRY, username: USER, source: 'lotse' });
    expect(t.accounts()).toEqual([{ server: AUTH_REGISTRY, username: USER, source: 'lotse' }]);
    expect(JSON.stringify(t.accounts())).not.toContain(PASS);
    await t.push(remote);
    pushed.push({ registry: AUTH_REGISTRY, name: repo, auth: `${USER}:${PASS}` });
    expect(t.logout(AUTH_REGISTRY)).toEqual({ removed: true });
    expect(t.accounts()).toEqual([]);
    await images.remove(remote, false);
  });

  it("uses existing logins from docker's config.json (in a folder of the test's own)", async () => {
    const configDir = tempDir();
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: { [AUTH_REGISTRY]: { auth: Buffer.from(`${USER}:${PASS}`).toString('base64') } } }));
    const t = transfer(configDir);
    expect(t.accounts()).toEqual([{ server: AUTH_REGISTRY, username: USER, source: 'docker-config' }]);
    const remote = `${AUTH_REGISTRY}/${repo}:1.0`;
    await images.tag(`${repo}:1.0`, remote);
    await expect(t.push(remote)).resolves.toMatchObject({ ref: remote });
    await images.remove(remote, false);
  });
});

describe('build', () => {
  it('streams the log, honours .dockerignore, and takes the second build from the cache', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile.lotse'), `FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX}\nARG GREETING=hi\nCOPY . /ctx/\nRUN echo "$GREETING" > /greeting.txt\n`);
    writeFileSync(join(dir, 'keep.txt'), 'keep');
    writeFileSync(join(dir, 'secret.txt'), 'never in the context');
    writeFileSync(join(dir, '.dockerignore'), 'secret.txt\n');
    const request = { contextDir: dir, dockerfile: 'Dockerfile.lotse', tag: `${repo}:built`, buildArgs: { GREETING: 'hallo' }, labels: { [label.key]: label.value } };
    const first: BuildLine[] = [];
    const one = await build.build(request, { progress: (l) => first.push(l) });
    expect(first.some((l) => l.step === 1)).toBe(true);
    const second: BuildLine[] = [];
    const two = await build.build(request, { progress: (l) => second.push(l) });
    expect(two.id).toBe(one.id);
    expect(two.cachedSteps).toBeGreaterThanOrEqual(3);
    expect(second.some((l) => l.cached)).toBe(true);
    const files = await docker(['run', '--rm', '--label', label.flag, `${repo}:built`, 'sh', '-c', 'ls /ctx; cat /greeting.txt']);
    expect(files).toContain('keep.txt');
    expect(files).not.toContain('secret.txt');
    expect(files).toContain('hallo');
  });

  it('points a build error at the failing step', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX}\nLABEL ${label.key}=${label.value}\nRUN exit 3\n`);
    await expect(build.build({ contextDir: dir, dockerfile: 'Dockerfile', buildArgs: {}, labels: {} })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('step 3') as unknown,
    });
  });

  it('says when the Dockerfile is missing', async () => {
    await expect(build.build({ contextDir: tempDir(), dockerfile: 'Dockerfile', buildArgs: {}, labels: {} })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('There is no Dockerfile') as unknown,
    });
  });
});
