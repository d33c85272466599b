import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';

import { columnDefinitions, humanDuration, podSummary, table } from '../../../electron/practice-cluster/api/tables';
import type { KObject } from '../../../electron/practice-cluster/types';

describe('ages as kubectl prints them', () => {
  it.each([
    [0, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [10 * 3600_000, '10h'],
    [50 * 3600_000, '2d2h'],
    [30 * 24 * 3600_000, '30d'],
    [3 * 365 * 24 * 3600_000, '3y'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

const pod = (status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod => ({
  metadata: { name: 'p', creationTimestamp: new Date(Date.now() - 5000).toISOString(), ...extra },
  spec: { containers: [{ name: 'a' }, { name: 'b' }] },
  status,
});

describe('pod READY, STATUS and RESTARTS', () => {
  const now = Date.now();
  it('running and ready', () => {
    const s = podSummary(
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 0, image: 'x', imageID: '', state: { running: {} } },
          { name: 'b', ready: true, restartCount: 1, image: 'x', imageID: '', state: { running: {} } },
        ],
      }),
      now,
    );
    expect(s).toEqual({ ready: '2/2', status: 'Running', restarts: '1' });
  });
  it('waiting reason wins (CrashLoopBackOff) and restarts show when they happened', () => {
    const s = podSummary(
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 3, image: 'x', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: new Date(now - 65_000).toISOString() } } },
          { name: 'b', ready: true, restartCount: 0, image: 'x', imageID: '', state: { running: {} } },
        ],
      }),
      now,
    );
    expect(s).toEqual({ ready: '1/2', status: 'CrashLoopBackOff', restarts: '3 (65s ago)' });
  });
  it('terminating pods say Terminating', () => {
    expect(podSummary(pod({ phase: 'Running' }, { deletionTimestamp: new Date().toISOString() }), now).status).toBe('Terminating');
  });
  it('a terminated container without reason shows its exit code', () => {
    const s = podSummary(pod({ phase: 'Failed', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode: 3 } } }] }), now);
    expect(s.status).toBe('ExitCode:3');
  });
});

describe('tables', () => {
  it('pods have the real columns, wide ones with priority 1', () => {
    const cols = columnDefinitions('pods');
    expect(cols.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(cols.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(['IP', 'Node', 'Nominated Node', 'Readiness Gates']);
  });
  it('NodePort services print node ports, rows carry metadata for -A and --show-labels', () => {
    const svc = {
      metadata: { name: 'nginx-service', namespace: 'entenhausen', labels: { a: 'b' }, creationTimestamp: new Date().toISOString() },
      spec: { type: 'NodePort', clusterIP: '10.96.3.4', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'nginx' } },
    } as unknown as KObject;
    const t = table('services', [svc], { include: 'Metadata', apiVersion: 'v1', kind: 'Service', resourceVersion: '7' }) as { rows: { cells: unknown[]; object: { metadata: { namespace: string } } }[] };
    expect(t.rows[0]?.cells.slice(0, 5)).toEqual(['nginx-service', 'NodePort', '10.96.3.4', '<none>', '80:30080/TCP']);
    expect(t.rows[0]?.cells[6]).toBe('app=nginx');
    expect(t.rows[0]?.object.metadata.namespace).toBe('entenhausen');
  });
  it('nodes show SchedulingDisabled when cordoned and their roles', () => {
    const node = {
      metadata: { name: 'n', labels: { 'node-role.kubernetes.io/control-plane': '' }, creationTimestamp: new Date().toISOString() },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.4' } },
    } as unknown as KObject;
    const t = table('nodes', [node], { include: 'None', apiVersion: 'v1', kind: 'Node', resourceVersion: '1' }) as { rows: { cells: unknown[] }[] };
    expect(t.rows[0]?.cells.slice(0, 3)).toEqual(['n', 'Ready,SchedulingDisabled', 'control-plane']);
  });
});
