import { describe, expect, it } from 'vitest';

import type { ContainerSummary, LogLine } from '@shared/dto/containers';

import { buildRows, portUrl } from '../../../renderer/views/containers/listing';
import { LogRing } from '../../../renderer/stores/log-ring';

function makeContainer(overrides: Partial<ContainerSummary>): ContainerSummary {
  return {
    id: overrides.name ?? 'x',
    name: 'x',
    image: 'busybox',
    imageId: 'sha256:1',
    command: 'sh',
    state: 'running',
    health: 'none',
    status: 'Up',
    ports: [],
    created: 0,
    labels: {},
    networks: [],
    mounts: 0,
    ...overrides,
  };
}

describe('the container list', () => {
  const all = [
    makeContainer({ name: 'web', composeProject: 'shop', created: 3, ports: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] }),
    makeContainer({ name: 'db', composeProject: 'shop', state: 'exited', created: 2 }),
    makeContainer({ name: 'lonely', image: 'lotse-lab/httpd:1.0', state: 'paused', created: 1 }),
    makeContainer({ name: 'task', swarmService: 'api', created: 4 }),
  ];
  const names = (rows: ReturnType<typeof buildRows>) => rows.map((r) => (r.kind === 'group' ? `[${r.label}:${r.count}]` : r.container.name));

  it('searches name, image, project and host port; filters by state', () => {
    expect(names(buildRows(all, { search: 'httpd', state: 'all', sort: 'name', group: 'none' }))).toEqual(['lonely']);
    expect(names(buildRows(all, { search: '8080', state: 'all', sort: 'name', group: 'none' }))).toEqual(['web']);
    expect(names(buildRows(all, { search: 'shop', state: 'running', sort: 'name', group: 'none' }))).toEqual(['web']);
    expect(names(buildRows(all, { search: '', state: 'stopped', sort: 'name', group: 'none' }))).toEqual(['db']);
    expect(names(buildRows(all, { search: '', state: 'paused', sort: 'name', group: 'none' }))).toEqual(['lonely']);
  });

  it('sorts and groups by compose project or swarm service, the rest last', () => {
    expect(names(buildRows(all, { search: '', state: 'all', sort: 'created', group: 'none' }))).toEqual(['task', 'web', 'db', 'lonely']);
    expect(names(buildRows(all, { search: '', state: 'all', sort: 'name', group: 'compose' }))).toEqual(['[shop:2]', 'db', 'web', '[:2]', 'lonely', 'task']);
    expect(names(buildRows(all, { search: '', state: 'all', sort: 'state', group: 'swarm' }))).toEqual(['[api:1]', 'task', '[:3]', 'web', 'lonely', 'db']);
  });

  it('links published tcp ports to the host, 0.0.0.0 and :: as 127.0.0.1', () => {
    expect(portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' })).toBe('http://127.0.0.1:8080/');
    expect(portUrl({ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' })).toBe('http://[::1]:8080/');
    expect(portUrl({ hostPort: 53, containerPort: 53, protocol: 'udp' })).toBeUndefined();
    expect(portUrl({ containerPort: 80, protocol: 'tcp' })).toBeUndefined();
  });
});

describe('the log ring buffer', () => {
  const line = (n: number): LogLine => ({ stream: 'stdout', text: String(n) });
  it('keeps the newest lines, oldest first, and counts what fell out', () => {
    const ring = new LogRing(3);
    expect(ring.push([line(1), line(2)])).toBe(0);
    expect(ring.push([line(3), line(4), line(5)])).toBe(2);
    expect(ring.toArray().map((l) => l.text)).toEqual(['3', '4', '5']);
    expect(ring.push(Array.from({ length: 10 }, (_, i) => line(10 + i)))).toBe(10);
    expect(ring.toArray().map((l) => l.text)).toEqual(['17', '18', '19']);
    ring.clear();
    expect(ring.size).toBe(0);
  });
});
