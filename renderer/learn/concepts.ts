import { parse } from 'yaml';

import type { Language } from '../i18n';

export interface Concept {
  id: string;
  title: string;
  chapter: string;
  summary: string;
  related: string[];
  commands: string[];
  diagram: string | undefined;
  body: string;
}

export interface Chapter {
  id: string;
  de: string;
  en: string;
}

const files = import.meta.glob<string>('../../resources/concepts/*/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const chapterFile = import.meta.glob<Chapter[]>('../../resources/concepts/chapters.json', {
  import: 'default',
  eager: true,
});

/** Splits `---` front matter (YAML) from the Markdown body. */
export function parseConcept(source: string): Concept {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error('A concept file must start with --- front matter ---');
  const meta = parse(match[1] ?? '') as Partial<Record<keyof Concept, unknown>>;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : []);
  return {
    id: text(meta.id),
    title: text(meta.title),
    chapter: text(meta.chapter),
    summary: text(meta.summary),
    related: list(meta.related),
    commands: list(meta.commands),
    diagram: typeof meta.diagram === 'string' ? meta.diagram : undefined,
    body: (match[2] ?? '').trim(),
  };
}

const catalog: Record<Language, Map<string, Concept>> = { de: new Map(), en: new Map() };
for (const [path, source] of Object.entries(files)) {
  const language = /concepts\/(de|en)\//.exec(path)?.[1] as Language | undefined;
  if (!language) continue;
  const concept = parseConcept(source);
  catalog[language].set(concept.id, concept);
}

export function concept(language: Language, id: string): Concept | undefined {
  return catalog[language].get(id) ?? catalog.en.get(id);
}

export function allConcepts(language: Language): Concept[] {
  return [...catalog[language].values()];
}

export function chapters(): Chapter[] {
  return Object.values(chapterFile)[0] ?? [];
}
