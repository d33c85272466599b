import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EngineEvent } from '@shared/dto/engine';

import { resolveEndpoints, systemResolveInput } from '../../electron/services/docker/endpoints';
import { EngineService } from '../../electron/services/docker/engine';
import { SystemService } from '../../electron/services/docker/system';
import { docker, labEnv, removeLabelled, testLabel } from '../support/lab';

const lab = labEnv();
const label = testLabel();
let engine: EngineService;
let system: SystemService;

beforeAll(async () => {
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  expect(engine.state.status).toBe('connected');
  system = new SystemService(engine);
});

afterAll(async () => {
  engine.stop();
  await removeLabelled(label.filter);
});

describe('EngineService against the lab engine', () => {
  /** How many lines the docker CLI prints for `args` (one per object with -q). */
  const lines = async (args: string[]) => (await docker(args)).split('\n').filter(Boolean).length;

  it('reports the same engine facts as the docker CLI', async () => {
    const info = engine.state.info!;
    expect(info.version).toBe(await docker(['version', '--format', '{{.Server.Version}}']));
    expect(info.apiVersion).toBe(await docker(['version', '--format', '{{.Server.APIVersion}}']));
    expect(info.storageDriver).toBe(await docker(['info', '--format', '{{.Driver}}']));
    expect(info.os).toBe(await docker(['info', '--format', '{{.OperatingSystem}}']));
    expect(String(info.rootless)).toBe(String((await docker(['info', '--format', '{{json .SecurityOptions}}'])).includes('rootless')));
    expect(engine.state.endpoint).toMatchObject({ kind: 'unix', address: '/var/run/docker.sock' });
  });

  it('hears a container created with the docker CLI on the event stream', async () => {
    const events: EngineEvent[] = [];
    const dispose = engine.onEvent((e) => events.push(e));
    try {
      const id = await docker(['create', '--label', label.flag, '--name', `lotse-test-ev-${label.value}`, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
      await expect.poll(() => events.find((e) => e.type === 'container' && e.action === 'create' && e.id === id), { timeout: 10_000 }).toBeTruthy();
      const created = events.find((e) => e.id === id)!;
      expect(created.name).toBe(`lotse-test-ev-${label.value}`);
      expect(created.attributes['lotse.test']).toBe(label.value);
    } finally {
      dispose();
    }
  });

  it('counts what the docker CLI lists', async () => {
    await docker(['create', '--label', label.flag, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    const counts = await system.counts();
    expect(counts.containers.total).toBe(await lines(['ps', '-aq']));
    expect(counts.containers.running).toBe(await lines(['ps', '-q']));
    expect(counts.images).toBe(await lines(['images', '-q']));
    expect(counts.networks).toBe(await lines(['network', 'ls', '-q']));
    expect(counts.volumes).toBe(await lines(['volume', 'ls', '-q']));
  });

  it('shares one read of the counts until the engine reports a change, then reads again', async () => {
    await expect.poll(() => engine.changeMark(), { timeout: 10_000 }).toBeTypeOf('number');
    // Asked twice in a row, with no event in between: one read, shared.
    const first = system.counts();
    expect(system.counts()).toBe(first);
    await first;

    // A volume made with the CLI: once Lotse has heard its event, the counts are read anew and show it.
    const heard = new Promise<void>((resolve) => {
      const dispose = engine.onEvent((e) => {
        if (e.type === 'volume' && e.action === 'create' && e.id === name) {
          dispose();
          resolve();
        }
      });
    });
    const name = `lotse-test-counts-${label.value}`;
    await docker(['volume', 'create', '--label', label.flag, name]);
    await heard;
    const after = system.counts();
    expect(after).not.toBe(first);
    expect((await after).volumes).toBe(await lines(['volume', 'ls', '-q']));
  });

  it('trusts nothing it read while no event stream is open', async () => {
    const own = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
    expect(own.changeMark()).toBeUndefined();
    own.start();
    try {
      await own.reconnect();
      // The event stream opens right after the connection; from then on the mark is there.
      await expect.poll(() => own.changeMark(), { timeout: 10_000 }).toBeTypeOf('number');
    } finally {
      own.stop();
    }
    expect(own.changeMark()).toBeUndefined();
  });

  it('reads disk usage with the counts docker system df prints', async () => {
    const usage = await system.diskUsage();
    const rows = (await docker(['system', 'df', '--format', '{{json .}}']))
      .split('\n')
      .map((l) => JSON.parse(l) as { Type: string; TotalCount: string; Active: string });
    const row = (type: string) => rows.find((r) => r.Type === type)!;
    expect(usage.images.count).toBe(Number(row('Images').TotalCount));
    expect(usage.containers.count).toBe(Number(row('Containers').TotalCount));
    expect(usage.volumes.count).toBe(Number(row('Local Volumes').TotalCount));
    expect(usage.images.sizeBytes).toBeGreaterThan(0);
    expect(usage.images.reclaimableBytes).toBeLessThanOrEqual(usage.images.sizeBytes);
  });
});
