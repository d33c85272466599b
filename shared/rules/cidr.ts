import ipaddr from 'ipaddr.js';

/** An IPv4 or IPv6 address. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** A network in CIDR form: an address and how many leading bits name the network. */
export interface Cidr {
  address: IpAddress;
  bits: number;
}

/**
 * An address as the engine takes it: IPv4 in four decimal parts (no octal, hex or short forms,
 * which ipaddr.js would read too), or IPv6 without a zone.
 */
export function parseIp(text: string): IpAddress | undefined {
  const t = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
  if (!ipaddr.IPv6.isValid(t)) return undefined;
  const address = ipaddr.IPv6.parse(t);
  return address.zoneId === undefined ? address : undefined;
}

/** `address/bits`, such as 10.231.1.0/24 or fd00:1::/64; undefined when the text is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  const address = slash < 0 ? undefined : parseIp(t.slice(0, slash));
  if (!address || !ipaddr.isValidCIDR(t)) return undefined;
  return { address, bits: ipaddr.parseCIDR(t)[1] };
}

/** True when bits behind the prefix are set (10.231.1.5/24 instead of 10.231.1.0/24). */
export function hasHostBits({ address, bits }: Cidr): boolean {
  const text = `${address.toString()}/${bits}`;
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  return network.toNormalizedString() !== address.toNormalizedString();
}

/** Whether an address, or a whole network, lies inside a network (never across IPv4 and IPv6). */
export function cidrContains(outer: Cidr, inner: Cidr | IpAddress): boolean {
  const { address, bits } = 'bits' in inner ? inner : { address: inner, bits: inner.kind() === 'ipv4' ? 32 : 128 };
  return address.kind() === outer.address.kind() && bits >= outer.bits && address.match(outer.address, outer.bits);
}

/** Whether two networks share an address; false when either is not a CIDR. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== undefined && y !== undefined && (cidrContains(x, y) || cidrContains(y, x));
}
