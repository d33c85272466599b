import { cli } from '../shell';

/** The lifecycle commands, as the learner would type them. */
export const containerCli = {
  start: (names: string[]): string => cli('docker', 'start', ...names),
  stop: (names: string[], timeout?: number): string => cli('docker', 'stop', ...(timeout === undefined ? [] : ['-t', String(timeout)]), ...names),
  restart: (names: string[], timeout?: number): string =>
    cli('docker', 'restart', ...(timeout === undefined ? [] : ['-t', String(timeout)]), ...names),
  kill: (names: string[], signal = 'SIGKILL'): string => cli('docker', 'kill', ...(signal === 'SIGKILL' ? [] : ['-s', signal]), ...names),
  pause: (names: string[]): string => cli('docker', 'pause', ...names),
  unpause: (names: string[]): string => cli('docker', 'unpause', ...names),
  remove: (names: string[], options: { force?: boolean; volumes?: boolean } = {}): string =>
    cli('docker', 'rm', options.force && '-f', options.volumes && '-v', ...names),
  rename: (from: string, to: string): string => cli('docker', 'rename', from, to),
  logs: (name: string, o: { follow?: boolean; tail?: number | undefined; since?: string | undefined; timestamps?: boolean } = {}): string =>
    cli('docker', 'logs', o.follow && '-f', ...(o.tail === undefined ? [] : ['--tail', String(o.tail)]), ...(o.since ? ['--since', o.since] : []), o.timestamps && '-t', name),
  exec: (name: string, command: string[]): string => cli('docker', 'exec', '-it', name, ...command),
  attach: (name: string): string => cli('docker', 'attach', name),
  stats: (names: string[]): string => cli('docker', 'stats', ...names),
  inspect: (name: string): string => cli('docker', 'inspect', name),
  diff: (name: string): string => cli('docker', 'diff', name),
  copyOut: (name: string, path: string): string => cli('docker', 'cp', `${name}:${path}`, '.'),
  copyIn: (name: string, files: string[], directory: string): string =>
    files.length === 1 ? cli('docker', 'cp', files[0], `${name}:${directory}`) : `for f in ${files.map((f) => cli(f)).join(' ')}; do ${cli('docker', 'cp')} "$f" ${cli(`${name}:${directory}`)}; done`,
};
