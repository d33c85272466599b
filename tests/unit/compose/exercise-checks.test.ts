import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { composeExerciseChecks } from '../../../electron/services/learn/checks/compose';

const exercise = (file: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/exercises', file), 'utf8')) as { id: string; checks: { id: string }[] };

describe('the Compose chapter exercises', () => {
  it.each(['08-compose-web.json', '09-compose-wordpress.json', '10-company-it.json'])('%s: a check function for every check in the file, and no other', (file) => {
    const e = exercise(file);
    expect(Object.keys(composeExerciseChecks[e.id] ?? {}).sort()).toEqual(e.checks.map((c) => c.id).sort());
  });

  it('has a sentence for every reason a check gives, in German and English', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../../electron/services/learn/checks/compose.ts'), 'utf8');
    const reasons = [...new Set([...source.matchAll(/(?:pass|fail)\('([a-z0-9-]+)'/g)].map((m) => m[1] ?? ''))];
    expect(reasons.length).toBeGreaterThan(10);
    for (const language of ['de', 'en']) {
      const texts = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../renderer/i18n/locales/${language}/learn.json`), 'utf8')) as { checks: Record<string, string> };
      expect(reasons.filter((r) => typeof texts.checks[r] !== 'string'), language).toEqual([]);
    }
  });
});
