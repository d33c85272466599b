import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PruneItem, PruneRequestInput, PruneResult } from '@shared/dto/prune';
import { PruneRequest } from '@shared/dto/prune';
import { apiAtLeast } from '@shared/rules/api-version';

import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import { PruneService } from '../../../electron/services/prune/prune';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';

const lab = labEnv();
const label = testLabel();
const repo = `lotse-test/prune-${label.value}`;
const context = mkdtempSync(join(tmpdir(), 'lotse-prune-'));
let engine: EngineService;
let prune: PruneService;
/** Every image id this test built (with intermediates): the only images a prune may delete. */
const ours = new Set<string>();

async function build(tag: string, content: string): Promise<string> {
  writeFileSync(join(context, 'Dockerfile'), `FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX!}\nLABEL ${label.key}=${label.value}\nRUN echo ${content} > /marker\n`);
  await docker(['build', '-q', '--no-cache', '-t', tag, context], { DOCKER_BUILDKIT: '0' });
  const id = await docker(['image', 'inspect', '--format', '{{.Id}}', tag]);
  for (let at = id; at && ours.size < 1000; ) {
    const [labels, parent] = (await docker(['image', 'inspect', '--format', `{{index .Config.Labels "${label.key}"}} {{.Parent}}`, at])).split(' ');
    if (labels !== label.value) break;
    ours.add(at);
    at = parent ?? '';
  }
  return id;
}

const key = (i: PruneItem): string => `${i.type}:${i.action}:${i.action === 'untag' ? i.name : i.id}`;
const keys = (items: PruneItem[]): string[] => items.map(key).sort();

/** Preview, prune, and check the engine removed exactly the preview's objects and gave back its space. */
async function previewAndRun(input: PruneRequestInput): Promise<{ result: PruneResult; items: PruneItem[] }> {
  const request = PruneRequest.parse(input);
  const lines = async (args: string[]): Promise<string[]> => (await docker(args)).split('\n').filter(Boolean);
  const labelled = new Set([
    ...(await lines(['ps', '-aq', '--no-trunc', '--filter', label.filter])),
    ...(await lines(['volume', 'ls', '-q', '--filter', label.filter])),
    ...(await lines(['network', 'ls', '-q', '--no-trunc', '--filter', label.filter])),
  ]);
  const preview = await prune.preview(request);
  const result = await prune.run(preview.id);
  expect(keys(result.removed)).toEqual(keys(preview.items));
  expect(result.skipped).toEqual([]);
  expect(result.spaceReclaimedBytes).toBe(preview.reclaimableBytes);
  expect(result.layersDeleted).toBe(preview.layers);
  // Only what this test created: everything removed carries the label (images: built by this test).
  for (const removed of result.removed) {
    if (removed.type === 'image') expect(ours.has(removed.id) || removed.name.startsWith(repo)).toBe(true);
    else expect(labelled.has(removed.id)).toBe(true);
    if (removed.type === 'container') expect(await exists(['container', 'inspect', removed.id])).toBe(false);
  }
  return { result, items: preview.items };
}

async function exists(args: string[]): Promise<boolean> {
  return docker(args).then(
    () => true,
    () => false,
  );
}

const filters = { labels: [label.flag] };
const names = {
  running: `lotse-test-prune-run-${label.value}`,
  stopped: `lotse-test-prune-stop-${label.value}`,
  created: `lotse-test-prune-new-${label.value}`,
  netUsed: `lotse-test-prune-used-${label.value}`,
  netStopped: `lotse-test-prune-stopnet-${label.value}`,
  netFree: `lotse-test-prune-free-${label.value}`,
  volUsed: `lotse-test-prune-vused-${label.value}`,
  volFree: `lotse-test-prune-vfree-${label.value}`,
};
let danglingId = '';
let unusedId = '';
let multiId = '';

beforeAll(async () => {
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  prune = new PruneService(engine);

  danglingId = await build(`${repo}:d`, 'first');
  await build(`${repo}:d`, 'second');
  unusedId = await build(`${repo}:unused`, 'unused');
  multiId = await build(`${repo}:multi-a`, 'multi');
  await docker(['tag', `${repo}:multi-a`, `${repo}:multi-b`]);
  await build(`${repo}:stopped`, 'stopped');

  const l = ['--label', label.flag];
  await docker(['network', 'create', ...l, names.netUsed]);
  await docker(['network', 'create', ...l, names.netStopped]);
  await docker(['network', 'create', ...l, names.netFree]);
  await docker(['volume', 'create', ...l, names.volUsed]);
  await docker(['volume', 'create', ...l, names.volFree]);
  await docker(['volume', 'create', ...l]);
  await docker(['run', '-d', ...l, '--name', names.running, '--network', names.netUsed, `${repo}:multi-b`, 'sleep', '600']);
  await docker(['run', ...l, '--name', names.stopped, '--network', names.netStopped, '-v', `${names.volUsed}:/data`, `${repo}:stopped`, 'true']);
  await docker(['create', ...l, '--name', names.created, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
});

afterAll(async () => {
  engine.stop();
  await removeLabelled(label.filter).catch(() => undefined);
  const images = (await docker(['images', '-q', '--filter', label.filter, '--no-trunc'])).split('\n').filter(Boolean);
  if (images.length) await docker(['rmi', '-f', ...new Set(images)]).catch(() => undefined);
  rmSync(context, { recursive: true, force: true });
});

describe('prune: the preview is exactly what the engine removes', () => {
  it('networks: unused ones go, one with a running container stays, one with only a stopped container goes', async () => {
    const { items } = await previewAndRun({ kind: 'networks', filters });
    expect(items.map((i) => i.name).sort()).toEqual([names.netFree, names.netStopped].sort());
    expect(await exists(['network', 'inspect', names.netUsed])).toBe(true);
    expect(await exists(['network', 'inspect', 'bridge'])).toBe(true);
  });

  // The engine's own rule decides: before API 1.42 every unused local volume goes, named ones too; from 1.42
  // (Docker 23) only anonymous ones (an unnamed `volume create` is labelled anonymous). The test takes the machine's path.
  it('volumes (the engine API version decides named vs anonymous): a volume a stopped container mounts stays', async () => {
    const modern = apiAtLeast(await docker(['version', '--format', '{{.Server.APIVersion}}']), '1.42');
    const preview = await prune.preview(PruneRequest.parse({ kind: 'volumes', filters }));
    expect(preview.notes).toContain(modern ? 'volumes-anonymous-only' : 'volumes-all-unused');
    const { items } = await previewAndRun({ kind: 'volumes', filters });
    expect(items).toHaveLength(modern ? 1 : 2);
    expect(items.map((i) => i.name).includes(names.volFree)).toBe(!modern);
    expect(await exists(['volume', 'inspect', names.volFree])).toBe(modern);
    expect(await exists(['volume', 'inspect', names.volUsed])).toBe(true);
  });

  it('images (dangling only): the untagged build goes, tagged and used ones stay', async () => {
    const { items } = await previewAndRun({ kind: 'images', filters });
    expect(items.filter((i) => i.action === 'delete').map((i) => i.id)).toContain(danglingId);
    expect(items.some((i) => i.action === 'untag')).toBe(false);
    expect(await exists(['image', 'inspect', `${repo}:unused`])).toBe(true);
  });

  it('until: nothing older than the test objects exists, so nothing goes', async () => {
    const { items } = await previewAndRun({ kind: 'containers', filters: { ...filters, until: '2h' } });
    expect(items).toEqual([]);
    await expect(prune.preview(PruneRequest.parse({ kind: 'containers', filters: { until: 'yesterday' } }))).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
    });
  });

  it('containers: stopped and created ones go, the running one stays; label! keeps what matches', async () => {
    const excluded = await prune.preview(PruneRequest.parse({ kind: 'containers', filters: { ...filters, notLabels: [label.flag] } }));
    expect(excluded.items).toEqual([]);
    const { items } = await previewAndRun({ kind: 'containers', filters });
    expect(items.map((i) => i.name).sort()).toEqual([names.created, names.stopped].sort());
    expect(await exists(['container', 'inspect', names.running])).toBe(true);
  });

  it('images -a: unused images go with their parents; an image in use only loses its extra tag', async () => {
    const { items } = await previewAndRun({ kind: 'images', all: true, filters });
    const deleted = items.filter((i) => i.action === 'delete').map((i) => i.id);
    expect(deleted).toContain(unusedId);
    expect(deleted).not.toContain(multiId);
    expect(items.filter((i) => i.action === 'untag').map((i) => i.name)).toContain(`${repo}:multi-a`);
    expect(items.some((i) => i.reason === 'parent-of-removed')).toBe(true);
    expect(await exists(['image', 'inspect', `${repo}:multi-b`])).toBe(true);
    expect(await exists(['image', 'inspect', lab.LOTSE_LAB_IMAGE_BUSYBOX!])).toBe(true);
  });

  it('build cache: the legacy builder leaves none, and the preview says so', async () => {
    const request = PruneRequest.parse({ kind: 'buildCache', filters });
    const preview = await prune.preview(request);
    expect(preview.items).toEqual([]);
    const result = await prune.run(preview.id);
    expect(result.removed).toEqual([]);
  });

  it('system prune -a --volumes: everything unused of this test goes, in the order the CLI runs it', async () => {
    const l = ['--label', label.flag];
    const net = `lotse-test-prune-sys-${label.value}`;
    const vol = `lotse-test-prune-sysv-${label.value}`;
    const image = await build(`${repo}:system`, 'system');
    await docker(['network', 'create', ...l, net]);
    await docker(['volume', 'create', ...l, vol]);
    await docker(['run', ...l, '--network', net, '-v', `${vol}:/data`, `${repo}:system`, 'true']);
    await expect(prune.preview(PruneRequest.parse({ kind: 'system', volumes: true, filters: { ...filters, until: '1h' } }))).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
    });
    const { items, result } = await previewAndRun({ kind: 'system', all: true, volumes: true, filters });
    expect(items.find((i) => i.type === 'image' && i.id === image)).toBeTruthy();
    expect(items.find((i) => i.type === 'volume' && i.name === vol)).toBeTruthy();
    expect(items.find((i) => i.type === 'network' && i.name === net)).toBeTruthy();
    expect(result.commands[0]).toBe(`docker system prune -a --volumes --filter label=${label.flag}`);
    expect(await exists(['container', 'inspect', names.running])).toBe(true);
  });
});

describe('prune: the run removes what the learner confirmed, not what the filters match by then', () => {
  const l = ['--label', label.flag, '--label', 'lotse.test.case=confirm'];
  const request = PruneRequest.parse({ kind: 'system', all: true, volumes: true, filters: { labels: [label.flag, 'lotse.test.case=confirm'] } });
  const name = (what: string): string => `lotse-test-prune-${what}-${label.value}`;

  it('skips a container started since and a volume mounted since, leaves new ones alone, and says so', async () => {
    await docker(['create', ...l, '--name', name('a'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sleep', '600']);
    await docker(['create', ...l, '--name', name('c'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    await docker(['volume', 'create', ...l, name('v')]);
    const preview = await prune.preview(request);
    expect(preview.items.map((i) => `${i.type}:${i.name}`).sort()).toEqual([`container:${name('a')}`, `container:${name('c')}`, `volume:${name('v')}`]);

    // Between preview and confirm: B appears (stopped), A starts, D mounts the volume.
    await docker(['run', ...l, '--name', name('b'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    await docker(['start', name('a')]);
    await docker(['create', ...l, '--name', name('d'), '-v', `${name('v')}:/data`, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);

    const progress: number[] = [];
    const result = await prune.run(preview.id, { progress: (p) => progress.push(p.done) });
    expect(result.removed.map((i) => i.name)).toEqual([name('c')]);
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.item.name, s]));
    expect(skipped[name('a')]?.reason).toBe('running');
    // The rules would take D first and then the volume; D was not confirmed, so the engine refuses the volume.
    expect(skipped[name('v')]).toMatchObject({ reason: 'in-use', detail: expect.stringContaining('in use') as string });
    expect(result.untouched.map((i) => i.name).sort()).toEqual([name('b'), name('d')]);
    expect(result.byType.container.count).toBe(1);
    expect(progress.at(-1)).toBe(2);

    expect(await exists(['container', 'inspect', name('c')])).toBe(false);
    expect(await docker(['inspect', '--format', '{{.State.Running}}', name('a')])).toBe('true');
    expect(await exists(['container', 'inspect', name('b')])).toBe(true);
    expect(await exists(['container', 'inspect', name('d')])).toBe(true);
    expect(await exists(['volume', 'inspect', name('v')])).toBe(true);
  });

  it('runs a preview once, refuses one it does not know, and stops when cancelled', async () => {
    await docker(['create', ...l, '--name', name('e'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    const preview = await prune.preview(PruneRequest.parse({ kind: 'containers', filters: { labels: [label.flag, 'lotse.test.case=confirm'] } }));
    expect(preview.items.map((i) => i.name)).toContain(name('e'));
    const controller = new AbortController();
    controller.abort();
    await expect(prune.run(preview.id, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await exists(['container', 'inspect', name('e')])).toBe(true);
    await expect(prune.run(preview.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(prune.run('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
