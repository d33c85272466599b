import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import i18next from 'i18next';

import type { Translate } from '../../../renderer/components/errorText';

export const localeDir = resolve(import.meta.dirname, '../../../renderer/i18n/locales');
export const languages = ['de', 'en'] as const;
export const namespaces = readdirSync(join(localeDir, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

export function loadTexts(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(localeDir, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;
}

/** How a text that is not there shows. */
export const MISSING = 'MISSING:';

/** The app's texts in one language, without falling back to another: a missing text shows as MISSING:key. */
export async function translator(language: (typeof languages)[number], defaultNS = 'common'): Promise<Translate> {
  const instance = i18next.createInstance();
  const resources = { [language]: Object.fromEntries(namespaces.map((ns) => [ns, loadTexts(language, ns)])) };
  await instance.init({
    resources,
    lng: language,
    fallbackLng: false,
    ns: namespaces,
    defaultNS,
    interpolation: { escapeValue: false },
    parseMissingKeyHandler: (key) => `${MISSING}${key}`,
  });
  return instance.getFixedT<string>(language, defaultNS);
}
