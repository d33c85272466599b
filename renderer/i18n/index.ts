import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

/**
 * One JSON file per language and area (namespace): locales/<language>/<area>.json, gathered into one
 * chunk per language. Only the learner's language is loaded (both have the same keys, a unit test
 * makes sure); the other one when the learner switches.
 */
const files: Record<Language, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  de: () => import('./texts/de'),
  en: () => import('./texts/en'),
};

/** A language's texts by namespace: `../locales/<language>/<namespace>.json` → namespace → texts. */
async function texts(language: Language): Promise<Record<string, Record<string, unknown>>> {
  const { default: byFile } = await files[language]();
  const byNamespace: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of Object.entries(byFile)) {
    const namespace = /\/([\w-]+)\.json$/.exec(path)?.[1];
    if (namespace) byNamespace[namespace] = value;
  }
  return byNamespace;
}

async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'common')) return;
  for (const [namespace, bundle] of Object.entries(await texts(language))) i18next.addResourceBundle(language, namespace, bundle);
}

const STORAGE_KEY = 'lotse.language';

/** German when the user chose it or the OS/browser speaks German; English otherwise. */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored === 'de' || stored === 'en') return stored;
  return preferred.some((l) => l.toLowerCase().startsWith('de')) ? 'de' : 'en';
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts until the page closes.
  }
  void loadLanguage(language).then(() => i18next.changeLanguage(language));
  document.documentElement.lang = language;
}

const language = initialLanguage(storedLanguage(), navigator.languages.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = language;

/** Resolves when the texts of the learner's language are there: the app renders after that. */
export const textsReady: Promise<void> = texts(language).then((namespaces) =>
  i18next
    .use(initReactI18next)
    .init({
      resources: { [language]: namespaces },
      ns: Object.keys(namespaces),
      lng: language,
      fallbackLng: false,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
    })
    .then(() => undefined),
);

export default i18next;
