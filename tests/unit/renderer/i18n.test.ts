import { describe, expect, it } from 'vitest';

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const localeDir = resolve(import.meta.dirname, '../../../renderer/i18n/locales');
const namespaces = readdirSync(join(localeDir, 'en')).filter((f) => f.endsWith('.json'));
const load = (language: string, file: string): unknown => JSON.parse(readFileSync(join(localeDir, language, file), 'utf8'));

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe.each(namespaces)('translations of %s', (file) => {
  const de = load('de', file);
  const en = load('en', file);

  it('have the same keys in German and English', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('have no empty texts', () => {
    const empty = (tree: unknown) => keys(tree).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree) === '');
    expect(empty(de)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
