import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LotseError } from '@shared/errors';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { inMemoryTransport } from '../../support/in-memory';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';

const lab = labEnv();
const label = testLabel();
const busybox = lab.LOTSE_LAB_IMAGE_BUSYBOX!;
const prefix = `lotse-test-ids-${process.pid}`;
const victim = `${prefix}-running`;
/** A name with a registry host, a port and slashes, as learners push to the lab registry. */
const registryTag = `${lab.LOTSE_LAB_REGISTRY!}/${prefix}/busybox:1.0`;
let backend: Backend;
let api: RpcClient;

async function running(name: string): Promise<boolean> {
  return (await docker(['inspect', '--format', '{{.State.Running}}', name])) === 'true';
}

async function refusal(promise: Promise<unknown>): Promise<LotseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LotseError);
  return error as LotseError;
}

beforeAll(async () => {
  backend = createBackend({ version: 'test', strictResults: true });
  await backend.engine.reconnect();
  api = new RpcClient(inMemoryTransport(backend.router));
  await docker(['run', '-d', '--label', label.flag, '--name', victim, busybox, 'sleep', '300']);
});

afterAll(async () => {
  await docker(['rmi', registryTag]).catch(() => undefined);
  await removeLabelled(label.filter);
  backend.close();
});

describe('ids that would change the request', () => {
  it('a query string in an id does not force the removal of a running container', async () => {
    const error = await refusal(api.call('containers.remove', { ids: [`${victim}?force=1&x=`], force: false }));
    expect(error.code).toBe('INVALID_PARAMS');
    expect(await running(victim)).toBe(true);

    // Below the contract, the service encodes the id: the engine looks for a container of that odd name.
    const [outcome] = await (await backend.services.get('containers')).remove([`${victim}?force=1&x=`], false, false);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await running(victim)).toBe(true);
  });

  it('answers `..` and other path tricks with an error, and keeps serving', async () => {
    for (const id of ['..', 'x/..', `/${victim}`, '%2e%2e']) {
      expect((await refusal(api.call('containers.inspect', { id }))).code, id).toBe('INVALID_PARAMS');
      expect((await refusal(api.call('containers.diff', { id }))).code, id).toBe('INVALID_PARAMS');
    }
    expect((await refusal(api.call('images.inspect', { ref: '..' }))).code).toBe('INVALID_PARAMS');
    expect((await refusal(api.call('networks.inspect', { id: 'x/..' }))).code).toBe('INVALID_PARAMS');
    expect((await refusal(api.call('volumes.inspect', { name: '..' }))).code).toBe('INVALID_PARAMS');

    // The services refuse them too, before a request is formed.
    for (const id of ['..', 'x/..', '.']) {
      expect((await refusal((await backend.services.get('containers')).inspect(id))).code, id).toBe('INVALID_PARAMS');
    }

    const counts = await api.call('system.counts', {});
    expect(counts.containers.running).toBeGreaterThanOrEqual(1);
    const details = await api.call('containers.inspect', { id: victim });
    expect(details.name).toBe(victim);
    expect(details.state.running).toBe(true);
  });

  it('turns a redirect from the engine into an error instead of following it', async () => {
    // Only a raw client can still ask for such a path; the engine answers 301 to it.
    const raw = backend.engine.docker().getContainer('..').inspect();
    const error = await raw.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/redirect/i);
    expect((await api.call('engine.state', {})).status).toBe('connected');
  });
});

describe('names the engine takes still work', () => {
  it('an image name with a registry host, a port and slashes', async () => {
    await api.call('images.tag', { source: busybox, target: registryTag });
    const inspected = await api.call('images.inspect', { ref: registryTag });
    expect(inspected.tags).toContain(registryTag);
    const history = await api.call('images.history', { ref: registryTag });
    expect(history.imageId).toBe(inspected.id);
    const removed = await api.call('images.remove', { ref: registryTag });
    expect(removed.untagged).toContain(registryTag);
  });

  it('containers by name and id prefix, networks and volumes by name', async () => {
    const byName = await api.call('containers.inspect', { id: victim });
    const byPrefix = await api.call('containers.inspect', { id: byName.id.slice(0, 12) });
    expect(byPrefix.id).toBe(byName.id);
    const bridge = await api.call('networks.inspect', { id: 'bridge' });
    expect(bridge.name).toBe('bridge');
    const volume = `${prefix}-data`;
    await docker(['volume', 'create', '--label', label.flag, volume]);
    expect((await api.call('volumes.inspect', { name: volume })).name).toBe(volume);
  });
});
