import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

// One JSON file per language and area (namespace): locales/<language>/<area>.json.
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { import: 'default', eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, texts] of Object.entries(files)) {
  const [, language, namespace] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? [];
  if (!language || !namespace) continue;
  (resources[language] ??= {})[namespace] = texts;
}

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

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
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

const language = initialLanguage(storedLanguage(), navigator.languages.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = language;

void i18next.use(initReactI18next).init({
  resources,
  ns: Object.keys(resources.en ?? {}),
  lng: language,
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
