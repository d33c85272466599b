import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { courseManifests } from '@shared/kube/course';

import { kubeExerciseChecks, policyProblems } from '../../../electron/services/learn/checks/kube';
import { fromYaml, make, pod } from './fixtures';

const exercise = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'exercises', '14-kubernetes-entenhausen.json'), 'utf8')) as { id: string; checks: { id: string }[] };
const policies = courseManifests
  .filter((m) => m.file.includes('NetworkPolicy'))
  .flatMap((m) => fromYaml(m.text))
  .map((raw) => make('networkpolicies', raw));
const [deny, allow] = policies as [NonNullable<(typeof policies)[number]>, NonNullable<(typeof policies)[number]>];
const namespaces = [['entenhausen', {}] as const];

describe("exercise 14's check", () => {
  it('has a function for each check of the exercise file', () => {
    expect(Object.keys(kubeExerciseChecks[exercise.id] ?? {}).sort()).toEqual(exercise.checks.map((c) => c.id).sort());
  });

  it("finds nothing wrong with the course's policies, from templates or live pods", () => {
    expect(policyProblems(deny, allow, namespaces, [], {})).toEqual([]);
    const pods = [pod('nginx-1', 'entenhausen', { app: 'nginx', 'pod-template-hash': 'a' }), pod('ubuntu2-1', 'entenhausen', { app: 'ubuntu2', 'pod-template-hash': 'b' })];
    expect(policyProblems(deny, allow, namespaces, pods, {})).toEqual([]);
  });

  it('says what is wrong with policies that allow too much or too little', () => {
    const allowAll = { ...allow, ingress: [{ peers: [], ports: [] }] };
    expect(policyProblems(deny, allowAll, namespaces, [], {})).toEqual(['only port 80 may be open to nginx', 'nginx → nginx must be denied', 'pods of other namespaces must not reach nginx']);
    const wrongSelector = { ...allow, podSelector: { matchLabels: { app: 'ubuntu2' }, matchExpressions: [] } };
    expect(policyProblems(deny, wrongSelector, namespaces, [], {})).toContain('allow-pod must select the nginx pods');
    const egressOnly = { ...deny, policyTypes: ['Egress'] };
    expect(policyProblems(egressOnly, allow, namespaces, [], {})[0]).toBe('default-deny must select every pod (podSelector: {}) for Ingress');
  });

  it('without a cluster, every check says so', async () => {
    for (const check of Object.values(kubeExerciseChecks[exercise.id] ?? {})) expect(await check(undefined)).toEqual({ passed: false, reason: 'no-cluster', facts: {} });
  });
});
