import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NodeUpdate, ServiceForm, type SwarmSnapshot } from '@shared/dto/swarm';

import type { EngineService } from '../../../electron/services/docker/engine';
import { SwarmService } from '../../../electron/services/swarm/swarm';
import { docker, testLabel } from '../../support/lab';
import { connect, lab, localState, removeServices, running, swarmDown, swarmUp, until, WORKER } from './lab';

// The lab's two-node swarm: the main engine is the manager, lotse-worker-1 (its own engine in a
// network namespace) the worker. Everything here carries the run's label and is removed after.
const label = testLabel();
const workerHost = lab.LOTSE_LAB_SWARM_WORKER_HOSTNAME ?? 'lotse-worker-1';
const name = (what: string): string => `lotse-test-${what}-${process.pid}`;
const network = name('net');
const web1 = `lotse-test/web:${process.pid}-1`;
const web2 = `lotse-test/web:${process.pid}-2`;
const form = (what: string, more: Partial<ServiceForm> = {}): ServiceForm =>
  ServiceForm.parse({ name: name(what), image: web1, stopGracePeriod: '1s', labels: [{ key: label.key, value: label.value }], ...more });

let engine: EngineService;
let swarm: SwarmService;
let worker: EngineService;
let workerSwarm: SwarmService;
let managerId = '';
let workerId = '';

const nodeIds = (s: SwarmSnapshot, serviceId: string): Set<string> => new Set(running(s, serviceId).map((t) => t.nodeId));

beforeAll(async () => {
  const before = await localState();
  if (before !== 'inactive') throw new Error(`the lab engine is already in a swarm (${before}); run: bash scripts/lab.sh swarm-down`);
  await swarmUp();
  engine = await connect();
  swarm = new SwarmService(engine);
  worker = await connect(WORKER.DOCKER_HOST);
  workerSwarm = new SwarmService(worker);
  // Two tags of the lab's web server, on both nodes: the worker cannot pull.
  for (const env of [{}, WORKER]) {
    await docker(['tag', lab.LOTSE_LAB_IMAGE_HTTPD!, web1], env);
    await docker(['tag', lab.LOTSE_LAB_IMAGE_HTTPD!, web2], env);
  }
  await docker(['network', 'create', '--driver', 'overlay', '--attachable', '--label', label.flag, network]);
}, 180_000);

afterAll(async () => {
  await removeServices(label.filter).catch(() => undefined);
  for (const env of [{}, WORKER]) await docker(['rmi', web1, web2, `lotse-test/only-here:${process.pid}`], env).catch(() => undefined);
  worker?.stop();
  engine?.stop();
  await swarmDown();
}, 180_000);

describe('the lab swarm: state, join, leave', () => {
  it('sees this engine as the leading manager and both nodes ready', async () => {
    const state = await swarm.state();
    expect(state).toMatchObject({ localState: 'active', manager: true, leader: true, nodes: 2, managers: 1 });
    const snapshot = await swarm.snapshot();
    expect(snapshot.nodes.map((n) => [n.hostname === workerHost ? 'worker' : 'self', n.role, n.status, n.availability])).toEqual([
      ['self', 'manager', 'ready', 'active'],
      ['worker', 'worker', 'ready', 'active'],
    ]);
    managerId = state.nodeId;
    workerId = snapshot.nodes.find((n) => n.hostname === workerHost)?.id ?? '';
    expect((await workerSwarm.state()).manager).toBe(false);
  });

  it('refuses init on a node already in a swarm and leaving as the last manager', async () => {
    await expect(swarm.init({ advertiseAddr: lab.LOTSE_LAB_SWARM_MANAGER_ADDR!, defaultAddrPool: [], autolock: false })).rejects.toMatchObject({ reason: 'swarmAlreadyMember' });
    await expect(swarm.leave(false)).rejects.toMatchObject({ reason: 'lastManager' });
    await expect(workerSwarm.tokens()).rejects.toMatchObject({ reason: 'notSwarmManager' });
  });

  it('joins with the right token only; a wrong token or an unreachable manager leaves the worker outside, not pending', async () => {
    expect((await workerSwarm.leave(false)).localState).toBe('inactive');
    const { worker: token } = await swarm.tokens();
    const wrong = `${token.slice(0, -25)}${'a'.repeat(25)}`;
    await expect(workerSwarm.join({ remoteAddr: lab.LOTSE_LAB_SWARM_MANAGER_ADDR!, token: wrong })).rejects.toMatchObject({ reason: 'joinTokenInvalid' });
    expect(await localState(WORKER)).toBe('inactive');
    await expect(workerSwarm.join({ remoteAddr: `${lab.LOTSE_LAB_SWARM_MANAGER_ADDR!}:2399`, token })).rejects.toMatchObject({ reason: 'managerUnreachable' });
    expect(await localState(WORKER)).toBe('inactive');
    // Nobody answers at .77: the engine gives up waiting and would keep trying; Lotse cancels it.
    await expect(workerSwarm.join({ remoteAddr: '192.168.231.77', token })).rejects.toMatchObject({ reason: 'joinTimeout' });
    expect(await localState(WORKER)).toBe('inactive');
    const joined = await workerSwarm.join({ remoteAddr: lab.LOTSE_LAB_SWARM_MANAGER_ADDR!, token, advertiseAddr: lab.LOTSE_LAB_SWARM_WORKER_ADDR! });
    expect(joined).toMatchObject({ localState: 'active', manager: false });
    expect(joined.remoteManagers.map((m) => m.addr)).toEqual([`${lab.LOTSE_LAB_SWARM_MANAGER_ADDR!}:2377`]);
  }, 120_000);

  it('removes the node the worker left behind (down), and not a node that is up', async () => {
    const snapshot = await until(swarm, (s) => s.nodes.filter((n) => n.hostname === workerHost).length === 2 && s.nodes.some((n) => n.id === workerId && n.status === 'down'));
    const fresh = snapshot.nodes.find((n) => n.hostname === workerHost && n.id !== workerId);
    await expect(swarm.removeNode(fresh?.id ?? '', false)).rejects.toMatchObject({ reason: 'nodeNotDown' });
    await swarm.removeNode(workerId, false);
    workerId = fresh?.id ?? '';
    const listed = (await docker(['node', 'ls', '--format', '{{.Hostname}} {{.Status}}'])).split('\n').sort();
    expect(listed).toEqual([`${await docker(['info', '--format', '{{.Name}}'])} Ready`, `${workerHost} Ready`].sort());
  });

  it('promotes and demotes (two managers are shown as no fault tolerance), sets labels, and refuses to demote the last manager', async () => {
    await swarm.updateNode(NodeUpdate.parse({ node: workerId, role: 'manager' }));
    await until(swarm, (s) => s.state.managers === 2 && s.nodes.find((n) => n.id === workerId)?.reachability === 'reachable');
    const demoted = await swarm.updateNode(NodeUpdate.parse({ node: workerId, role: 'worker', labelsAdd: { zone: 'b' } }));
    expect(demoted).toMatchObject({ role: 'worker', labels: { zone: 'b' } });
    expect(await docker(['node', 'inspect', '--format', '{{.Spec.Role}} {{index .Spec.Labels "zone"}}', workerId])).toBe('worker b');
    await until(swarm, (s) => s.state.managers === 1 && s.nodes.find((n) => n.id === workerId)?.role === 'worker');
    // Just after a demotion the raft may still count the other member: then it is the quorum the engine protects.
    await expect(swarm.updateNode(NodeUpdate.parse({ node: managerId, role: 'worker' }))).rejects.toMatchObject({ reason: expect.stringMatching(/^(lastManagerDemote|quorumLoss)$/) as string });
    expect((await swarm.state()).manager).toBe(true);
    await swarm.updateNode(NodeUpdate.parse({ node: workerId, labelsRemove: ['zone'] }));
    expect(await docker(['node', 'inspect', '--format', '{{json .Spec.Labels}}', workerId])).toBe('{}');
  }, 90_000);
});

describe('a service on both nodes: spread, drain, active, update, rollback', () => {
  let web = '';

  it('creates 4 replicas that spread over both nodes', async () => {
    const created = await swarm.createService(form('web', { replicas: 4, networks: [network], update: { parallelism: 1, delay: '2s', failureAction: 'pause', monitor: '1s', maxFailureRatio: 0, order: 'stop-first' } }));
    web = created.id;
    expect(created.warnings).toContain('imageOnEveryNode');
    const snapshot = await until(swarm, (s) => running(s, web).length === 4, 60_000, 'four running tasks');
    expect(nodeIds(snapshot, web)).toEqual(new Set([managerId, workerId]));
    expect(snapshot.services.find((s) => s.id === web)).toMatchObject({ mode: 'replicated', desired: 4, running: 4, image: web1 });
  }, 90_000);

  it('spreads requests over the tasks behind tasks.<service>, asked from a helper on the overlay network', async () => {
    const result = await swarm.loadSpread(web, 8, undefined);
    expect(result).toMatchObject({ network, port: 80 });
    const snapshot = await swarm.snapshot();
    const addresses = new Set(running(snapshot, web).map((t) => Object.values(t.addresses)[0]));
    expect(new Set(result.tasks.map((t) => t.address))).toEqual(addresses);
    expect(result.tasks.every((t) => t.answered && t.taskId !== '')).toBe(true);
    expect(new Set(result.tasks.map((t) => t.nodeId))).toEqual(new Set([managerId, workerId]));
    expect(result.requests).toHaveLength(8);
    expect(result.requests.every((r) => r.status === 200 && addresses.has(r.address))).toBe(true);
    expect(new Set(result.requests.map((r) => r.address)).size).toBeGreaterThan(1);
    expect(await docker(['ps', '-aq', '--filter', 'label=lotse.helper'])).toBe('');
  }, 90_000);

  it('previews a drain of the worker, drains it at once, and the tasks move as previewed', async () => {
    const before = await swarm.snapshot();
    const onWorker = running(before, web).filter((t) => t.nodeId === workerId);
    const preview = await swarm.drainPreview(workerId, 'drain');
    const entry = preview.services.find((s) => s.serviceId === web);
    expect(entry).toMatchObject({ outcome: 'moves', downtime: false, mode: 'replicated' });
    expect(new Set(entry?.leaving.map((l) => l.taskId))).toEqual(new Set(onWorker.map((t) => t.id)));
    expect(entry?.candidates).toEqual([expect.objectContaining({ nodeId: managerId, fits: true, image: 'present' })]);

    await swarm.updateNode(NodeUpdate.parse({ node: workerId, availability: 'drain' }));
    const after = await until(swarm, (s) => running(s, web).length === 4 && nodeIds(s, web).size === 1 && nodeIds(s, web).has(managerId), 60_000, 'all tasks on the manager');
    for (const moved of onWorker) expect(after.tasks.find((t) => t.id === moved.id)?.desiredState).toBe('shutdown');
    expect(await docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.id=${web}`], WORKER)).toBe('');
  }, 90_000);

  it('set active again, the worker stays empty until the service is scaled', async () => {
    await swarm.updateNode(NodeUpdate.parse({ node: workerId, availability: 'active' }));
    await new Promise((r) => setTimeout(r, 3000));
    expect(nodeIds(await swarm.snapshot(), web)).toEqual(new Set([managerId]));
    await swarm.scale(web, 6);
    const scaled = await until(swarm, (s) => running(s, web).length === 6, 60_000, 'six running tasks');
    expect(running(scaled, web).filter((t) => t.nodeId === workerId).length).toBeGreaterThan(0);
  }, 90_000);

  it('rolls out a new image one task at a time with the delay; the timeline follows the task history', async () => {
    const seen: number[] = [];
    const stop = swarm.watch((s) => {
      if (s.converging) seen.push(s.at);
    });
    await swarm.updateService(web, { image: web2, force: false });
    const done = await until(swarm, (s) => s.services.find((x) => x.id === web)?.update?.state === 'completed', 90_000, 'the update to complete');
    stop();
    expect(running(done, web).every((t) => t.image === web2)).toBe(true);
    const timeline = await swarm.timeline(web);
    expect(timeline).toMatchObject({ kind: 'update', fromImage: web1, toImage: web2, parallelism: 1, delayMs: 2000, order: 'stop-first', live: false, completedShort: false });
    expect(timeline.batches).toHaveLength(6);
    expect(timeline.batches.every((b) => b.taskIds.length === 1)).toBe(true);
    for (let i = 1; i < timeline.batches.length; i++) {
      expect(timeline.batches[i]!.startedAt - timeline.batches[i - 1]!.startedAt).toBeGreaterThanOrEqual(2000);
    }
    // The engine's own history (docker service ps, docker inspect): the fresh tasks in the order they were made.
    const ids = (await docker(['service', 'ps', '-q', '--no-trunc', web])).split('\n');
    const made = (await docker(['inspect', '--format', '{{json .CreatedAt}} {{.ID}} {{.Spec.ContainerSpec.Image}}', ...ids]))
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, , image]) => image?.startsWith(web2))
      .sort(([a = ''], [b = '']) => Date.parse(JSON.parse(a) as string) - Date.parse(JSON.parse(b) as string))
      .map(([, id]) => id);
    expect(timeline.batches.flatMap((b) => b.taskIds)).toEqual(made);
    // Every slot: the old task stopped before its replacement ran (stop-first), all six visible as rows.
    expect(timeline.rows).toHaveLength(6);
    expect(timeline.overlaps).toBe(0);
    expect(timeline.rows.every((r) => r.tasks.some((t) => !t.fresh && t.image === web1 && t.desiredState === 'shutdown'))).toBe(true);
    // While it ran, Lotse read on a timer (no task events exist).
    expect(seen.length).toBeGreaterThan(5);
  }, 120_000);

  it('rolls back to the previous image', async () => {
    const summary = await swarm.rollback(web);
    expect(summary.update?.state).toBe('rollback_started');
    const done = await until(swarm, (s) => s.services.find((x) => x.id === web)?.update?.state === 'rollback_completed', 90_000, 'the rollback to complete');
    expect(running(done, web).every((t) => t.image === web1)).toBe(true);
    expect(await docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', web])).toBe(web1);
    expect((await swarm.timeline(web)).kind).toBe('rollback');
  }, 120_000);

  it('previews and removes the service', async () => {
    const preview = await swarm.removePreview(web);
    expect(preview.tasks).toHaveLength(6);
    await swarm.removeService(web);
    await expect(swarm.inspectService(web)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'noSuchService' });
  });
});

describe('bad input on two nodes', () => {
  it('an image only on the manager: tasks on the worker are rejected, and the preview knows the worker lacks it', async () => {
    const only = `lotse-test/only-here:${process.pid}`;
    await docker(['tag', lab.LOTSE_LAB_IMAGE_BUSYBOX!, only]);
    const { id } = await swarm.createService(form('only-here', { image: only, replicas: 2, command: ['sleep', '600'] }));
    const snapshot = await until(swarm, (s) => s.tasks.some((t) => t.serviceId === id && t.nodeId === workerId && /No such image/.test(t.err)), 60_000, 'a rejected task on the worker');
    expect(running(snapshot, id).every((t) => t.nodeId === managerId)).toBe(true);
    const preview = await swarm.drainPreview(managerId, 'drain');
    const entry = preview.services.find((s) => s.serviceId === id);
    expect(entry?.outcome).toBe('pending');
    expect(entry?.candidates[0]).toMatchObject({ nodeId: workerId, fits: false, image: 'missing', blockers: [{ kind: 'imageMissing', detail: only }] });
    await swarm.removeService(id);
  }, 90_000);

  it('draining the only active node: the preview says the tasks will stay pending', async () => {
    const { id } = await swarm.createService(form('alone', { replicas: 2 }));
    await until(swarm, (s) => running(s, id).length === 2, 60_000, 'two running tasks');
    await swarm.updateNode(NodeUpdate.parse({ node: workerId, availability: 'pause' }));
    try {
      const preview = await swarm.drainPreview(managerId, 'drain');
      const entry = preview.services.find((s) => s.serviceId === id);
      expect(entry?.outcome).toBe('pending');
      expect(entry?.candidates[0]?.blockers[0]).toMatchObject({ kind: 'unavailable' });
      expect(preview.plainContainers).toBeGreaterThanOrEqual(0);
    } finally {
      await swarm.updateNode(NodeUpdate.parse({ node: workerId, availability: 'active' }));
      await swarm.removeService(id);
    }
  }, 90_000);
});

describe('leaving', () => {
  it('the worker leaves; its node goes down on the manager; the manager leaves with force', async () => {
    expect((await workerSwarm.leave(false)).localState).toBe('inactive');
    await until(swarm, (s) => s.nodes.find((n) => n.id === workerId)?.status === 'down', 60_000, 'the worker to be down');
    await swarm.removeNode(workerId, false);
    await expect(swarm.leave(false)).rejects.toMatchObject({ reason: 'lastManager' });
    expect((await swarm.leave(true)).localState).toBe('inactive');
  }, 90_000);
});
