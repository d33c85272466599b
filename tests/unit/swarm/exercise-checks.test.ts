import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { swarmExerciseChecks } from '../../../electron/services/learn/checks/swarm';

const dir = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'exercises');
const locales = resolve(import.meta.dirname, '..', '..', '..', 'renderer', 'i18n', 'locales');

describe('the Swarm exercises', () => {
  const files = readdirSync(dir)
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; area: string; checks: { id: string }[] })
    .filter((e) => e.area === 'swarm');

  it('have a check function for every check in their files (11, 12, 13), and none more', () => {
    expect(files.map((e) => e.id).sort()).toEqual(['distributed-webserver', 'rolling-update', 'swarm-setup']);
    for (const e of files) expect(Object.keys(swarmExerciseChecks[e.id] ?? {}).sort(), e.id).toEqual(e.checks.map((c) => c.id).sort());
    expect(Object.keys(swarmExerciseChecks).sort()).toEqual(files.map((e) => e.id).sort());
  });

  it('say every reason in German and English', () => {
    const source = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'electron', 'services', 'learn', 'checks', 'swarm.ts'), 'utf8');
    const reasons = [...source.matchAll(/(?:pass|fail)\('([a-z0-9-]+)'/g)].map((m) => m[1] ?? '');
    expect(reasons.length).toBeGreaterThan(10);
    for (const language of ['de', 'en']) {
      const checks = (JSON.parse(readFileSync(join(locales, language, 'learn.json'), 'utf8')) as { checks: Record<string, string> }).checks;
      for (const reason of reasons) expect(checks[reason], `${language}: ${reason}`).toBeTruthy();
    }
  });
});
