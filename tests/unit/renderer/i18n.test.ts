import { describe, expect, it } from 'vitest';

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { errorCodes, errorReasons, paramIssueCodes } from '@shared/errors';
import type { NameIssueCode } from '@shared/rules/names';

import { languages, loadTexts, namespaces } from './translate';

/** Every text as key → string, keys joined with dots. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  if (value && typeof value === 'object') {
    return new Map(Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [...flatten(v, prefix ? `${prefix}.${k}` : k)]));
  }
  return new Map([[prefix, value]]);
}

const variables = (text: unknown): string[] => [...String(text).matchAll(/{{\s*([\w.]+)[^}]*}}/g)].map((m) => m[1] ?? '').sort();

describe.each(namespaces)('translations of %s', (namespace) => {
  const de = flatten(loadTexts('de', namespace));
  const en = flatten(loadTexts('en', namespace));

  it('have the same keys in German and English', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('are non-empty strings', () => {
    for (const texts of [de, en]) {
      const bad = [...texts].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
      expect(bad).toEqual([]);
    }
  });

  it('fill in the same variables in both languages', () => {
    const differing = [...de.keys()].filter((key) => en.has(key) && variables(de.get(key)).join() !== variables(en.get(key)).join());
    expect(differing).toEqual([]);
  });
});

// Each naming rule's code, listed here so that the compiler notices a code added to shared/rules/names.ts.
const nameCodes = ['empty', 'tooLong', 'tooShort', 'badStart', 'badChar', 'uppercase', 'badTag', 'badDigest', 'leadingSlash', 'reserved'] as const satisfies readonly NameIssueCode[];
const everyNameCode: Exclude<NameIssueCode, (typeof nameCodes)[number]> extends never ? true : false = true;

describe.each(languages)('error texts in %s', (language) => {
  const common = flatten(loadTexts(language, 'common'));
  const errors = flatten(loadTexts(language, 'errors'));
  const has = (texts: Map<string, unknown>, key: string): boolean => typeof texts.get(key) === 'string';

  it('name every error code', () => {
    expect(errorCodes.filter((code) => !has(common, `errors.${code}`))).toEqual([]);
  });

  it('say every reason the engine gives, with what to do', () => {
    expect(errorReasons.filter((reason) => !has(errors, `reasons.${reason}`) || !has(errors, `hints.${reason}`))).toEqual([]);
  });

  it('say every refused value, and every naming rule for names and image references', () => {
    expect(everyNameCode).toBe(true);
    expect(paramIssueCodes.filter((code) => !has(errors, `value.${code}`))).toEqual([]);
    expect(nameCodes.filter((code) => !paramIssueCodes.includes(code))).toEqual([]);
    for (const subject of ['name', 'reference']) {
      expect(nameCodes.filter((code) => !has(errors, `${subject}.${code}`))).toEqual([]);
      expect(has(errors, `${subject}.space`)).toBe(true);
    }
  });
});

// The run dialog's issues name their code in the containers service; the UI says each in both languages.
const serviceDir = resolve(import.meta.dirname, '../../../electron/services/containers');
const runIssueCodes = ['spec.ts', 'checks.ts'].flatMap((file) =>
  [...readFileSync(resolve(serviceDir, file), 'utf8').matchAll(/\bcode: '(\w+)', params:/g)].map((m) => m[1] ?? ''),
);

describe.each(languages)('run dialog issues in %s', (language) => {
  it('have a sentence for every code the containers service names', () => {
    expect(runIssueCodes.length).toBeGreaterThan(20);
    const issues = flatten(loadTexts(language, 'containers'));
    expect(runIssueCodes.filter((code) => typeof issues.get(`issues.${code}`) !== 'string')).toEqual([]);
  });
});
