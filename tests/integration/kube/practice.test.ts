import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { KubeService } from '../../../electron/services/kube/kube';
import { PRACTICE_CONTEXT, PracticeLauncher } from '../../../electron/services/kube/practice';

/** The Kubernetes area starts the practice cluster as a child process, shows it as a context while it runs, and stops it. */
const dir = mkdtempSync(join(tmpdir(), 'lotse-practice-launch-'));
const service = new KubeService({
  kubeconfig: { env: { KUBECONFIG: join(dir, 'none.yaml') }, home: dir },
  practice: new PracticeLauncher({ dataDir: join(dir, 'practice'), port: 0, noRuntime: true }),
  searchPath: () => Promise.resolve(process.env.PATH ?? ''),
});
afterAll(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the practice cluster from the Kubernetes area', () => {
  it('is offered when no context exists, starts, shows as a context, answers, and stops', async () => {
    expect((await service.contexts()).contexts).toEqual([]);
    const running = await service.startPractice();
    expect(running).toMatchObject({ status: 'running', ownedByLotse: true, context: PRACTICE_CONTEXT });
    expect(running.kubeconfig).toBe(join(dir, 'practice', 'kubeconfig'));
    expect((await service.contexts()).contexts.map((c) => [c.name, c.practice])).toEqual([[PRACTICE_CONTEXT, true]]);
    expect(await service.state(PRACTICE_CONTEXT)).toMatchObject({ status: 'connected', version: 'v1.32.4' });
    expect((await service.overview(PRACTICE_CONTEXT)).policyEnforcement).toBe('no');
    expect(await service.stopPractice()).toMatchObject({ status: 'stopped' });
    expect((await service.contexts()).contexts).toEqual([]);
  });
});
