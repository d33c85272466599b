import { describe, expect, it } from 'vitest';

import { cronLine, pruneCommands, resolveUntil } from '@shared/cli/prune';
import { PruneRequest } from '@shared/dto/prune';

import { layerSizes } from '../../../electron/services/prune/facts';
import { type ContainerFact, type EngineFacts, type ImageFact, matchLabels, type VolumeFact, planPrune } from '../../../electron/services/prune/rules';

const none = { labels: [], notLabels: [], until: undefined };

function image(id: string, over: Partial<ImageFact> = {}): ImageFact {
  return { id, parentId: '', refs: [], labels: {}, created: 100, layers: [{ chainId: `c-${id}`, size: 10 }], ...over };
}
function container(id: string, imageId: string, state: string, over: Partial<ContainerFact> = {}): ContainerFact {
  return { id, name: id, state, imageId, labels: {}, created: 100, sizeRw: 5, volumes: [], endpoints: {}, ...over };
}
function facts(over: Partial<EngineFacts>): EngineFacts {
  return { apiVersion: '1.41', images: [], containers: [], volumes: [], networks: [], buildCache: [], ...over };
}
const ids = (plan: ReturnType<typeof planPrune>, action = 'delete'): string[] =>
  plan.items.filter((i) => i.action === action).map((i) => (action === 'untag' ? i.name : i.id)).sort();

describe('label filters as daemon/prune.go matches them', () => {
  it('needs every label=, and drops only what matches all label!=', () => {
    expect(matchLabels({ ...none, labels: ['a', 'b=1'] }, { a: 'x', b: '1' })).toBe(true);
    expect(matchLabels({ ...none, labels: ['b=2'] }, { b: '1' })).toBe(false);
    expect(matchLabels({ ...none, notLabels: ['a', 'c'] }, { a: 'x' })).toBe(true);
    expect(matchLabels({ ...none, notLabels: ['a'] }, { a: 'x' })).toBe(false);
    expect(matchLabels({ ...none, labels: ['a'] }, {})).toBe(false);
  });
});

describe('image prune rules', () => {
  const base = image('base', { refs: ['base:1'], layers: [{ chainId: 'L1', size: 100 }] });
  const mid = image('mid', { parentId: 'base', layers: [{ chainId: 'L1', size: 100 }, { chainId: 'L2', size: 20 }] });
  const app = image('app', { parentId: 'mid', refs: ['app:1'], layers: [...mid.layers, { chainId: 'L3', size: 3 }] });
  const old = image('old', { parentId: 'mid', layers: [...mid.layers, { chainId: 'L4', size: 4 }] });

  it('dangling only: removes the untagged head, keeps the shared parent', () => {
    const plan = planPrune(PruneRequest.parse({ kind: 'images' }), facts({ images: [base, mid, app, old] }), none);
    expect(ids(plan)).toEqual(['old']);
    expect(plan.items[0]?.sizeBytes).toBe(4);
  });

  it('-a: untags, deletes, and takes untagged parents nothing else needs', () => {
    const plan = planPrune(PruneRequest.parse({ kind: 'images', all: true }), facts({ images: [base, mid, app, old] }), none);
    expect(ids(plan)).toEqual(['app', 'base', 'mid', 'old']);
    expect(plan.items.filter((i) => i.action === 'delete').reduce((s, i) => s + i.sizeBytes, 0)).toBe(127);
    expect(plan.layers).toBe(4);
  });

  it('-a: an image a container uses keeps its last tag (in byte order) and its parents', () => {
    const multi = image('multi', { parentId: 'mid', refs: ['z:1', 'a:1'], layers: [...mid.layers, { chainId: 'L5', size: 5 }] });
    const plan = planPrune(
      PruneRequest.parse({ kind: 'images', all: true }),
      facts({ images: [base, mid, multi], containers: [container('c', 'multi', 'exited')] }),
      none,
    );
    expect(ids(plan, 'untag')).toEqual(['a:1', 'base:1']);
    expect(ids(plan)).toEqual([]);
    expect(plan.notes).toContain('image-untag-inuse');
  });

  it('system prune: a stopped container goes first, then its image', () => {
    const plan = planPrune(
      PruneRequest.parse({ kind: 'system', all: true }),
      facts({ images: [base], containers: [container('c', 'base', 'exited'), container('r', 'x', 'paused')] }),
      none,
    );
    expect(ids(plan)).toEqual(['base', 'c']);
  });

  it('until: objects created at or after the cut-off stay', () => {
    const plan = planPrune(
      PruneRequest.parse({ kind: 'containers' }),
      facts({ containers: [container('young', 'x', 'exited', { created: 200 }), container('aged', 'x', 'exited', { created: 50 })] }),
      { ...none, until: 100 },
    );
    expect(ids(plan)).toEqual(['aged']);
  });
});

describe('network and volume prune rules', () => {
  it('networks: predefined and those with an endpoint stay; a stopped container holds none', () => {
    const plan = planPrune(
      PruneRequest.parse({ kind: 'networks' }),
      facts({
        networks: ['bridge', 'used', 'stopped'].map((name) => ({ id: `id-${name}`, name, labels: {}, created: 0, configOnly: false })),
        containers: [
          container('a', 'x', 'running', { endpoints: { 'id-used': 'ep1' } }),
          container('b', 'x', 'exited', { endpoints: { 'id-stopped': '' } }),
        ],
      }),
      none,
    );
    expect(plan.items.map((i) => [i.id, i.name])).toEqual([['id-stopped', 'stopped']]);
    expect(plan.kept.find((k) => k.id === 'id-used')?.reason).toBe('has-endpoints');
  });

  it('volumes: API 1.41 takes named ones, API 1.42 only anonymous unless all', () => {
    const volumes: VolumeFact[] = [
      { name: 'named', driver: 'local', labels: {}, sizeBytes: 1, created: undefined },
      { name: 'anon', driver: 'local', labels: { 'com.docker.volume.anonymous': '' }, sizeBytes: 2, created: undefined },
      { name: 'used', driver: 'local', labels: {}, sizeBytes: 3, created: undefined },
    ];
    const containers = [container('c', 'x', 'exited', { volumes: ['used'] })];
    const request = PruneRequest.parse({ kind: 'volumes' });
    expect(ids(planPrune(request, facts({ volumes, containers }), none))).toEqual(['anon', 'named']);
    expect(ids(planPrune(request, facts({ apiVersion: '1.43', volumes, containers }), none))).toEqual(['anon']);
    expect(ids(planPrune({ ...request, all: true }, facts({ apiVersion: '1.43', volumes, containers }), none))).toEqual(['anon', 'named']);
  });
});

describe('prune commands and filters', () => {
  it('builds the CLI command', () => {
    const request = PruneRequest.parse({ kind: 'system', all: true, volumes: true, filters: { labels: ['a=b'], notLabels: ['keep'] } });
    expect(pruneCommands(request, '1.41')).toEqual(['docker system prune -a --volumes --filter label=a=b --filter \'label!=keep\'']);
    expect(pruneCommands({ kind: 'volumes', all: true }, '1.41')).toEqual(['docker volume prune']);
    expect(pruneCommands({ kind: 'volumes', all: true }, '1.43')).toEqual(['docker volume prune --filter all=true']);
    expect(cronLine(PruneRequest.parse({ kind: 'system', all: true }))).toBe('0 3 * * * docker system prune -f -a --filter until=24h >/dev/null 2>&1');
  });

  it('reads until as the engine does', () => {
    const now = Date.UTC(2026, 0, 2);
    expect(resolveUntil('24h', now)).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(resolveUntil('1h30m', now)).toBe(now / 1000 - 5400);
    expect(resolveUntil('1700000000', now)).toBe(1700000000);
    expect(resolveUntil('2026-01-01T00:00:00Z', now)).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(resolveUntil('yesterday', now)).toBeUndefined();
  });

  it('maps history sizes to layers, skipping metadata-only steps', () => {
    const history = [
      { Size: 0, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
      { Size: 0, CreatedBy: '/bin/sh -c touch /empty' },
      { Size: 7, CreatedBy: '/bin/sh -c #(nop) COPY file:x in /' },
    ];
    expect(layerSizes(2, history)).toEqual([7, 0]);
  });
});
