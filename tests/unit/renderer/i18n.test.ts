import { describe, expect, it } from 'vitest';

import de from '../../../renderer/i18n/locales/de/common.json';
import en from '../../../renderer/i18n/locales/en/common.json';

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('translations', () => {
  it('have the same keys in German and English', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('have no empty texts', () => {
    const empty = (tree: unknown) => keys(tree).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree) === '');
    expect(empty(de)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
