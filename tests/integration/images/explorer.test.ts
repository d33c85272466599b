import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AnalysisProgress } from '@shared/dto/images';

import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import { ImagesService } from '../../../electron/services/images/images';
import { docker, labEnv } from '../../support/lab';

const lab = labEnv();
let engine: EngineService;
let images: ImagesService;

beforeAll(async () => {
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  images = new ImagesService(engine, { analysis: 'inline' });
});

afterAll(() => engine.stop());

describe('the layer explorer against the lab images', () => {
  it('finds the wasted bytes of the delete fixture: the big file and the removed directory', async () => {
    const progress: AnalysisProgress[] = [];
    const analysis = await images.analyze(lab.LOTSE_LAB_IMAGE_BIGFILE!, { progress: (p) => progress.push(p) });
    expect(analysis.wasted.bytes).toBe(Number(lab.LOTSE_LAB_BIGFILE_WASTED_BYTES));
    const big = analysis.wasted.files.find((w) => w.path === lab.LOTSE_LAB_BIGFILE_PATH);
    expect(big).toMatchObject({ sizeBytes: Number(lab.LOTSE_LAB_BIGFILE_BYTES), how: 'deleted' });
    expect(big!.hiddenIn).toBeGreaterThan(big!.addedIn);
    const olddir = analysis.wasted.files.filter((w) => w.path.startsWith(`${lab.LOTSE_LAB_BIGFILE_OLDDIR}/`));
    expect(olddir).toHaveLength(Number(lab.LOTSE_LAB_BIGFILE_OLDDIR_FILES));
    expect(olddir.reduce((s, w) => s + w.sizeBytes, 0)).toBe(Number(lab.LOTSE_LAB_BIGFILE_OLDDIR_BYTES));
    // The diff IDs are those the engine names in RootFS.Layers.
    const layers = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', lab.LOTSE_LAB_IMAGE_BIGFILE!])) as string[];
    expect(analysis.layers.map((l) => l.diffId)).toEqual(layers);
    expect(analysis.imageId).toBe(await docker(['image', 'inspect', '--format', '{{.Id}}', lab.LOTSE_LAB_IMAGE_BIGFILE!]));
    expect(progress.length).toBeGreaterThan(0);
    // dive would see only the big file twice; the deleted directory escapes it.
    expect(analysis.dive.wastedBytes).toBe(Number(lab.LOTSE_LAB_BIGFILE_BYTES));
  });

  it('flags the secret fixture although its last layer removed the files', async () => {
    const analysis = await images.analyze(lab.LOTSE_LAB_IMAGE_SECRET!);
    const key = analysis.secrets.find((s) => s.path === lab.LOTSE_LAB_SECRET_KEY_PATH);
    const env = analysis.secrets.find((s) => s.path === lab.LOTSE_LAB_SECRET_ENV_PATH);
    expect(key).toMatchObject({ kind: 'private-key' });
    expect(key!.deletedIn).toBe(analysis.layers.length - 1);
    expect(env).toMatchObject({ kind: 'env-file', deletedIn: analysis.layers.length - 1 });
    expect(analysis.secrets.find((s) => s.kind === 'env-var')).toMatchObject({ path: lab.LOTSE_LAB_SECRET_ENV_NAME });
    const text = JSON.stringify(analysis);
    expect(text).not.toContain(lab.LOTSE_LAB_SECRET_API_TOKEN);
    expect(text).not.toContain(lab.LOTSE_LAB_SECRET_DB_PASSWORD);
  });

  it('answers a second analysis of the same image from the cache', async () => {
    const first = await images.analyze(lab.LOTSE_LAB_IMAGE_SECRET!);
    const again = await images.analyze(lab.LOTSE_LAB_IMAGE_SECRET!);
    expect(again).toBe(first);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const running = images.analyze(lab.LOTSE_LAB_IMAGE_MULTILAYER!, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('says what to do about an unknown image', async () => {
    await expect(images.analyze('lotse-lab/does-not-exist:0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('history', () => {
  it('has the rows of `docker image history --no-trunc`, in build order, each filesystem row with its diff ID', async () => {
    const ref = lab.LOTSE_LAB_IMAGE_MULTILAYER!;
    const history = await images.history(ref);
    const cli = (await docker(['image', 'history', '--no-trunc', '--human=false', '--format', '{{json .}}', ref]))
      .split('\n')
      .map((line) => JSON.parse(line) as { ID: string; CreatedBy: string; Size: string; Comment: string });
    cli.reverse();
    expect(history.rows.map((r) => r.imageId)).toEqual(cli.map((c) => c.ID));
    expect(history.rows.map((r) => r.createdBy)).toEqual(cli.map((c) => c.CreatedBy));
    expect(history.rows.map((r) => String(r.sizeBytes))).toEqual(cli.map((c) => c.Size));
    expect(history.rows.map((r) => r.comment)).toEqual(cli.map((c) => c.Comment));
    const layers = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref])) as string[];
    expect(history.rows.filter((r) => r.filesystem).map((r) => r.diffId)).toEqual(layers);
    // The analysis, which reads the config's own history, maps layers to the same rows.
    const analysis = await images.analyze(ref);
    expect(analysis.layers.map((l) => l.historyIndex)).toEqual(history.rows.filter((r) => r.filesystem).map((r) => r.index));
    expect(history.rows.find((r) => r.kind === 'CMD')?.instruction).toMatch(/^CMD \[/);
    expect(history.dockerfile).toMatch(/^FROM lotse-lab\/busybox:1\.0\n/);
  });
});

describe('family tree', () => {
  it('groups the shared-base fixtures as in the course: A → B → D/E, A → C', async () => {
    const family = await images.family(lab.LOTSE_LAB_IMAGE_FAMILY_D!);
    const idOf = async (ref: string) => docker(['image', 'inspect', '--format', '{{.Id}}', ref]);
    const [busybox, a, b, c, d, e] = await Promise.all(
      ['BUSYBOX', 'FAMILY_A', 'FAMILY_B', 'FAMILY_C', 'FAMILY_D', 'FAMILY_E'].map((k) => idOf(lab[`LOTSE_LAB_IMAGE_${k}`]!)),
    );
    const parent = (id: string | undefined) => family.nodes.find((n) => n.id === id)?.parentId;
    expect(parent(a)).toBe(busybox);
    expect(parent(b)).toBe(a);
    expect(parent(c)).toBe(a);
    expect(parent(d)).toBe(b);
    expect(parent(e)).toBe(b);
    const nodeB = family.nodes.find((n) => n.id === b)!;
    const sizeA = Number(await docker(['image', 'inspect', '--format', '{{.Size}}', lab.LOTSE_LAB_IMAGE_FAMILY_A!]));
    expect(nodeB.sharedBytes).toBe(sizeA);
    // Images that do not share the base are not in the family.
    expect(family.nodes.every((n) => n.id === busybox || n.parentId !== undefined)).toBe(true);
  });
});
