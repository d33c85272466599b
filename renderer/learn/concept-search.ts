import type { Concept } from './concepts';

/** Lower case without diacritics, so "ueberlagerung" and "Überlagerung" find each other. */
export function fold(value: string): string {
  return value
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Concepts whose title, id, summary, commands or text contain every word of the query; title hits first. */
export function searchConcepts(concepts: readonly Concept[], query: string): Concept[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...concepts];
  const scored: { concept: Concept; score: number }[] = [];
  for (const concept of concepts) {
    const head = fold(`${concept.title} ${concept.id}`);
    const rest = fold(`${concept.summary} ${concept.commands.join(' ')} ${concept.body}`);
    if (!words.every((w) => head.includes(w) || rest.includes(w))) continue;
    scored.push({ concept, score: words.filter((w) => head.includes(w)).length });
  }
  return scored.sort((a, b) => b.score - a.score || a.concept.title.localeCompare(b.concept.title)).map((s) => s.concept);
}
