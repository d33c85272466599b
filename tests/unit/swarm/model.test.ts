import { describe, expect, it } from 'vitest';

import type { NodeSummary, ServiceSummary, TaskSummary } from '@shared/dto/swarm';

import { splitDetails } from '../../../electron/services/swarm/logs';
import { drainPreview, matchesConstraint } from '../../../electron/services/swarm/placement';
import type { RawService } from '../../../electron/services/swarm/read';
import { buildTimeline } from '../../../electron/services/swarm/timeline';

const T0 = Date.parse('2026-01-01T10:00:00Z');

function makeNode(id: string, more: Partial<NodeSummary> = {}): NodeSummary {
  return {
    id,
    hostname: id,
    role: 'worker',
    leader: false,
    reachability: '',
    availability: 'active',
    status: 'ready',
    statusMessage: '',
    address: '10.0.0.1',
    engineVersion: '20.10.24',
    os: 'linux',
    architecture: 'x86_64',
    cpus: 2,
    memoryBytes: 2 * 1024 ** 3,
    labels: {},
    engineLabels: {},
    self: false,
    version: 1,
    ...more,
  };
}

function makeTask(id: string, more: Partial<TaskSummary> = {}): TaskSummary {
  return {
    id,
    serviceId: 'svc',
    slot: 1,
    nodeId: 'a',
    image: 'web:1',
    desiredState: 'running',
    state: 'running',
    message: '',
    err: '',
    createdAt: T0,
    stateAt: T0 + 1000,
    containerId: '',
    addresses: {},
    ...more,
  };
}

function makeRawService(more: Partial<RawService['Spec']> = {}, id = 'svc'): RawService {
  return { ID: id, Spec: { Name: id, Mode: { Replicated: { Replicas: 2 } }, TaskTemplate: { ContainerSpec: { Image: 'web:1@sha256:abc' } }, ...more } };
}

function makeService(more: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    id: 'svc',
    name: 'web',
    mode: 'replicated',
    desired: 3,
    running: 3,
    image: 'web:2',
    ports: [],
    labels: {},
    createdAt: T0 - 60_000,
    updatedAt: T0,
    version: 10,
    canRollback: true,
    updateConfig: { parallelism: 1, delay: '10s', failureAction: 'pause', monitor: '5s', maxFailureRatio: 0, order: 'stop-first' },
    networks: [],
    ...more,
  };
}

describe('constraints and the drain preview', () => {
  it('matches constraints as the scheduler does', () => {
    const node = makeNode('n1', { hostname: 'Host-1', role: 'manager', labels: { zone: 'a' } });
    expect(matchesConstraint(node, { key: 'node.role', operator: '==', value: 'manager' })).toBe(true);
    expect(matchesConstraint(node, { key: 'node.hostname', operator: '==', value: 'host-1' })).toBe(true);
    expect(matchesConstraint(node, { key: 'node.labels.zone', operator: '!=', value: 'A' })).toBe(true);
    expect(matchesConstraint(node, { key: 'node.labels.disk', operator: '==', value: 'ssd' })).toBe(false);
    expect(matchesConstraint(node, { key: 'node.labels.disk', operator: '!=', value: 'ssd' })).toBe(true);
  });

  const facts = { localImages: new Set(['web:1']), reservations: new Map<string, { cpus: number; memory: number }>() };

  it('moves replicated tasks to a node that fits and says when nothing else runs meanwhile', () => {
    const nodes = [makeNode('a', { self: true, role: 'manager' }), makeNode('b')];
    const tasks = [makeTask('t1', { nodeId: 'b' }), makeTask('t2', { nodeId: 'b', slot: 2 })];
    const preview = drainPreview(nodes[1]!, 'drain', nodes, [makeRawService()], tasks, facts);
    expect(preview.services).toEqual([
      expect.objectContaining({
        serviceName: 'svc',
        leaving: [
          { taskId: 't1', slot: 1, image: 'web:1' },
          { taskId: 't2', slot: 2, image: 'web:1' },
        ],
        outcome: 'moves',
        downtime: true,
        candidates: [expect.objectContaining({ nodeId: 'a', fits: true, image: 'present', room: null })],
      }),
    ]);
    expect(drainPreview(nodes[1]!, 'pause', nodes, [makeRawService()], tasks, facts).services).toEqual([]);
  });

  it('keeps tasks pending where no node may take them: unavailable, constraints, resources, a missing image', () => {
    const nodes = [makeNode('a', { availability: 'pause' }), makeNode('b'), makeNode('c', { labels: { zone: 'x' } })];
    const tasks = [makeTask('t1', { nodeId: 'b' }), makeTask('old', { nodeId: 'c', state: 'rejected', desiredState: 'shutdown', err: 'No such image: web:1' })];
    const service = makeRawService({ TaskTemplate: { ContainerSpec: { Image: 'web:1' }, Placement: { Constraints: ['node.labels.zone==x'] }, Resources: { Reservations: { NanoCPUs: 3e9 } } } });
    const [entry] = drainPreview(nodes[1]!, 'drain', nodes, [service], tasks, facts).services;
    expect(entry?.outcome).toBe('pending');
    expect(entry?.candidates.map((c) => [c.nodeId, c.blockers.map((b) => b.kind)])).toEqual([
      ['a', ['unavailable', 'constraint', 'resources']],
      ['c', ['resources', 'imageMissing']],
    ]);
  });

  it('lets a global task end instead of moving it', () => {
    const nodes = [makeNode('a'), makeNode('b')];
    const service = makeRawService({ Mode: { Global: {} } });
    const tasks = [makeTask('g1', { nodeId: 'a', slot: undefined }), makeTask('g2', { nodeId: 'b', slot: undefined })];
    expect(drainPreview(nodes[1]!, 'drain', nodes, [service], tasks, facts).services[0]).toMatchObject({ mode: 'global', outcome: 'stops', downtime: false });
  });

  it('counts room: three tasks do not fit on one node that has reservations for two', () => {
    const nodes = [makeNode('a', { cpus: 2 }), makeNode('b', { cpus: 4 })];
    const service = makeRawService({ TaskTemplate: { ContainerSpec: { Image: 'web:1' }, Resources: { Reservations: { NanoCPUs: 1e9 } } } });
    const tasks = ['1', '2', '3'].map((slot) => makeTask(`t${slot}`, { nodeId: 'b', slot: Number(slot) }));
    const [entry] = drainPreview(nodes[1]!, 'drain', nodes, [service], tasks, { ...facts, reservations: new Map([['svc', { cpus: 1e9, memory: 0 }]]) }).services;
    expect(entry?.candidates[0]).toMatchObject({ fits: true, room: 2 });
    expect(entry?.outcome).toBe('pending');
  });
});

describe('the rollout timeline', () => {
  const nodes = [makeNode('a'), makeNode('b')];
  // Three slots, an update started at T0 with parallelism 1 and 10 s delay.
  const old = [1, 2, 3].map((slot) =>
    makeTask(`old${slot}`, { slot, image: 'web:1', desiredState: 'shutdown', state: 'shutdown', createdAt: T0 - 50_000, stateAt: T0 + (slot - 1) * 12_000 + 500 }),
  );
  const fresh = [1, 2, 3].map((slot) => makeTask(`new${slot}`, { slot, image: 'web:2', nodeId: slot === 2 ? 'b' : 'a', createdAt: T0 + (slot - 1) * 12_000 + 100, stateAt: T0 + (slot - 1) * 12_000 + 1500 }));
  const update = { state: 'completed' as const, message: 'update completed', startedAt: T0, completedAt: T0 + 40_000 };

  it('groups tasks by slot, oldest first, and the fresh ones into batches in the order they were made', () => {
    const timeline = buildTimeline({ service: makeService({ update }), previousImage: 'web:1', tasks: [...fresh, ...old], nodes, seenRunning: new Map() });
    expect(timeline).toMatchObject({ kind: 'update', fromImage: 'web:1', toImage: 'web:2', delayMs: 10_000, overlaps: 0, live: false, completedShort: false });
    expect(timeline.rows.map((r) => [r.label, r.tasks.map((t) => [t.taskId, t.fresh, t.batch])])).toEqual([
      ['web.1', [['old1', false, undefined], ['new1', true, 0]]],
      ['web.2', [['old2', false, undefined], ['new2', true, 1]]],
      ['web.3', [['old3', false, undefined], ['new3', true, 2]]],
    ]);
    expect(timeline.batches.map((b) => b.taskIds)).toEqual([['new1'], ['new2'], ['new3']]);
  });

  it('shows start-first as overlap, and a completed update with fewer running tasks than wanted', () => {
    const overlapping = fresh.map((t) => ({ ...t, stateAt: t.createdAt + 200 }));
    const timeline = buildTimeline({
      service: makeService({ update, updateConfig: { ...makeService().updateConfig, order: 'start-first' } }),
      previousImage: 'web:1',
      tasks: [...overlapping, ...old],
      nodes,
      seenRunning: new Map(),
    });
    expect(timeline.overlaps).toBe(3);
    const short = buildTimeline({ service: makeService({ desired: 1, update }), previousImage: 'web:1', tasks: [makeTask('f', { state: 'failed', desiredState: 'running', createdAt: T0 + 10 })], nodes, seenRunning: new Map() });
    expect(short.completedShort).toBe(true);
  });
});

describe('service log lines', () => {
  it('take their task and node from the details the engine writes in front', () => {
    expect(
      splitDetails({ stream: 'stderr', text: 'com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 err 4', time: 5 }),
    ).toEqual({ stream: 'stderr', text: 'err 4', taskId: 't1', nodeId: 'n1', time: 5 });
    expect(splitDetails({ stream: 'stdout', text: 'plain' })).toEqual({ stream: 'stdout', text: 'plain', taskId: '', nodeId: '' });
  });
});
