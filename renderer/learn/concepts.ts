import { use } from 'react';

import type { Concept } from '@shared/concepts';

import type { Language } from '../i18n';

export type { Concept };

export interface Chapter {
  id: string;
  de: string;
  en: string;
}

export interface ConceptCatalog {
  all: Concept[];
  get(id: string): Concept | undefined;
}

/**
 * The concept texts of one language, parsed when the app is built (see conceptCatalog in
 * electron.vite.config.ts): each language is a chunk of its own, loaded when a concept is first
 * shown, and only the language the learner reads.
 */
const catalogs: Record<Language, () => Promise<{ default: Concept[] }>> = {
  de: () => import('virtual:lotse-concepts/de'),
  en: () => import('virtual:lotse-concepts/en'),
};

const chapterFile = import.meta.glob<Chapter[]>('../../resources/concepts/chapters.json', {
  import: 'default',
  eager: true,
});

const loading = new Map<Language, Promise<ConceptCatalog>>();

export function loadConcepts(language: Language): Promise<ConceptCatalog> {
  let catalog = loading.get(language);
  if (!catalog) {
    catalog = catalogs[language]().then(({ default: all }) => {
      const byId = new Map(all.map((c) => [c.id, c]));
      return { all, get: (id) => byId.get(id) };
    });
    // A failed load (the chunk could not be fetched) is tried again next time.
    catalog.catch(() => loading.delete(language));
    loading.set(language, catalog);
  }
  return catalog;
}

/** The language's concepts inside a component; it suspends until they are loaded. */
export function useConcepts(language: Language): ConceptCatalog {
  return use(loadConcepts(language));
}

export function chapters(): Chapter[] {
  return Object.values(chapterFile)[0] ?? [];
}
