import { describe, expect, it } from 'vitest';

import { cidrContains, cidrsOverlap, hasHostBits, parseCidr, parseIp } from '@shared/rules/cidr';

const cidr = (text: string): NonNullable<ReturnType<typeof parseCidr>> => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`${text} should be a CIDR`);
  return parsed;
};
const ip = (text: string): NonNullable<ReturnType<typeof parseIp>> => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`${text} should be an address`);
  return parsed;
};

describe('addresses and networks in CIDR form', () => {
  it('parses CIDRs and finds overlaps', () => {
    expect(parseCidr('10.231.1.0/24')).toMatchObject({ bits: 24 });
    expect(parseCidr('10.231.300.0/24')).toBeUndefined();
    expect(parseCidr('10.231.1.0/33')).toBeUndefined();
    expect(cidrsOverlap('10.231.0.0/16', '10.231.1.0/24')).toBe(true);
    expect(cidrsOverlap('10.231.1.0/25', '10.231.1.128/25')).toBe(false);
  });

  it('reads IPv6 networks as well', () => {
    expect(parseCidr('fd00:1:2::/64')).toMatchObject({ bits: 64 });
    expect(parseCidr(' 2001:db8::/32 ')).toMatchObject({ bits: 32 });
    expect(parseCidr('fd00::/129')).toBeUndefined();
    expect(parseCidr('fd00::1%eth0/64')).toBeUndefined();
    expect(parseCidr('fd00:::1/64')).toBeUndefined();
    expect(cidrsOverlap('fd00:1::/32', 'fd00:1:2::/64')).toBe(true);
    expect(cidrsOverlap('fd00:1:2::/64', 'fd00:1:3::/64')).toBe(false);
    expect(cidrsOverlap('10.0.0.0/8', '::ffff:10.0.0.0/104')).toBe(false);
  });

  it('takes IPv4 only in four decimal parts, as the engine does', () => {
    for (const text of ['10.1/16', '010.1.1.0/24', '0x0a.1.1.0/24', '167772160/8', '10.1.1.0', '10.1.1.0/', '/24', '']) {
      expect(parseCidr(text), text).toBeUndefined();
    }
    expect(parseIp('10.231.1.20')?.kind()).toBe('ipv4');
    expect(parseIp('fd00::20')?.kind()).toBe('ipv6');
    for (const text of ['10.231.1', '010.231.1.20', '10.231.1.256', 'fe80::1%eth0', 'nonsense', '']) expect(parseIp(text), text).toBeUndefined();
  });

  it('knows host bits and what lies inside a network', () => {
    expect(hasHostBits(cidr('10.231.5.1/24'))).toBe(true);
    expect(hasHostBits(cidr('10.231.5.0/24'))).toBe(false);
    expect(hasHostBits(cidr('fd00:1:2::1/64'))).toBe(true);
    expect(hasHostBits(cidr('fd00:1:2::/64'))).toBe(false);
    expect(cidrContains(cidr('10.231.2.0/24'), ip('10.231.2.1'))).toBe(true);
    expect(cidrContains(cidr('10.231.2.0/24'), ip('10.231.3.1'))).toBe(false);
    expect(cidrContains(cidr('10.231.2.0/24'), cidr('10.231.2.128/25'))).toBe(true);
    expect(cidrContains(cidr('10.231.2.0/24'), cidr('10.231.2.0/23'))).toBe(false);
    expect(cidrContains(cidr('fd00:1:2::/64'), ip('fd00:1:2::1'))).toBe(true);
    expect(cidrContains(cidr('fd00:1:2::/64'), ip('fd00:1:3::1'))).toBe(false);
    expect(cidrContains(cidr('fd00:1:2::/64'), cidr('fd00:1:2:0:8000::/65'))).toBe(true);
    expect(cidrContains(cidr('10.231.2.0/24'), ip('::ffff:10.231.2.1'))).toBe(false);
  });
});
