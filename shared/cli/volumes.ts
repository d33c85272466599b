import type { CreateVolumeInput } from '../dto/volumes';
import { cli } from './shell';

export function createVolumeCommand(request: CreateVolumeInput): string {
  return cli(
    'docker',
    'volume',
    'create',
    ...(request.driver && request.driver !== 'local' ? ['--driver', request.driver] : []),
    ...Object.entries(request.options ?? {}).flatMap(([k, v]) => ['--opt', `${k}=${v}`]),
    ...Object.entries(request.labels ?? {}).flatMap(([k, v]) => ['--label', v ? `${k}=${v}` : k]),
    request.name || undefined,
  );
}

export function removeVolumeCommand(name: string): string {
  return cli('docker', 'volume', 'rm', name);
}

/** Looking into a volume the way Lotse does: a throw-away container that mounts it read-only. */
export function browseVolumeCommand(volume: string, path: string, image: string): string {
  return cli('docker', 'run', '--rm', '-v', `${volume}:/volume:ro`, image, 'ls', '-la', `/volume${path === '/' ? '' : path}`);
}

export function readVolumeFileCommand(volume: string, path: string, image: string): string {
  return cli('docker', 'run', '--rm', '-v', `${volume}:/volume:ro`, image, 'cat', `/volume${path}`);
}
