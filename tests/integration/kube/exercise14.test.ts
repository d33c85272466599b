import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { kubeExerciseChecks } from '../../../electron/services/learn/checks/kube';
import type { TestCluster } from '../practice-cluster/harness';
import { CONTEXT, serviceFor, startCluster, waitFor } from './support';

/**
 * Exercise 14's live check: it fails on a clean practice cluster and passes once the course's steps are
 * done with kubectl (the course's manifests, their YAML mended), pods running as real containers.
 */
const COURSE = join(import.meta.dirname, '..', 'practice-cluster', 'course');
let t: TestCluster;
let kube: ReturnType<typeof serviceFor>;

beforeAll(async () => {
  t = await startCluster({ runtime: 'docker', docker: new Docker({ socketPath: '/var/run/docker.sock' }) });
  kube = serviceFor([t.cluster.kubeconfigPath]);
});
afterAll(async () => {
  await kube?.dispose();
  await t?.stop();
});

async function run(): Promise<Record<string, string>> {
  await kube.service.state(CONTEXT);
  const reader = await kube.service.reader();
  const out: Record<string, string> = {};
  for (const [id, check] of Object.entries(kubeExerciseChecks['kubernetes-entenhausen']!)) {
    const result = await check(reader);
    out[id] = `${result.passed ? 'pass' : 'fail'}:${result.reason}`;
  }
  return out;
}

describe('exercise 14 (entenhausen)', () => {
  it('fails on a clean cluster', async () => {
    expect(await run()).toEqual({
      'entenhausen-objects-exist': 'fail:objects-missing',
      'deployments-replicas-ready': 'fail:replicas-not-ready',
      'network-policies-select-correctly': 'fail:policies-missing',
    });
  });

  it("passes after the course's steps, done with kubectl", async () => {
    await t.k(['create', 'namespace', 'entenhausen']);
    for (const file of readdirSync(COURSE).filter((f) => f.endsWith('.yml')).sort()) {
      await t.k(['create', '-f', '-'], { input: readFileSync(join(COURSE, file), 'utf8') });
    }
    await waitFor(
      '5 + 5 pods ready',
      async () => {
        const out = await t.k(['get', 'deployments', '-n', 'entenhausen', '-o', 'jsonpath={range .items[*]}{.status.readyReplicas}{" "}{end}']);
        return out.trim() === '5 5' || undefined;
      },
      90_000,
    );
    expect(await run()).toEqual({
      'entenhausen-objects-exist': 'pass:objects-exist',
      'deployments-replicas-ready': 'pass:replicas-ready',
      'network-policies-select-correctly': 'pass:policies-correct',
    });
  });

  it('a policy that lets everything in is found out', async () => {
    await t.k(['patch', 'networkpolicy', 'allow-pod', '-n', 'entenhausen', '--type=merge', '-p', '{"spec":{"ingress":[{}]}}']);
    const reader = await kube.service.reader();
    const result = await kubeExerciseChecks['kubernetes-entenhausen']!['network-policies-select-correctly']!(reader);
    expect(result).toMatchObject({ passed: false, reason: 'policies-wrong' });
    expect(result.facts.problem).toContain('nginx → nginx must be denied');
  });
});
