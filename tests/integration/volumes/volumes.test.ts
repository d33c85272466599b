import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CreateVolume } from '@shared/dto/volumes';

import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import { findHelperImage, runHelper } from '../../../electron/services/docker/helper';
import { VolumeService } from '../../../electron/services/volumes/volumes';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';

const lab = labEnv();
const label = testLabel();
const foo = `lotse-test-foo-${label.value}`;
let engine: EngineService;
let volumes: VolumeService;

beforeAll(async () => {
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  volumes = new VolumeService(engine);
});

afterAll(async () => {
  engine.stop();
  await removeLabelled(label.filter).catch(() => undefined);
});

describe('volumes against the lab engine', () => {
  it('creates a volume with labels and shows where it lives', async () => {
    const created = await volumes.create(CreateVolume.parse({ name: foo, labels: { [label.key]: label.value } }));
    expect(created.mountpoint).toBe(`/var/lib/docker/volumes/${foo}/_data`);
    await expect(volumes.create(CreateVolume.parse({ name: foo }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('exercise 6: a file one container writes is read by another', async () => {
    const l = ['--label', label.flag];
    await docker(['run', ...l, '--name', `lotse-test-writer-${label.value}`, '-v', `${foo}:/data`, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sh', '-c', 'mkdir -p /data/html && echo Hallo Volume > /data/html/index.html']);
    const read = await docker(['run', ...l, '--rm', '-v', `${foo}:/usr/share/data:ro`, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'cat', '/usr/share/data/html/index.html']);
    expect(read).toBe('Hallo Volume');
    const volume = (await volumes.list()).find((v) => v.name === foo);
    expect(volume?.usedBy.map((u) => u.name)).toEqual([`lotse-test-writer-${label.value}`]);
    const sizes = await volumes.sizes();
    expect(sizes[foo]).toBeGreaterThan(0);
  });

  it('browses the volume read-only through a helper container that is removed after', async () => {
    const top = await volumes.browse(foo, '/');
    expect(top.entries).toContainEqual(expect.objectContaining({ name: 'html', type: 'dir' }));
    const html = await volumes.browse(foo, '/html');
    expect(html.entries).toEqual([expect.objectContaining({ name: 'index.html', type: 'file', size: 13 })]);
    const file = await volumes.readFile(foo, '/html/index.html');
    expect(file.content).toBe('Hallo Volume\n');
    await expect(volumes.browse(foo, '/nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await docker(['ps', '-aq', '--filter', 'label=lotse.helper=volume-browse'])).toBe('');
  });

  it('explains why a volume in use cannot go, and removes it once its container is gone', async () => {
    await expect(volumes.remove(foo, false)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`lotse-test-writer-${label.value}`) as string,
    });
    await docker(['rm', `lotse-test-writer-${label.value}`]);
    await volumes.remove(foo, false);
    expect((await volumes.list()).some((v) => v.name === foo)).toBe(false);
  });

  it('lists bind mounts and tmpfs mounts on containers', async () => {
    await docker(['create', '--label', label.flag, '--name', `lotse-test-mounts-${label.value}`, '-v', '/tmp:/host-tmp:ro', '--tmpfs', '/scratch', lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    const mounts = (await volumes.mounts()).find((c) => c.name === `lotse-test-mounts-${label.value}`);
    expect(mounts?.mounts).toContainEqual({ type: 'bind', source: '/tmp', destination: '/host-tmp', readOnly: true });
    expect(mounts?.mounts).toContainEqual({ type: 'tmpfs', source: '', destination: '/scratch', readOnly: false });
  });
});

describe('volumes: only existing volumes are mounted, and only as volumes', () => {
  const hostDir = mkdtempSync(join(tmpdir(), 'lotse-host-'));
  const missing = `lotse-test-missing-${label.value}`;
  const volumeNames = async (): Promise<string[]> => (await docker(['volume', 'ls', '-q'])).split('\n').filter(Boolean);
  afterAll(() => rmSync(hostDir, { recursive: true, force: true }));

  it('never reads a file of the host, whatever the name says', async () => {
    writeFileSync(join(hostDir, 'secret.txt'), 'host secret');
    for (const name of [hostDir, `${hostDir}/`, '/', '..', `..${hostDir}`]) {
      await expect(volumes.readFile(name, '/secret.txt')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      await expect(volumes.browse(name, '/')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    }
    // Even a host path that got past the name check would be refused: the helper mounts volumes, never binds.
    const image = await findHelperImage(engine.docker());
    await expect(
      runHelper(engine.docker(), { image, cmd: ['cat', '/volume/secret.txt'], volumes: [{ name: hostDir, target: '/volume' }], purpose: 'volume-browse' }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('answers NOT_FOUND for a volume that does not exist, and creates none', async () => {
    const asked = [missing, `NaN-${label.value}`];
    const counted = async (): Promise<number> => (await volumeNames()).filter((v) => asked.includes(v)).length;
    expect(await counted()).toBe(0);
    for (const name of asked) {
      await expect(volumes.readFile(name, '/x')).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'noSuchVolume' });
      await expect(volumes.browse(name, '/')).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'noSuchVolume' });
      await expect(volumes.remove(name, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // Other tests may add volumes meanwhile: count the ones named as asked for.
    expect(await counted()).toBe(0);
    expect(await docker(['ps', '-aq', '--filter', 'label=lotse.helper=volume-browse'])).toBe('');
  });
});
