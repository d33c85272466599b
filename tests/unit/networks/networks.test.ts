import { describe, expect, it } from 'vitest';

import { connectCommand, createNetworkCommand, dnsDemoCommands } from '@shared/cli/networks';
import { cidrsOverlap, parseCidr, validateNetwork } from '@shared/dto/networks';

import { layoutTopology } from '../../../renderer/views/networks/topology-layout';

const existing = [
  { name: 'bridge', subnets: [{ subnet: '172.17.0.0/16' }] },
  { name: 'app', subnets: [{ subnet: '10.231.1.0/24' }] },
];
const codes = (request: Parameters<typeof validateNetwork>[0]): string[] => validateNetwork(request, existing).map((e) => `${e.field}:${e.code}`);

describe('network input checked before the engine sees it', () => {
  it('parses CIDRs and finds overlaps', () => {
    expect(parseCidr('10.231.1.0/24')).toMatchObject({ bits: 24 });
    expect(parseCidr('10.231.300.0/24')).toBeUndefined();
    expect(parseCidr('10.231.1.0/33')).toBeUndefined();
    expect(cidrsOverlap('10.231.0.0/16', '10.231.1.0/24')).toBe(true);
    expect(cidrsOverlap('10.231.1.0/25', '10.231.1.128/25')).toBe(false);
  });

  it('names each problem at its field', () => {
    expect(codes({ name: 'x', subnet: '10.231.1.64/26' })).toEqual(['subnet:overlap']);
    expect(codes({ name: 'x', subnet: '10.231.5.1/24' })).toEqual(['subnet:host-bits-set']);
    expect(codes({ name: 'x', subnet: 'nonsense' })).toEqual(['subnet:invalid-cidr']);
    expect(codes({ name: 'x', subnet: '10.231.2.0/24', gateway: '10.231.3.1', ipRange: '10.231.2.0/23' })).toEqual([
      'gateway:outside-subnet',
      'ipRange:outside-subnet',
    ]);
    expect(codes({ name: 'x', gateway: '10.1.1.1' })).toEqual(['gateway:subnet-needed']);
    expect(codes({ name: 'app' })).toEqual(['name:name-in-use']);
    expect(codes({ name: 'x', driver: 'host' })).toEqual(['driver:single-instance']);
    expect(codes({ name: 'x', driver: 'macvlan' })).toEqual(['parent:parent-needed']);
    expect(codes({ name: 'x', driver: 'macvlan', parent: 'eth0', subnet: '10.231.2.0/24', gateway: '10.231.2.1' })).toEqual([]);
  });

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
