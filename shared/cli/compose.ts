import type { ComposeFlavor } from '../compose/types';
import { cli } from './shell';

/** The Compose the learner has: how to call it (`docker compose` or `docker-compose`) and which it is. */
export interface ComposeCli {
  flavor: ComposeFlavor;
  version: string;
  /** The words before the global options: ['docker', 'compose'] or ['docker-compose']. */
  command: string[];
}

/** A project as the CLI is pointed at it: always by name and absolute files, from its own folder. */
export interface ComposeTarget {
  name: string;
  /** Absolute paths, in `-f` order. */
  files: string[];
  /** The working directory the CLI runs in: the project directory (the first file's folder). */
  projectDir: string;
  envFile?: string | undefined;
  profiles?: string[] | undefined;
}

export type PullPolicy = 'always' | 'missing' | 'never';

export type ComposeAction =
  | {
      kind: 'up';
      services?: string[] | undefined;
      build?: boolean | undefined;
      pull?: PullPolicy | undefined;
      removeOrphans?: boolean | undefined;
      scale?: Record<string, number> | undefined;
    }
  | { kind: 'down'; volumes: boolean; removeOrphans?: boolean | undefined }
  | { kind: 'start' | 'stop' | 'restart' | 'pull' | 'build'; services?: string[] | undefined }
  | { kind: 'ps' };

export interface ComposeCommand {
  /** The program to start and its arguments, exactly as run. */
  argv: string[];
  cwd: string;
  /** The same as one copyable line: `cd DIR && docker compose …`. */
  display: string;
}

/** The global options every call gets: plain output, the project's name, its files, env file and profiles. */
function globals(tool: ComposeCli, target: ComposeTarget): string[] {
  return [
    '--ansi',
    'never',
    // v2 draws progress bars on a terminal only; plain keeps one line per step for the learner.
    ...(tool.flavor === 'v2' ? ['--progress', 'plain'] : []),
    '-p',
    target.name,
    ...target.files.flatMap((f) => ['-f', f]),
    ...(target.envFile ? ['--env-file', target.envFile] : []),
    ...(target.profiles ?? []).flatMap((p) => ['--profile', p]),
  ];
}

function subcommand(tool: ComposeCli, action: ComposeAction): string[] {
  switch (action.kind) {
    case 'up':
      return [
        'up',
        '-d',
        ...(action.build ? ['--build'] : []),
        // `up --pull` is v2's; with v1 the learner runs `pull` first.
        ...(action.pull && tool.flavor === 'v2' ? ['--pull', action.pull] : []),
        ...(action.removeOrphans ? ['--remove-orphans'] : []),
        ...Object.entries(action.scale ?? {}).flatMap(([service, n]) => ['--scale', `${service}=${String(n)}`]),
        ...(action.services ?? []),
      ];
    case 'down':
      return ['down', ...(action.volumes ? ['-v'] : []), ...(action.removeOrphans ? ['--remove-orphans'] : [])];
    case 'ps':
      return tool.flavor === 'v2' ? ['ps', '-a', '--format', 'json'] : ['ps', '-a'];
    default:
      return [action.kind, ...(action.services ?? [])];
  }
}

export function composeCommand(tool: ComposeCli, target: ComposeTarget, action: ComposeAction): ComposeCommand {
  const argv = [...tool.command, ...globals(tool, target), ...subcommand(tool, action)];
  return { argv, cwd: target.projectDir, display: `${cli('cd', target.projectDir)} && ${cli(...argv)}` };
}

/**
 * The course writes `docker compose scale app=2`. What that maps to: v2 has `scale` (since 2.21) and
 * `up -d --scale`; v1 still knows `docker-compose scale` but calls it deprecated in favour of `up --scale`.
 */
export function courseScaleCommand(tool: ComposeCli, service: string, replicas: number): string {
  return cli(...tool.command, 'scale', `${service}=${String(replicas)}`);
}
