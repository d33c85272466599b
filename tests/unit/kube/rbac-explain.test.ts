import { describe, expect, it } from 'vitest';

import { canICommand, scaleCommand, drainCommand } from '@shared/cli/kube';
import { courseManifests } from '@shared/kube/course';
import { examine } from '@shared/kube/doctor';
import { eventFacts, explainPod, parseSchedulingMessage } from '@shared/kube/explain';
import { grantsOf, type RbacWorld, subjectsOf, whoAllows } from '@shared/kube/rbac';

import { make, pod } from './fixtures';

const clusterAdmin = make('clusterroles', { metadata: { name: 'cluster-admin' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }] });
const podReader = make('roles', { metadata: { name: 'pod-reader', namespace: 'team' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] });
// The course's binding, read through the doctor's mending.
const courseBinding = make('clusterrolebindings', examine(examine(courseManifests.find((m) => m.file === 'clusterRoleBinding.yml')!.text).mended).docs[0]!.object!);

describe('RBAC in plain words', () => {
  const world: RbacWorld = {
    roles: [podReader],
    clusterRoles: [clusterAdmin],
    roleBindings: [
      make('rolebindings', { metadata: { name: 'read-pods', namespace: 'team' }, roleRef: { kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'Group', name: 'system:serviceaccounts:team' }] }),
      make('rolebindings', { metadata: { name: 'dangling', namespace: 'team' }, roleRef: { kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', name: 'jane' }] }),
    ],
    clusterRoleBindings: [courseBinding],
  };

  it("the course's donald holds cluster-admin everywhere", () => {
    const grants = grantsOf(world, { kind: 'ServiceAccount', name: 'donald', namespace: 'entenhausen' });
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ binding: { kind: 'ClusterRoleBinding', name: 'donaldAdminBinding' }, role: { name: 'cluster-admin' }, scope: '*', via: 'self', everything: true });
    expect(whoAllows(grants, { verb: 'delete', group: '', resource: 'nodes' })?.binding.name).toBe('donaldAdminBinding');
    expect(whoAllows(grants, { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'kube-system' })).toBeDefined();
  });

  it('a group binding reaches every service account of a namespace, only there and only what the role lists', () => {
    const grants = grantsOf(world, { kind: 'ServiceAccount', name: 'builder', namespace: 'team' });
    expect(grants.map((g) => [g.binding.name, g.via])).toEqual([['read-pods', 'system:serviceaccounts:team']]);
    expect(whoAllows(grants, { verb: 'get', group: '', resource: 'pods/log', namespace: 'team' })).toBeDefined();
    expect(whoAllows(grants, { verb: 'delete', group: '', resource: 'pods', namespace: 'team' })).toBeUndefined();
    expect(whoAllows(grants, { verb: 'get', group: '', resource: 'pods', namespace: 'other' })).toBeUndefined();
    expect(grantsOf(world, { kind: 'ServiceAccount', name: 'builder', namespace: 'other' })).toEqual([]);
  });

  it('a binding to a role that does not exist grants nothing, and says so', () => {
    const grants = grantsOf(world, { kind: 'User', name: 'jane' });
    expect(grants[0]).toMatchObject({ roleMissing: true, rules: [] });
  });

  it('lists the subjects bindings name', () => {
    expect(subjectsOf(world).map((s) => `${s.kind}:${s.namespace ?? ''}:${s.name}`)).toEqual(['Group::system:serviceaccounts:team', 'ServiceAccount:entenhausen:donald', 'User::jane']);
  });

  it('the commands', () => {
    expect(canICommand({ namespace: 'team' }, 'delete', 'pods', { kind: 'ServiceAccount', name: 'builder', namespace: 'team' })).toBe('kubectl auth can-i delete pods --as=system:serviceaccount:team:builder -n team');
    expect(scaleCommand({ namespace: 'entenhausen' }, 'deployment', 'nginx-deployment', 8)).toBe('kubectl scale deployment/nginx-deployment --replicas=8 -n entenhausen');
    expect(drainCommand({ context: 'my ctx' }, 'w1', { ignoreDaemonsets: true, timeout: 60 })).toBe("kubectl --context 'my ctx' drain w1 --ignore-daemonsets --timeout=60s");
  });
});

describe('pods explained', () => {
  it('Pending: which scheduling rule keeps it off each node', () => {
    const message = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(parseSchedulingMessage(message)).toEqual({
      available: 0,
      total: 3,
      reasons: [
        { rule: 'taint', nodes: 1, detail: 'node-role.kubernetes.io/control-plane:' },
        { rule: 'cordoned', nodes: 2 },
      ],
    });
    const pending = pod('p', 'ns', {}, { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] } });
    expect(explainPod(pending)).toMatchObject({ code: 'unschedulable', params: { available: 0, total: 3 } });
  });

  it('ImagePullBackOff with the image and what the engine said; CrashLoopBackOff with the last exit code', () => {
    const pull = pod('p', 'ns', {}, {
      node: 'w1',
      status: { phase: 'Pending', containerStatuses: [{ name: 'c', image: 'nginx:nope', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:nope": manifest unknown' } } }] },
    });
    expect(explainPod(pull)).toMatchObject({ code: 'image-pull', container: 'c', params: { image: 'nginx:nope', reason: 'ImagePullBackOff', message: expect.stringContaining('manifest unknown') as unknown } });
    const crash = pod('p', 'ns', {}, {
      node: 'w1',
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'c', image: 'ubuntu', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 127, reason: 'Error' } } }],
      },
    });
    expect(explainPod(crash)).toMatchObject({ code: 'crash-loop', params: { restarts: 4, exitCode: 127, lastReason: 'Error' } });
    expect(explainPod(pod('p', 'ns', {}, { node: 'w1' }))).toMatchObject({ code: 'running', params: { node: 'w1' } });
  });

  it("events' facts for their sentences", () => {
    const event = make('events', { metadata: { name: 'e', namespace: 'ns' }, involvedObject: { kind: 'Deployment', name: 'web' }, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-6d4cf56db6 to 5 from 3', type: 'Normal' });
    expect(eventFacts(event)).toMatchObject({ direction: 'up', replicaSet: 'web-6d4cf56db6', to: '5', from: '3' });
    const scheduled = make('events', { metadata: { name: 'e2', namespace: 'ns' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Scheduled', message: 'Successfully assigned ns/p to lotse-worker2' });
    expect(eventFacts(scheduled).node).toBe('lotse-worker2');
  });
});
