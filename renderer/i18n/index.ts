import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { fetchTexts, type Language, startLanguage, storeLanguage } from './language';

export { type Language, languages } from './language';

/**
 * One JSON file per language and area (namespace): locales/<language>/<area>.json, served as one file
 * per language (languageTexts in electron.vite.config.ts). Only the learner's language is loaded (both
 * have the same keys, a unit test makes sure); the other one when the learner switches.
 */
async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'common')) return;
  for (const [namespace, bundle] of Object.entries(await fetchTexts(language))) i18next.addResourceBundle(language, namespace, bundle);
}

export function setLanguage(language: Language): void {
  storeLanguage(language);
  void loadLanguage(language).then(() => i18next.changeLanguage(language));
  document.documentElement.lang = language;
}

/** Resolves when the texts of the learner's language are there: the app renders after that. */
export const textsReady: Promise<void> = fetchTexts(startLanguage).then((namespaces) =>
  i18next
    .use(initReactI18next)
    .init({
      resources: { [startLanguage]: namespaces },
      ns: Object.keys(namespaces),
      lng: startLanguage,
      fallbackLng: false,
      defaultNS: 'common',
      // Named, not left to i18next's default: then it does not test every key for looking like a
      // sentence (a regular expression per call: a sixth of the first render's text lookups, profiled).
      nsSeparator: ':',
      keySeparator: '.',
      interpolation: { escapeValue: false },
      returnNull: false,
    })
    .then(() => undefined),
);

export default i18next;
