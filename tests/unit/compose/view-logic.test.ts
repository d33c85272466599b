import { describe, expect, it } from 'vitest';

import { analyze, RULES } from '@shared/compose/doctor';
import type { ComposeProject } from '@shared/compose/dto';

import { applyProjects, projectOfEvent } from '../../../renderer/stores/compose-list';
import { sayFinding } from '../../../renderer/views/compose/findings';
import { layoutProject } from '../../../renderer/views/compose/graph-layout';
import { serviceColor } from '../../../renderer/views/compose/colors';
import { MISSING, translator } from '../renderer/translate';

const project = (name: string, services: [string, number, number][]): ComposeProject => ({
  name,
  configFiles: [],
  oneOffs: [],
  state: 'running',
  services: services.map(([s, running, total]) => ({
    name: s,
    running,
    total,
    state: running === total ? 'running' : 'partial',
    containers: Array.from({ length: total }, (_, i) => ({
      id: `${s}${String(i)}`,
      name: `${name}_${s}_${String(i + 1)}`,
      service: s,
      number: i + 1,
      state: i < running ? 'running' : 'exited',
      health: 'none' as const,
      status: '',
      image: 'x',
      ports: [],
      created: 0,
    })),
  })),
});

describe('the project list follows the engine', () => {
  it('takes the project of a Compose container event, and ignores what does not change a project', () => {
    const event = { type: 'container', action: 'start', id: 'c1', attributes: { 'com.docker.compose.project': 'shop' }, time: 0 };
    expect(projectOfEvent(event)).toBe('shop');
    expect(projectOfEvent({ ...event, action: 'exec_start: sh' })).toBeUndefined();
    expect(projectOfEvent({ ...event, attributes: {} })).toBeUndefined();
    expect(projectOfEvent({ ...event, type: 'network' })).toBeUndefined();
  });

  it('replaces re-read projects, drops the ones gone, and leaves the others as they were', () => {
    const a = project('a', [['web', 1, 1]]);
    const b = project('b', [['web', 1, 1]]);
    const next = applyProjects({ a, b }, ['a', 'c'], [project('a', [['web', 2, 2]])]);
    expect(Object.keys(next).sort()).toEqual(['a', 'b']);
    expect(next.b).toBe(b);
    expect(next.a?.services[0]?.total).toBe(2);
    expect(applyProjects({ a, b }, ['a'], []).a).toBeUndefined();
  });
});

describe('the graph shows what the file wants against what runs', () => {
  it('marks a service not running, an orphan, and a scale that differs', () => {
    const { model } = analyze({
      files: [{ path: 'c.yml', text: 'services:\n  web:\n    image: w\n    deploy:\n      replicas: 2\n    ports: ["80"]\n  db:\n    image: d\n    volumes: ["data:/d"]\n  cache:\n    image: c\nvolumes:\n  data:\n' }],
      flavor: 'v2',
    });
    const live = project('shop', [
      ['web', 3, 3],
      ['db', 1, 1],
      ['old', 1, 1],
    ]);
    const { nodes, edges } = layoutProject(model, live);
    const diff = Object.fromEntries(nodes.filter((n) => n.kind === 'service').map((n) => [n.label, n.diff]));
    expect(diff).toEqual({ cache: 'not-running', db: 'ok', old: 'orphan', web: 'scale-differs' });
    expect(edges.find((e) => e.kind === 'volume')).toMatchObject({ source: 's:db', target: 'v:data', label: '/d' });
    expect(nodes.find((n) => n.id === 'n:default')?.detail).toBe('shop_default');
    expect(nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
  });
});

describe('finding texts', () => {
  it.each(['de', 'en'] as const)('every rule of the doctor says itself in %s, with its shape and suggestion filled in', async (language) => {
    const t = await translator(language, 'compose');
    for (const rule of Object.keys(RULES)) {
      const said = sayFinding({ rule, severity: 'error', at: { file: 'c.yml', line: 1, column: 1, endLine: 1, endColumn: 2 }, params: { shape: 'list', key: 'k', suggestion: 's' } }, t);
      for (const text of Object.values(said)) expect(text, rule).not.toContain(MISSING);
    }
    const [typo] = analyze({ files: [{ path: 'c.yml', text: 'services:\n  app:\n    imgae: x\n' }], flavor: 'v2' }).findings;
    expect(sayFinding(typo!, t).fix).toContain('image');
  });

  it('gives each service the same colour every time', () => {
    expect(serviceColor(['web', 'db'], 'web')).toBe(serviceColor(['db', 'web'], 'web'));
    expect(serviceColor(['web', 'db'], 'web')).not.toBe(serviceColor(['web', 'db'], 'db'));
  });
});
