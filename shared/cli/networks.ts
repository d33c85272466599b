import type { ConnectNetwork, CreateNetworkInput, DnsDemoMode } from '../dto/networks';
import { cli } from './shell';

export function createNetworkCommand(request: CreateNetworkInput): string {
  return cli(
    'docker',
    'network',
    'create',
    '--driver',
    request.driver ?? 'bridge',
    ...(request.subnet ? ['--subnet', request.subnet] : []),
    ...(request.gateway ? ['--gateway', request.gateway] : []),
    ...(request.ipRange ? ['--ip-range', request.ipRange] : []),
    request.internal === true && '--internal',
    request.attachable === true && '--attachable',
    ...(request.parent ? ['-o', `parent=${request.parent}`] : []),
    ...Object.entries(request.labels ?? {}).flatMap(([k, v]) => ['--label', v ? `${k}=${v}` : k]),
    request.name,
  );
}

export function connectCommand(request: Pick<ConnectNetwork, 'network' | 'container'> & { aliases?: string[]; ipv4?: string | undefined }): string {
  return cli(
    'docker',
    'network',
    'connect',
    ...(request.aliases ?? []).flatMap((a) => ['--alias', a]),
    ...(request.ipv4 ? ['--ip', request.ipv4] : []),
    request.network,
    request.container,
  );
}

export function disconnectCommand(network: string, container: string, force = false): string {
  return cli('docker', 'network', 'disconnect', force && '-f', network, container);
}

export function removeNetworkCommand(name: string): string {
  return cli('docker', 'network', 'rm', name);
}

/** What the DNS demonstration does, as a learner would type it. */
export function dnsDemoCommands(mode: DnsDemoMode, names: { network: string; target: string; image: string }): string[] {
  const net = mode === 'user-defined' ? names.network : 'bridge';
  return [
    ...(mode === 'user-defined' ? [cli('docker', 'network', 'create', names.network)] : []),
    cli('docker', 'run', '-d', '--name', names.target, '--network', net, names.image, 'sleep', '120'),
    cli('docker', 'run', '--rm', '--network', net, names.image, 'nslookup', names.target),
    cli('docker', 'rm', '-f', names.target),
    ...(mode === 'user-defined' ? [cli('docker', 'network', 'rm', names.network)] : []),
  ];
}
