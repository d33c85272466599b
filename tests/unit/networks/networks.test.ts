import { describe, expect, it } from 'vitest';

import { connectCommand, createNetworkCommand, dnsDemoCommands } from '@shared/cli/networks';

import { layoutTopology, NODE_WIDTH } from '../../../renderer/views/networks/topology-layout';

describe('network commands', () => {
  it('shows the commands a learner would type', () => {
    expect(createNetworkCommand({ name: 'web', subnet: '10.231.1.0/24', internal: true, labels: { team: 'a' } })).toBe(
      'docker network create --driver bridge --subnet 10.231.1.0/24 --internal --label team=a web',
    );
    expect(createNetworkCommand({ name: 'lan', driver: 'macvlan', parent: 'eth0' })).toBe('docker network create --driver macvlan -o parent=eth0 lan');
    expect(connectCommand({ network: 'web', container: 'db', aliases: ['database'], ipv4: '10.231.1.20' })).toBe(
      'docker network connect --alias database --ip 10.231.1.20 web db',
    );
    expect(dnsDemoCommands('default-bridge', { network: 'x', target: 't', image: 'busybox' })[1]).toBe('docker run --rm --network bridge busybox nslookup t');
  });
});

describe('topology layout', () => {
  it('puts containers between the host and their networks, with ports and addresses on the edges', () => {
    const { nodes, edges } = layoutTopology({
      networks: [{ id: 'n1', name: 'web', driver: 'bridge', subnet: '10.231.1.0/24' }],
      containers: [{ id: 'c1', name: 'nginx', image: 'nginx', state: 'running', ports: [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }], networks: { n1: '10.231.1.2' } }],
    });
    const x = (id: string): number => nodes.find((n) => n.id === id)?.x ?? Number.NaN;
    expect(x('host')).toBeLessThan(x('c:c1'));
    expect(x('c:c1')).toBeLessThan(x('n:n1'));
    expect(edges.map((e) => e.label).sort()).toEqual(['10.231.1.2', '8080→80/tcp']);
  });

  it('never puts a network in a container column, also without members or networks', () => {
    const { nodes } = layoutTopology({
      networks: [
        { id: 'n1', name: 'web', driver: 'bridge', subnet: '10.231.1.0/24' },
        { id: 'n2', name: 'empty', driver: 'bridge', subnet: '' },
        { id: 'n3', name: 'none', driver: 'null', subnet: '' },
      ],
      containers: [
        { id: 'c1', name: 'web', image: 'httpd', state: 'running', ports: [], networks: { n1: '10.231.1.2' } },
        { id: 'c2', name: 'isolated', image: 'busybox', state: 'running', ports: [], networks: {} },
        { id: 'c3', name: 'stopped', image: 'busybox', state: 'exited', ports: [], networks: { n1: '' } },
      ],
    });
    const columns = (kind: string): Set<number> => new Set(nodes.filter((n) => n.kind === kind).map((n) => n.x));
    expect(columns('container').size).toBe(1);
    expect(columns('network').size).toBe(1);
    expect([...columns('container')][0]).toBeLessThan([...columns('network')][0]!);
    // Within a column no node overlaps another.
    for (const kind of ['container', 'network']) {
      const spans = nodes.filter((n) => n.kind === kind).map((n) => [n.y, n.y + n.height] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
  });

  it('labels a port published on IPv4 and IPv6 once, and leaves each label room between its columns', () => {
    const { nodes, edges } = layoutTopology({
      networks: [],
      containers: [
        {
          id: 'c1',
          name: 'web',
          image: 'httpd',
          state: 'running',
          ports: [
            { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
            { hostIp: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
            { hostIp: '127.0.0.1', hostPort: 18443, containerPort: 443, protocol: 'tcp' },
            { hostIp: '::1', hostPort: 18443, containerPort: 443, protocol: 'tcp' },
          ],
          networks: {},
        },
      ],
    });
    const label = edges.find((e) => e.kind === 'port')?.label ?? '';
    expect(label).toBe('8080→80/tcp, 127.0.0.1:18443→443/tcp, [::1]:18443→443/tcp');
    const host = nodes.find((n) => n.kind === 'host')!;
    const web = nodes.find((n) => n.kind === 'container')!;
    // Digits and dots in 11 px type are about 6 px wide.
    expect(web.x - (host.x + NODE_WIDTH)).toBeGreaterThan(label.length * 6);
  });

  it('gives long names the lines they need instead of cutting them', () => {
    const long = 'lotse-test-ct-24399-hostport-with-a-very-long-name';
    const { nodes } = layoutTopology({
      networks: [],
      containers: [
        { id: 'c1', name: 'short', image: 'busybox', state: 'running', ports: [], networks: {} },
        { id: 'c2', name: long, image: 'busybox', state: 'running', ports: [], networks: {} },
      ],
    });
    const height = (id: string): number => nodes.find((n) => n.id === id)?.height ?? 0;
    expect(height('c:c2')).toBeGreaterThan(height('c:c1'));
  });
});
