import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SessionEvent } from '@shared/dto/containers';
import type { KubeLogBatch } from '@shared/dto/kube';

import type { TestCluster } from '../practice-cluster/harness';
import { CONTEXT, serviceFor, startCluster, waitFor } from './support';

/** Pod logs (follow, previous) and an exec terminal through client-node, against pods running as containers. */
const NS = 'kube-streams';
let t: TestCluster;
let kube: ReturnType<typeof serviceFor>;

beforeAll(async () => {
  t = await startCluster({ runtime: 'docker', docker: new Docker({ socketPath: '/var/run/docker.sock' }) });
  await t.k(['create', 'namespace', NS]);
  await t.k(['apply', '-f', '-'], {
    input: `apiVersion: v1
kind: Pod
metadata: {name: talker, namespace: ${NS}}
spec:
  containers:
    - name: main
      image: ubuntu
      imagePullPolicy: IfNotPresent
      command: ["/bin/bash", "-c", "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done"]
`,
  });
  await waitFor('talker running', async () => (await t.k(['get', 'pod', 'talker', '-n', NS, '-o', 'jsonpath={.status.phase}'])) === 'Running' || undefined, 60_000);
  kube = serviceFor([t.cluster.kubeconfigPath]);
});
afterAll(async () => {
  await kube?.dispose();
  await t?.stop();
});

describe('logs and exec', () => {
  it('follows a log in batches of lines; previous of a container that never restarted says why not', async () => {
    const batches: KubeLogBatch[] = [];
    const stop = kube.service.logs(CONTEXT, { namespace: NS, pod: 'talker', container: 'main', follow: true, previous: false, tail: 2 }, (b) => batches.push(b), () => undefined);
    await waitFor('5 lines', () => batches.flatMap((b) => b.lines).length >= 5 || undefined, 15_000);
    stop();
    const lines = batches.flatMap((b) => b.lines);
    expect(lines.every((l) => /^line \d+$/.test(l))).toBe(true);
    const numbers = lines.map((l) => Number(l.split(' ')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    const previous: KubeLogBatch[] = [];
    let ended = false;
    kube.service.logs(CONTEXT, { namespace: NS, pod: 'talker', container: 'main', follow: false, previous: true }, (b) => previous.push(b), () => (ended = true));
    await waitFor('the refusal', () => ended || undefined, 15_000);
    expect(previous.at(-1)).toMatchObject({ ended: true, error: { code: 'INVALID_PARAMS' } });
    expect(previous.at(-1)?.error?.detail).toMatch(/previous terminated container/);
  });

  it('runs a command in a terminal and reports its exit code', async () => {
    const { session } = kube.service.openSession(CONTEXT, { namespace: NS, pod: 'talker', container: 'main', command: ['sh'], cols: 100, rows: 30 });
    const events: SessionEvent[] = [];
    const stop = kube.service.runSession(session, (e) => events.push(e));
    kube.service.sessions.input(session, 'echo hello-$((40+2)); exit 3\n');
    await waitFor('the exit', () => events.some((e) => e.exit) || undefined, 15_000);
    stop();
    expect(events.map((e) => e.data ?? '').join('')).toContain('hello-42');
    expect(events.find((e) => e.exit)?.exit).toMatchObject({ code: 3 });
  });
});
