import type { Language } from '../i18n';

export interface Localized {
  de: string;
  en: string;
}

export interface Exercise {
  id: string;
  number: number;
  /** The course part; every part's checks run against the engine (kube: against the cluster last used in Lotse). */
  area: 'docker' | 'compose' | 'swarm' | 'kube';
  concepts: string[];
  title: Localized;
  goal: Localized;
  steps: Localized[];
  hints: Localized[];
  checks: (Localized & { id: string })[];
}

const files = import.meta.glob<Exercise>('../../resources/exercises/*.json', { import: 'default', eager: true });

const all: Exercise[] = Object.values(files).sort((a, b) => a.number - b.number);

export function exercises(): Exercise[] {
  return all;
}

export function exercise(id: string): Exercise | undefined {
  return all.find((e) => e.id === id);
}

export function text(value: Localized, language: Language): string {
  return value[language] || value.en;
}
