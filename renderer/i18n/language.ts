import addresses from 'virtual:lotse-texts';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

/** A language's texts: namespace (locales/<language>/<namespace>.json) → its texts. */
export type Texts = Record<string, Record<string, unknown>>;

const STORAGE_KEY = 'lotse.language';

/** German when the user chose it or the OS/browser speaks German; English otherwise. */
function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
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

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts until the page closes.
  }
}

const loads = new Map<Language, Promise<Texts>>();

/** The texts of one language, fetched once; a failed fetch is tried again on the next call. */
export function fetchTexts(language: Language): Promise<Texts> {
  let load = loads.get(language);
  if (!load) {
    load = fetch(addresses[language] ?? '').then(async (response) => {
      if (!response.ok) throw new Error(`The ${language} texts could not be loaded (HTTP ${response.status}).`);
      return (await response.json()) as Texts;
    });
    load.catch(() => loads.delete(language));
    loads.set(language, load);
  }
  return load;
}

/** The language the window starts in. */
export const startLanguage = initialLanguage(storedLanguage(), navigator.languages.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = startLanguage;
// Asked for now, before the rest of the app's code runs: the texts arrive while it does.
void fetchTexts(startLanguage).catch(() => undefined);
