import type { ComposeCli } from '@shared/cli/compose';

import { runCompose } from './run';

/** `docker compose version --format json`: `{"version":"v2.20.2"}` (older releases print "2.x" without the v). */
export function parseV2Version(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { version?: unknown };
    if (typeof parsed.version === 'string') return parsed.version.replace(/^v/, '');
  } catch {
    // Not JSON: a Compose too old for --format.
  }
  return undefined;
}

/** `docker-compose version --short` prints `1.29.2`; a v2 standalone binary prints `2.x.y`. */
export function parseShortVersion(stdout: string): string | undefined {
  const match = /^v?(\d+\.\d+\.\d+[^\s]*)/.exec(stdout.trim());
  return match?.[1];
}

export interface PsEntry {
  name: string;
  service: string;
  state: string;
  health: string;
  exitCode: number;
}

/** `ps -a --format json`: one JSON array before Compose 2.21, one JSON object per line (NDJSON) from 2.21 on. */
export function parsePs(stdout: string): PsEntry[] {
  const text = stdout.trim();
  if (!text) return [];
  const rows: unknown[] = text.startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  return rows.flatMap((raw) => {
    const r = raw as { Name?: unknown; Service?: unknown; State?: unknown; Health?: unknown; ExitCode?: unknown };
    if (typeof r.Name !== 'string') return [];
    return [
      {
        name: r.Name,
        service: typeof r.Service === 'string' ? r.Service : '',
        state: typeof r.State === 'string' ? r.State : '',
        health: typeof r.Health === 'string' ? r.Health : '',
        exitCode: typeof r.ExitCode === 'number' ? r.ExitCode : 0,
      },
    ];
  });
}

export type DetectResult = ({ found: true } & ComposeCli) | { found: false };

/**
 * Which Compose the learner has: the v2 plugin (`docker compose`) first, as the course uses it, then
 * the standalone `docker-compose` (v1, or a v2 binary under the old name).
 */
export async function detectCompose(env: Record<string, string>, cwd: string): Promise<DetectResult> {
  const attempt = async (argv: string[]): Promise<string | undefined> => {
    try {
      const result = await runCompose({ argv, cwd, env });
      return result.exitCode === 0 ? result.stdout : undefined;
    } catch {
      return undefined;
    }
  };
  const plugin = await attempt(['docker', 'compose', 'version', '--format', 'json']);
  const pluginVersion = plugin === undefined ? undefined : (parseV2Version(plugin) ?? parseShortVersion(plugin));
  if (pluginVersion) return { found: true, flavor: 'v2', version: pluginVersion, command: ['docker', 'compose'] };
  const standalone = await attempt(['docker-compose', 'version', '--short']);
  const version = standalone === undefined ? undefined : parseShortVersion(standalone);
  if (version) return { found: true, flavor: version.startsWith('1.') ? 'v1' : 'v2', version, command: ['docker-compose'] };
  return { found: false };
}
