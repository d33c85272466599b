import type { CreateNetworkInput, NetworkSummary } from '../dto/networks';
import { cidrContains, cidrsOverlap, hasHostBits, parseCidr, parseIp } from './cidr';

export type NetworkFieldError = { field: 'subnet' | 'gateway' | 'ipRange' | 'parent' | 'driver' | 'name'; code: string; other?: string };

/** Checks a create request before the engine sees it; the codes become words next to their fields. */
export function validateNetwork(request: CreateNetworkInput, existing: Pick<NetworkSummary, 'name' | 'subnets'>[]): NetworkFieldError[] {
  const errors: NetworkFieldError[] = [];
  const driver = request.driver ?? 'bridge';
  if (existing.some((n) => n.name === request.name.trim())) errors.push({ field: 'name', code: 'name-in-use' });
  if (driver === 'host' || driver === 'none') errors.push({ field: 'driver', code: 'single-instance' });
  if ((driver === 'macvlan' || driver === 'ipvlan') && !request.parent) errors.push({ field: 'parent', code: 'parent-needed' });
  const subnet = request.subnet ? parseCidr(request.subnet) : undefined;
  if (request.subnet && !subnet) errors.push({ field: 'subnet', code: 'invalid-cidr' });
  if (subnet && hasHostBits(subnet)) errors.push({ field: 'subnet', code: 'host-bits-set' });
  if (!request.subnet && (request.gateway || request.ipRange)) errors.push({ field: request.gateway ? 'gateway' : 'ipRange', code: 'subnet-needed' });
  if (subnet && request.subnet) {
    const clash = existing.find((n) => n.subnets.some((s) => cidrsOverlap(s.subnet, request.subnet ?? '')));
    if (clash) errors.push({ field: 'subnet', code: 'overlap', other: clash.name });
  }
  if (request.gateway) {
    const gateway = parseIp(request.gateway);
    if (gateway === undefined) errors.push({ field: 'gateway', code: 'invalid-ip' });
    else if (subnet && !cidrContains(subnet, gateway)) errors.push({ field: 'gateway', code: 'outside-subnet' });
  }
  if (request.ipRange) {
    const range = parseCidr(request.ipRange);
    if (!range) errors.push({ field: 'ipRange', code: 'invalid-cidr' });
    else if (subnet && !cidrContains(subnet, range)) errors.push({ field: 'ipRange', code: 'outside-subnet' });
  }
  return errors;
}
