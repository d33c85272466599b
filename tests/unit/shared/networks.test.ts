import { describe, expect, it } from 'vitest';

import { validateNetwork } from '@shared/rules/networks';

const existing = [
  { name: 'bridge', subnets: [{ subnet: '172.17.0.0/16' }] },
  { name: 'app', subnets: [{ subnet: '10.231.1.0/24' }] },
];
const codes = (request: Parameters<typeof validateNetwork>[0]): string[] => validateNetwork(request, existing).map((e) => `${e.field}:${e.code}`);

describe('network input checked before the engine sees it', () => {
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

  it('checks IPv6 subnets the same way', () => {
    const withV6 = [...existing, { name: 'v6', subnets: [{ subnet: '10.231.9.0/24' }, { subnet: 'fd00:1:2::/64' }] }];
    const v6 = (request: Parameters<typeof validateNetwork>[0]): string[] => validateNetwork(request, withV6).map((e) => `${e.field}:${e.code}`);
    expect(v6({ name: 'x', subnet: 'fd00:1:3::/64', gateway: 'fd00:1:3::1', ipRange: 'fd00:1:3::/80' })).toEqual([]);
    expect(v6({ name: 'x', subnet: 'fd00:1::/32' })).toEqual(['subnet:overlap']);
    expect(v6({ name: 'x', subnet: 'fd00:1:3::5/64' })).toEqual(['subnet:host-bits-set']);
    expect(v6({ name: 'x', subnet: 'fd00:1:3::/64', gateway: 'fd00:1:4::1', ipRange: 'fd00:1:3::/63' })).toEqual([
      'gateway:outside-subnet',
      'ipRange:outside-subnet',
    ]);
    expect(v6({ name: 'x', subnet: 'fd00:1:3::/64', gateway: '10.231.3.1' })).toEqual(['gateway:outside-subnet']);
    expect(v6({ name: 'x', subnet: 'fd00:1:3::/64', gateway: 'fd00:1:3::g' })).toEqual(['gateway:invalid-ip']);
    expect(v6({ name: 'x', subnet: 'fd00:1:3::/129' })).toEqual(['subnet:invalid-cidr']);
  });
});
