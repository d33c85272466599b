import { cli } from './shell';

/** The docker commands behind the images area's actions. */
export const imageCommands = {
  list: (): string => cli('docker', 'image', 'ls'),
  inspect: (ref: string): string => cli('docker', 'image', 'inspect', ref),
  history: (ref: string): string => cli('docker', 'image', 'history', '--no-trunc', ref),
  /** What the layer explorer reads: the image export, listed without unpacking. */
  analyze: (ref: string): string => `${cli('docker', 'image', 'save', ref)} | tar -t`,
  tag: (source: string, target: string): string => cli('docker', 'image', 'tag', source, target),
  remove: (ref: string, force: boolean): string => cli('docker', 'image', 'rm', force && '--force', ref),
  pull: (ref: string): string => cli('docker', 'image', 'pull', ref),
  push: (ref: string): string => cli('docker', 'image', 'push', ref),
  login: (server: string, username: string): string => cli('docker', 'login', '--username', username, '--password-stdin', server),
  logout: (server: string): string => cli('docker', 'logout', server),
  build: (options: { contextDir: string; dockerfile?: string; tag?: string; buildArgs?: Record<string, string>; target?: string }): string =>
    cli(
      'docker',
      'build',
      ...(options.dockerfile && options.dockerfile !== 'Dockerfile' ? ['--file', options.dockerfile] : []),
      ...(options.tag ? ['--tag', options.tag] : []),
      ...Object.entries(options.buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
      ...(options.target ? ['--target', options.target] : []),
      options.contextDir,
    ),
};
