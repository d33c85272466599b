import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { InitRequest, ServiceForm } from '@shared/dto/swarm';

import type { EngineService } from '../../../electron/services/docker/engine';
import { SwarmService } from '../../../electron/services/swarm/swarm';
import { openServiceLogs } from '../../../electron/services/swarm/logs';
import { docker, testLabel } from '../../support/lab';
import { connect, lab, localState, removeServices, running, until } from './lab';

// One engine is enough here: init, tokens, autolock, refusals, updates that race, logs.
const label = testLabel();
const name = (what: string): string => `lotse-test-${what}-${process.pid}`;
const base = (what: string, more: Partial<ServiceForm> = {}): ServiceForm =>
  ServiceForm.parse({
    name: name(what),
    image: lab.LOTSE_LAB_IMAGE_BUSYBOX,
    command: ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do echo "line $i"; i=$((i+1)); sleep 1; done'],
    stopGracePeriod: '1s',
    labels: [{ key: label.key, value: label.value }],
    ...more,
  });
let engine: EngineService;
let swarm: SwarmService;

beforeAll(async () => {
  // This file makes the main engine a one-node swarm and takes it down again: it must find none.
  const before = await localState();
  if (before !== 'inactive') throw new Error(`the lab engine is already in a swarm (${before}); run: bash scripts/lab.sh swarm-down`);
  engine = await connect();
  swarm = new SwarmService(engine);
});

afterAll(async () => {
  await removeServices(label.filter);
  if ((await localState()) !== 'inactive') await docker(['swarm', 'leave', '--force']);
  engine.stop();
});

describe('a one-node swarm on the lab engine', () => {
  it('says inactive, then initialises with an advertise address and is the leader', async () => {
    expect((await swarm.state()).localState).toBe('inactive');
    expect(engine.state.info?.swarm).toBe('inactive');
    // The dashboard reads the swarm state from the engine's info: it hears the new one after init.
    const heard = new Promise<string | undefined>((resolve) => {
      const off = engine.onState((next) => {
        if (next.info?.swarm !== 'active') return;
        off();
        resolve(next.info.swarm);
      });
    });
    const state = await swarm.init(InitRequest.parse({ advertiseAddr: '127.0.0.1', listenAddr: '127.0.0.1:2377' }));
    expect(state).toMatchObject({ localState: 'active', manager: true, leader: true, managers: 1, nodes: 1 });
    await expect(heard).resolves.toBe('active');
    expect(engine.state.info?.swarm).toBe('active');
    expect(await docker(['info', '--format', '{{.Swarm.NodeAddr}} {{.Swarm.ControlAvailable}}'])).toBe('127.0.0.1 true');
    const snapshot = await swarm.snapshot();
    expect(snapshot.nodes).toHaveLength(1);
    expect(snapshot.nodes[0]).toMatchObject({ self: true, leader: true, role: 'manager', availability: 'active', status: 'ready' });
  });

  it('refuses a second init and leaving as the last manager, with words for both', async () => {
    await expect(swarm.init(InitRequest.parse({ advertiseAddr: '127.0.0.1' }))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'swarmAlreadyMember' });
    await expect(swarm.leave(false)).rejects.toMatchObject({ reason: 'lastManager' });
    expect(await localState()).toBe('active');
  });

  it('shows the join tokens the CLI shows, and a rotated worker token replaces the old one', async () => {
    const tokens = await swarm.tokens();
    expect(tokens.worker).toBe(await docker(['swarm', 'join-token', '-q', 'worker']));
    expect(tokens.manager).toBe(await docker(['swarm', 'join-token', '-q', 'manager']));
    const rotated = await swarm.rotateToken('worker');
    expect(rotated.worker).not.toBe(tokens.worker);
    expect(rotated.manager).toBe(tokens.manager);
    expect(await docker(['swarm', 'join-token', '-q', 'worker'])).toBe(rotated.worker);
  });

  it('turns autolock on (answering the unlock key the CLI knows) and off again', async () => {
    const { key } = await swarm.setAutolock(true);
    expect(key).toMatch(/^SWMKEY-1-/);
    expect(await docker(['swarm', 'unlock-key', '-q'])).toBe(key);
    expect((await swarm.state()).autolock).toBe(true);
    await swarm.setAutolock(false);
    expect((await swarm.state()).autolock).toBe(false);
  });

  it('refuses to scale a global service, and the spec stays as it was', async () => {
    const { id } = await swarm.createService(base('global', { mode: 'global' }));
    await expect(swarm.scale(id, 3)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'scaleGlobal' });
    await expect(swarm.updateService(id, { replicas: 2, force: false })).rejects.toMatchObject({ reason: 'scaleGlobal' });
    expect(await docker(['service', 'inspect', '--format', '{{if .Spec.Mode.Global}}global{{end}} {{.Version.Index}}', id])).toMatch(/^global \d+$/);
    await swarm.removeService(id);
  });

  it('names a stale version index, and retries its own writes until each lands', async () => {
    const { id } = await swarm.createService(base('stale', { replicas: 1 }));
    const version = Number(await docker(['service', 'inspect', '--format', '{{.Version.Index}}', id]));
    const spec = JSON.parse(await docker(['service', 'inspect', '--format', '{{json .Spec}}', id])) as Record<string, unknown>;
    await docker(['service', 'update', '--detach', '--label-add', 'moved=on', id]);
    // A write with the version read before someone else wrote: the engine refuses it.
    const stale = engine.docker().getService(id).update({ _query: { version }, _body: spec });
    const { swarmError } = await import('../../../electron/services/swarm/errors');
    await expect(stale.catch((e: unknown) => Promise.reject(swarmError(e)))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'updateOutOfSequence' });
    // Five writes at once: each reads, writes, and reads again when another came first.
    await Promise.all([
      swarm.updateService(id, { update: { parallelism: 2 }, force: false }),
      swarm.updateService(id, { update: { delay: '3s' }, force: false }),
      swarm.updateService(id, { update: { monitor: '2s' }, force: false }),
      swarm.updateService(id, { update: { order: 'start-first' }, force: false }),
      swarm.updateService(id, { update: { failureAction: 'continue' }, force: false }),
    ]);
    expect(await docker(['service', 'inspect', '--format', '{{json .Spec.UpdateConfig}}', id])).toBe(
      JSON.stringify({ Parallelism: 2, Delay: 3e9, FailureAction: 'continue', Monitor: 2e9, MaxFailureRatio: 0, Order: 'start-first' }),
    );
    expect(await docker(['service', 'inspect', '--format', '{{index .Spec.Labels "moved"}}', id])).toBe('on');
    await swarm.removeService(id);
  });

  it('creates nothing when the engine refuses a create', async () => {
    const { id } = await swarm.createService(base('taken', { publish: [{ published: 18_311, target: 80, protocol: 'tcp', mode: 'ingress' }] }));
    const before = await docker(['service', 'ls', '-q']);
    await expect(swarm.createService(base('taken'))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'serviceNameInUse' });
    // The same published port for another service: refused by the engine, not by the form check.
    await expect(swarm.createService(base('port', { publish: [{ published: 18_311, target: 80, protocol: 'tcp', mode: 'ingress' }] }))).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
    });
    await expect(swarm.createService(base('bridge', { networks: ['bridge'] }))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await docker(['service', 'ls', '-q'])).toBe(before);
    await swarm.removeService(id);
  });

  it('merges the service logs of every task with task and node, and follows new lines', async () => {
    const { id } = await swarm.createService(base('logs', { replicas: 2 }));
    await until(swarm, (s) => running(s, id).length === 2, 30_000, 'two running tasks');
    const lines: { taskId: string; nodeId: string; text: string }[] = [];
    let ended = false;
    const stop = openServiceLogs(
      engine,
      { service: id, follow: true, tail: 5 },
      (batch) => {
        lines.push(...batch.lines);
        ended ||= batch.ended;
      },
      () => undefined,
    );
    await expect.poll(() => new Set(lines.map((l) => l.taskId)).size, { timeout: 15_000 }).toBe(2);
    stop();
    const tasks = await docker(['service', 'ps', '-q', '--no-trunc', '--filter', 'desired-state=running', id]);
    expect(new Set(lines.map((l) => l.taskId))).toEqual(new Set(tasks.split('\n')));
    const self = (await swarm.state()).nodeId;
    expect(lines.every((l) => /^line \d+$/.test(l.text) && l.nodeId === self)).toBe(true);
    expect(ended).toBe(false);
    await swarm.removeService(id);
  });
});
