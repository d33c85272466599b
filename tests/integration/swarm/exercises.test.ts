import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExerciseCheck } from '@shared/dto/learn';

import type { EngineService } from '../../../electron/services/docker/engine';
import { LearnService } from '../../../electron/services/learn/learn';
import { docker, testLabel } from '../../support/lab';
import { connect, lab, localState, removeServices, swarmDown, swarmUp, WORKER } from './lab';

// Exercises 11, 12 and 13: each check fails on a clean engine and passes after the exercise's steps,
// done with the docker CLI as a learner would (the lab script's swarm-up is exercise 11's init and join).
const label = testLabel();
const hello = `lotse-test-hello-${process.pid}`;
const web = `lotse-test-web-${process.pid}`;
const web1 = `lotse-test/ex-web:${process.pid}-1`;
const web2 = `lotse-test/ex-web:${process.pid}-2`;
let engine: EngineService;
let learn: LearnService;
let since = 0;

const outcome = (check: ExerciseCheck): [string, boolean, string][] => check.checks.map((c) => [c.id, c.passed, c.reason]);
const service = (...args: string[]): Promise<string> => docker(['service', ...args]);

beforeAll(async () => {
  const before = await localState();
  if (before !== 'inactive') throw new Error(`the lab engine is already in a swarm (${before}); run: bash scripts/lab.sh swarm-down`);
  engine = await connect();
  learn = new LearnService(engine);
  since = Date.now() - 1000;
});

afterAll(async () => {
  await removeServices(label.filter).catch(() => undefined);
  for (const env of [{}, WORKER]) await docker(['rmi', web1, web2], env).catch(() => undefined);
  engine.stop();
  await swarmDown();
}, 180_000);

describe('the Swarm exercises, checked against the live swarm', () => {
  it('all fail on a clean engine: it is in no swarm', async () => {
    for (const id of ['swarm-setup', 'distributed-webserver', 'rolling-update']) {
      const check = await learn.check(id, since);
      expect(check.checks.every((c) => !c.passed && c.reason === 'swarm-not-active'), id).toBe(true);
    }
  });

  it('11: two nodes and a service with a running task', async () => {
    await swarmUp();
    expect(outcome(await learn.check('swarm-setup', since))).toEqual([
      ['swarm-active-with-two-nodes', true, 'swarm-two-nodes'],
      ['service-has-running-tasks', false, 'no-service'],
    ]);
    await service('create', '--replicas', '1', '--name', hello, '--label', label.flag, '--stop-grace-period', '1s', lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sleep', '600');
    const done = await learn.check('swarm-setup', since);
    expect(outcome(done)).toEqual([
      ['swarm-active-with-two-nodes', true, 'swarm-two-nodes'],
      ['service-has-running-tasks', true, 'service-running'],
    ]);
    expect(done.checks[0]?.facts.nodes).toContain(lab.LOTSE_LAB_SWARM_WORKER_HOSTNAME);
  }, 180_000);

  it('12: a web service with a published port, 4 replicas on both nodes, then scaled to 1', async () => {
    expect(outcome(await learn.check('distributed-webserver', since)).map(([, passed, reason]) => [passed, reason])).toEqual([
      [false, 'no-published-service'],
      [false, 'no-published-service'],
    ]);
    for (const env of [{}, WORKER]) await docker(['tag', lab.LOTSE_LAB_IMAGE_HTTPD!, web1], env);
    await service('create', '--name', web, '--replicas', '4', '--publish', 'published=18440,target=80', '--label', label.flag, '--stop-grace-period', '1s', web1);
    expect(outcome(await learn.check('distributed-webserver', since))).toEqual([
      ['service-scaled-from-4-to-1', false, 'service-not-scaled-down'],
      ['tasks-placed-across-nodes', true, 'tasks-on-nodes'],
    ]);
    await service('scale', `${web}=1`);
    // The tasks of the slots scaled away are gone from the engine; what ran where was seen before.
    expect((await service('ps', '-q', web)).split('\n')).toHaveLength(1);
    expect(outcome(await learn.check('distributed-webserver', since))).toEqual([
      ['service-scaled-from-4-to-1', true, 'scaled-four-to-one'],
      ['tasks-placed-across-nodes', true, 'tasks-on-nodes'],
    ]);
  }, 180_000);

  it('13: scaled up, a delay set, a new tag rolled out task by task', async () => {
    expect(outcome(await learn.check('rolling-update', since)).map(([, passed, reason]) => [passed, reason])).toEqual([
      [false, 'image-not-updated'],
      [false, 'image-not-updated'],
    ]);
    for (const env of [{}, WORKER]) await docker(['tag', lab.LOTSE_LAB_IMAGE_HTTPD!, web2], env);
    await service('scale', `${web}=4`);
    // Without a delay first: the check names the missing delay.
    await service('update', '--update-parallelism', '2', '--image', web2, web);
    expect(outcome(await learn.check('rolling-update', since))).toEqual([
      ['service-image-updated', true, 'image-updated'],
      ['tasks-replaced-sequentially-with-delay', false, 'no-update-delay'],
    ]);
    await service('update', '--update-delay', '3s', '--update-parallelism', '1', web);
    await service('update', '--image', web1, web);
    // The CLI returns once the tasks run; the engine calls the update completed a monitor period later.
    await expect.poll(() => service('inspect', '--format', '{{.UpdateStatus.State}}', web), { timeout: 30_000, interval: 500 }).toBe('completed');
    const done = await learn.check('rolling-update', since);
    expect(outcome(done)).toEqual([
      ['service-image-updated', true, 'image-updated'],
      ['tasks-replaced-sequentially-with-delay', true, 'replaced-with-delay'],
    ]);
    expect(done.checks[1]?.facts).toMatchObject({ service: web, delay: '3s', count: '4' });
  }, 180_000);
});
