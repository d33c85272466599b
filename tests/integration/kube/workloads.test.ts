import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestCluster } from '../practice-cluster/harness';
import { CONTEXT, serviceFor, startCluster, waitFor } from './support';

/**
 * Scale, set image, rollout history and undo (the old ReplicaSet reused, its revision number gone), restart,
 * pause and the step-through rollout, against the practice cluster running real containers.
 */
const NS = 'kube-workloads';
let t: TestCluster;
let kube: ReturnType<typeof serviceFor>;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${NS}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: IfNotPresent
`;

beforeAll(async () => {
  t = await startCluster({ runtime: 'docker', docker: new Docker({ socketPath: '/var/run/docker.sock' }) });
  await t.k(['create', 'namespace', NS]);
  await t.k(['apply', '-f', '-'], { input: deployment });
  kube = serviceFor([t.cluster.kubeconfigPath]);
});
afterAll(async () => {
  await kube?.dispose();
  await t?.stop();
});

const status = async (): Promise<{ replicas: number; updated: number; available: number; image: string; paused: boolean }> => {
  const d = JSON.parse(await t.k(['get', 'deployment', 'web', '-n', NS, '-o', 'json'])) as {
    spec: { replicas: number; paused?: boolean; template: { spec: { containers: { image: string }[] } } };
    status: { replicas?: number; updatedReplicas?: number; availableReplicas?: number };
  };
  return {
    replicas: d.spec.replicas,
    updated: d.status.updatedReplicas ?? 0,
    available: d.status.availableReplicas ?? 0,
    image: d.spec.template.spec.containers[0]!.image,
    paused: d.spec.paused === true,
  };
};
const settled = (replicas: number, image: string) =>
  waitFor(`${replicas} × ${image} available`, async () => {
    const s = await status();
    return s.replicas === replicas && s.updated === replicas && s.available === replicas && s.image === image ? s : undefined;
  }, 60_000);

describe('workloads', () => {
  it('scales a Deployment through the scale subresource', async () => {
    await settled(2, 'nginx');
    expect(await kube.service.scale(CONTEXT, 'deployments', NS, 'web', 3)).toEqual({ replicas: 3 });
    await settled(3, 'nginx');
  });

  it('sets an image, keeps the history, and undo reuses the old ReplicaSet under a new revision number', async () => {
    await kube.service.setImage(CONTEXT, NS, 'web', 'web', 'lotse-lab/httpd:1.0');
    await settled(3, 'lotse-lab/httpd:1.0');
    let history = await kube.service.history(CONTEXT, NS, 'web');
    expect(history.revisions.map((r) => [r.revision, r.images, r.current])).toEqual([
      [1, ['nginx'], false],
      [2, ['lotse-lab/httpd:1.0'], true],
    ]);
    expect(history.revisions[0]!.template).toContain('image: nginx');
    expect(history.revisions[0]!.template).not.toContain('pod-template-hash');
    const first = history.revisions[0]!.replicaSet;

    expect(await kube.service.undo(CONTEXT, NS, 'web')).toEqual({ outcome: 'rolled-back', revision: 1 });
    await settled(3, 'nginx');
    history = await kube.service.history(CONTEXT, NS, 'web');
    expect(history.revisions.map((r) => [r.revision, r.replicaSet === first, r.earlier])).toEqual([
      [2, false, []],
      [3, true, [1]],
    ]);
    // Rolling back to what runs already changes nothing.
    expect(await kube.service.undo(CONTEXT, NS, 'web', 3)).toEqual({ outcome: 'unchanged', revision: 3 });
    await expect(kube.service.undo(CONTEXT, NS, 'web', 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(kube.service.setImage(CONTEXT, NS, 'web', 'nope', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('restart makes a new revision', async () => {
    await kube.service.rollout(CONTEXT, NS, 'web', 'restart');
    await waitFor('revision 4', async () => (await kube.service.history(CONTEXT, NS, 'web')).revisions.some((r) => r.revision === 4 && r.current) || undefined, 30_000);
    await settled(3, 'nginx');
  });

  it('step-through: paused, one replacement per step, done at the end', async () => {
    await kube.service.rollout(CONTEXT, NS, 'web', 'pause');
    await kube.service.setImage(CONTEXT, NS, 'web', 'web', 'lotse-lab/httpd:1.0');
    // Paused: nothing is replaced yet.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await status()).updated).toBe(0);
    const steps: string[] = [];
    for (let i = 0; i < 6; i++) {
      const step = await kube.service.step(CONTEXT, NS, 'web');
      steps.push(`${step.outcome}:${step.updated}`);
      if (step.outcome !== 'paused') break;
      expect((await status()).paused).toBe(true);
    }
    expect(steps.at(-1)).toBe('done:3');
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps[0]).toMatch(/^paused:[12]$/);
    await settled(3, 'lotse-lab/httpd:1.0');
    expect((await status()).paused).toBe(false);
  });
});
