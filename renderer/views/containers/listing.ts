import type { ContainerSummary, PublishedPort } from '@shared/dto/containers';

export type StateFilter = 'all' | 'running' | 'stopped' | 'paused';
export type SortKey = 'name' | 'created' | 'state' | 'image';
export type GroupKey = 'none' | 'compose' | 'swarm';

export type Row =
  | { kind: 'group'; key: string; label: string; count: number }
  | { kind: 'container'; container: ContainerSummary };

const stateOrder: Record<string, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, dead: 5, removing: 6 };

/** Search, filter, sort and group: pure, so 2,000 containers are a matter of milliseconds. */
export function buildRows(
  all: ContainerSummary[],
  options: { search: string; state: StateFilter; sort: SortKey; group: GroupKey },
): Row[] {
  const needle = options.search.trim().toLowerCase();
  const matches = all.filter((c) => {
    if (options.state === 'running' && c.state !== 'running' && c.state !== 'restarting') return false;
    if (options.state === 'paused' && c.state !== 'paused') return false;
    if (options.state === 'stopped' && !['exited', 'created', 'dead'].includes(c.state)) return false;
    if (!needle) return true;
    return (
      c.name.toLowerCase().includes(needle) ||
      c.image.toLowerCase().includes(needle) ||
      c.id.startsWith(needle) ||
      (c.composeProject ?? '').toLowerCase().includes(needle) ||
      c.ports.some((p) => String(p.hostPort ?? '') === needle)
    );
  });
  const compare: Record<SortKey, (a: ContainerSummary, b: ContainerSummary) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    created: (a, b) => b.created - a.created,
    state: (a, b) => (stateOrder[a.state] ?? 9) - (stateOrder[b.state] ?? 9) || a.name.localeCompare(b.name),
    image: (a, b) => a.image.localeCompare(b.image) || a.name.localeCompare(b.name),
  };
  matches.sort(compare[options.sort]);
  if (options.group === 'none') return matches.map((container) => ({ kind: 'container', container }));
  const groupOf = (c: ContainerSummary): string => (options.group === 'compose' ? c.composeProject : c.swarmService) ?? '';
  const groups = new Map<string, ContainerSummary[]>();
  for (const c of matches) {
    const key = groupOf(c);
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const rows: Row[] = [];
  // Named groups first, alphabetically; the containers of no project last.
  for (const key of [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))) {
    const list = groups.get(key) ?? [];
    rows.push({ kind: 'group', key, label: key, count: list.length });
    for (const container of list) rows.push({ kind: 'container', container });
  }
  return rows;
}

/** A link for a published port: 0.0.0.0 and :: mean "every address", so the browser goes to localhost. */
export function portUrl(port: PublishedPort): string | undefined {
  if (!port.hostPort || port.protocol !== 'tcp') return undefined;
  const host = !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? '127.0.0.1' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `http://${host}:${port.hostPort}/`;
}

export function portLabel(port: PublishedPort): string {
  const proto = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  return port.hostPort ? `${port.hostPort}→${port.containerPort}${proto}` : `${port.containerPort}${proto}`;
}
