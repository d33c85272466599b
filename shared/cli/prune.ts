import type { PruneRequest, PruneRequestInput } from '../dto/prune';
import { apiAtLeast } from '../rules/api-version';
import { cli } from './shell';

/** Engines from API 1.42 (Docker 23) know the volume prune filter `all`; older ones prune every unused volume. */
export function hasVolumeAllFilter(apiVersion: string): boolean {
  return apiAtLeast(apiVersion, '1.42');
}

function filterWords(request: PruneRequestInput, withUntil: boolean): string[] {
  const f = request.filters ?? {};
  return [
    ...(withUntil && f.until ? ['--filter', `until=${f.until}`] : []),
    ...(f.labels ?? []).flatMap((l) => ['--filter', `label=${l}`]),
    ...(f.notLabels ?? []).flatMap((l) => ['--filter', `label!=${l}`]),
  ];
}

/** The docker CLI command(s) that do what the request does. */
export function pruneCommands(request: PruneRequestInput, apiVersion: string): string[] {
  const all = request.all ?? false;
  switch (request.kind) {
    case 'containers':
      return [cli('docker', 'container', 'prune', ...filterWords(request, true))];
    case 'images':
      return [cli('docker', 'image', 'prune', all && '-a', ...filterWords(request, true))];
    case 'volumes': {
      const allFilter = all && hasVolumeAllFilter(apiVersion) ? ['--filter', 'all=true'] : [];
      return [cli('docker', 'volume', 'prune', ...allFilter, ...filterWords(request, false))];
    }
    case 'networks':
      return [cli('docker', 'network', 'prune', ...filterWords(request, true))];
    case 'buildCache':
      return [cli('docker', 'builder', 'prune', all && '-a', ...filterWords(request, true))];
    case 'system':
      return [cli('docker', 'system', 'prune', all && '-a', (request.volumes ?? false) && '--volumes', ...filterWords(request, true))];
  }
}

/** A crontab line that runs the same prune every night at 03:00 without asking (-f). */
export function cronLine(request: PruneRequest): string {
  const [command = ''] = pruneCommands({ ...request, filters: { ...request.filters, until: request.filters.until ?? '24h' } }, '1.41');
  const forced = command.replace(/^docker (\w+) prune/, 'docker $1 prune -f');
  return `0 3 * * * ${forced} >/dev/null 2>&1`;
}

/**
 * The engine's `until` (a Go duration like 24h or 1h30m, an RFC 3339 date or day, or Unix seconds)
 * as whole Unix seconds, or undefined when it is none of these.
 */
export function resolveUntil(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.floor(Number(text));
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) {
    let ms = 0;
    for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(match[1]) * (units[match[2] ?? 's'] ?? 0);
    return Math.floor((nowMs - ms) / 1000);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    // Without a zone the engine reads the date in its own (local) time, as Date.parse does for date-times.
    const parsed = Date.parse(text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T'));
    return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
  }
  return undefined;
}
