import type { MountSpec, PortSpec } from './types';

/**
 * A port in short syntax, `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` (ranges allowed, an IPv6
 * host address in brackets), or in long syntax. Undefined when it is not a port at all.
 */
export function parsePort(value: unknown): PortSpec | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? { target: String(value), protocol: 'tcp' } : undefined;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const target = v.target;
    if (typeof target !== 'number' && typeof target !== 'string') return undefined;
    const published = v.published;
    return {
      target: String(target),
      protocol: typeof v.protocol === 'string' ? v.protocol : 'tcp',
      ...(typeof published === 'number' || (typeof published === 'string' && published) ? { published: String(published) } : {}),
      ...(typeof v.host_ip === 'string' ? { hostIp: v.host_ip } : {}),
    };
  }
  if (typeof value !== 'string') return undefined;
  const [spec = '', protocol = 'tcp'] = value.split('/');
  let rest = spec;
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  const range = /^\d+(-\d+)?$/;
  if (parts.length > 3) return undefined;
  const target = parts[parts.length - 1] ?? '';
  if (!range.test(target)) return undefined;
  if (parts.length === 1) return { target, protocol };
  const published = parts[parts.length - 2] ?? '';
  if (published && !range.test(published)) return undefined;
  if (parts.length === 3) hostIp = parts[0];
  return { target, protocol, ...(published ? { published } : {}), ...(hostIp ? { hostIp } : {}) };
}

/** The host ports a published port spec takes (a range gives several). */
export function hostPorts(port: PortSpec): number[] {
  if (!port.published) return [];
  const [from = 0, to = from] = port.published.split('-').map(Number);
  const ports: number[] = [];
  for (let p = from; p <= to && ports.length < 1000; p++) ports.push(p);
  return ports;
}

const isPath = (source: string): boolean => /^(\.{1,2}(\/|\\|$)|\/|~|[A-Za-z]:[\\/])/.test(source);

/** A mount in short syntax (`SOURCE:TARGET[:MODE]`, or `TARGET` alone) or long syntax. */
export function parseMount(value: unknown): MountSpec | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.target !== 'string') return undefined;
    const type = v.type === 'bind' || v.type === 'tmpfs' || v.type === 'volume' ? v.type : 'volume';
    const source = typeof v.source === 'string' && v.source ? v.source : undefined;
    return { kind: type === 'volume' && !source ? 'anonymous' : type, ...(source ? { source } : {}), target: v.target, readOnly: v.read_only === true };
  }
  if (typeof value !== 'string' || !value) return undefined;
  const parts = splitMount(value);
  if (parts.length === 1) return { kind: 'anonymous', target: value, readOnly: false };
  const [source = '', target = '', mode = ''] = parts;
  if (!target.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(target)) return undefined;
  return { kind: isPath(source) ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') };
}

/** Splits at the colons; a Windows drive letter (C:\\x) is part of the source, not a separator. */
function splitMount(value: string): string[] {
  const drive = /^[A-Za-z]:[\\/]/.test(value) ? 2 : 0;
  const parts = value.slice(drive).split(':');
  if (drive && parts[0] !== undefined) parts[0] = value.slice(0, drive) + parts[0];
  return parts;
}

/** Looks like a volume line (`./data:/var/lib/x`, `/srv:/srv`, `data:/var/lib/x`) rather than what the key wants. */
export function looksLikeMount(value: unknown): boolean {
  if (typeof value !== 'string' || value.includes('=')) return false;
  const mount = parseMount(value);
  return mount !== undefined && mount.kind !== 'anonymous' && mount.target.length > 1;
}
