import type { LabItem } from '../dto/learn';
import { cli } from './shell';

/** The commands "reset lab" stands for, in the order it runs them: containers, networks, volumes, images. */
export function labResetCommand(items: readonly Pick<LabItem, 'kind' | 'name'>[]): string {
  const of = (kind: LabItem['kind']): string[] => items.filter((i) => i.kind === kind).map((i) => i.name);
  const parts = [
    of('container').length ? cli('docker', 'rm', '-f', ...of('container')) : '',
    of('network').length ? cli('docker', 'network', 'rm', ...of('network')) : '',
    of('volume').length ? cli('docker', 'volume', 'rm', ...of('volume')) : '',
    of('image').length ? cli('docker', 'rmi', ...of('image')) : '',
  ];
  return parts.filter(Boolean).join(' && ');
}
