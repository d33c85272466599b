import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ServiceLogBatch, SwarmSnapshot } from '@shared/dto/swarm';
import type { LotseError } from '@shared/errors';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { inMemoryTransport } from '../../support/in-memory';
import { docker, testLabel } from '../../support/lab';
import { lab, localState, removeServices } from './lab';

// The swarm area through the router (results checked against the contract), on a one-node swarm.
const label = testLabel();
const name = `lotse-test-contract-${process.pid}`;
let backend: Backend;
let api: RpcClient;

beforeAll(async () => {
  const before = await localState();
  if (before !== 'inactive') throw new Error(`the lab engine is already in a swarm (${before}); run: bash scripts/lab.sh swarm-down`);
  backend = createBackend({ version: 'test', strictResults: true });
  await backend.engine.reconnect();
  api = new RpcClient(inMemoryTransport(backend.router));
});

afterAll(async () => {
  await removeServices(label.filter);
  if ((await localState()) !== 'inactive') await docker(['swarm', 'leave', '--force']);
  backend.close();
});

const refusal = (promise: Promise<unknown>): Promise<LotseError> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as LotseError,
  );

describe('the swarm contract', () => {
  it('refuses malformed ids, tokens and addresses before the engine sees them, naming the field', async () => {
    const join = await refusal(api.call('swarm.join', { remoteAddr: 'manager host', token: 'SWMTKN-1-nope' }));
    expect(join.code).toBe('INVALID_PARAMS');
    expect(join.issues?.map((i) => [i.path.join('.'), i.code]).sort()).toEqual([
      ['remoteAddr', 'badFormat'],
      ['token', 'badFormat'],
    ]);
    const node = await refusal(api.call('swarm.nodes.update', { node: '../nodes', availability: 'drain' }));
    expect(node.issues?.[0]).toMatchObject({ path: ['node'], code: 'badChar', params: { char: '/' } });
    const scale = await refusal(api.call('swarm.services.scale', { service: 'web?x=1', replicas: 2 }));
    expect(scale.issues?.[0]).toMatchObject({ path: ['service'], code: 'badChar', params: { char: '?' } });
    const create = await refusal(api.call('swarm.services.create', { form: { name: 'my.web', image: 'Web:1' } }));
    expect(create.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['form.name', 'badChar'],
      ['form.image', 'uppercase'],
    ]);
    const rollback = await refusal(api.call('swarm.services.rollback', { service: 'web' }));
    expect(rollback).toMatchObject({ code: 'CONFLICT', reason: 'notInSwarm' });
    const replicas = await refusal(api.call('swarm.services.scale', { service: 'web', replicas: -1 }));
    expect(replicas.issues?.[0]).toMatchObject({ path: ['replicas'], code: 'tooSmall' });
  });

  it('says inactive, inits, and the watch follows a service from create to removal', async () => {
    expect((await api.call('swarm.state', {})).localState).toBe('inactive');
    const snapshots: SwarmSnapshot[] = [];
    const stop = api.subscribe('swarm.watch', {}, (s) => snapshots.push(s));
    await expect.poll(() => snapshots.at(-1)?.state.localState).toBe('inactive');
    const state = await api.call('swarm.init', { advertiseAddr: '127.0.0.1', listenAddr: '127.0.0.1:2377' });
    expect(state).toMatchObject({ localState: 'active', leader: true });
    await expect.poll(() => snapshots.at(-1)?.nodes.length).toBe(1);

    const { id } = await api.call('swarm.services.create', {
      form: {
        name,
        image: lab.LOTSE_LAB_IMAGE_BUSYBOX!,
        replicas: 2,
        command: ['sh', '-c', 'trap "exit 0" TERM; while true; do echo hello; sleep 1; done'],
        stopGracePeriod: '1s',
        labels: [{ key: label.key, value: label.value }],
      },
    });
    await expect.poll(() => snapshots.at(-1)?.services.find((s) => s.id === id)?.running, { timeout: 30_000 }).toBe(2);
    const scaled = await api.call('swarm.services.scale', { service: name, replicas: 3 });
    expect(scaled.desired).toBe(3);
    await expect.poll(() => snapshots.at(-1)?.services.find((s) => s.id === id)?.running, { timeout: 30_000 }).toBe(3);

    const batches: ServiceLogBatch[] = [];
    const stopLogs = api.subscribe('swarm.logs', { service: name, follow: true, tail: 1 }, (b) => batches.push(b));
    await expect.poll(() => new Set(batches.flatMap((b) => b.lines.map((l) => l.taskId))).size, { timeout: 15_000 }).toBe(3);
    stopLogs();

    const detail = await api.call('swarm.services.inspect', { service: id });
    expect(detail.form).toMatchObject({ name, replicas: 3, stopGracePeriod: '1s', command: ['sh', '-c', expect.any(String) as string] });
    expect((await api.call('swarm.services.timeline', { service: id })).rows).toHaveLength(3);
    // A scale is an update too: rollback returns to two replicas.
    expect((await api.call('swarm.services.rollback', { service: id })).update?.state).toMatch(/^rollback_(started|completed)$/);
    await expect.poll(() => snapshots.at(-1)?.services.find((s) => s.id === id)?.update?.state, { timeout: 30_000 }).toBe('rollback_completed');
    expect(snapshots.at(-1)?.services.find((s) => s.id === id)?.desired).toBe(2);

    await api.call('swarm.services.remove', { service: id });
    await expect.poll(() => snapshots.at(-1)?.services.some((s) => s.id === id)).toBe(false);
    await api.call('swarm.leave', { force: true });
    await expect.poll(() => snapshots.at(-1)?.state.localState).toBe('inactive');
    stop();
  }, 90_000);
});
