import { describe, expect, it } from 'vitest';

import { connectCommand, createNetworkCommand, dnsDemoCommands } from '@shared/cli/networks';

import { layoutTopology } from '../../../renderer/views/networks/topology-layout';

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
});
