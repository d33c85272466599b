import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { navigationAreas } from '@shared/areas';
import { parseConcept } from '@shared/concepts';

import { diagrams } from '../../../renderer/learn/diagrams/ConceptDiagram';

const root = resolve(import.meta.dirname, '..', '..', '..');
const ID = /^[a-z0-9][a-z0-9-]*$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

function catalog(language: 'de' | 'en'): Map<string, ReturnType<typeof parseConcept> & { file: string }> {
  const dir = join(root, 'resources', 'concepts', language);
  const map = new Map<string, ReturnType<typeof parseConcept> & { file: string }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    map.set(parseConcept(readFileSync(join(dir, file), 'utf8')).id, { ...parseConcept(readFileSync(join(dir, file), 'utf8')), file });
  }
  return map;
}

const de = catalog('de');
const en = catalog('en');

/** Every concept id the UI asks for: show('…') calls, concept props, concept maps, the area list. */
function referencedInRenderer(): Map<string, string> {
  const found = new Map<string, string>();
  const note = (id: string, where: string): void => {
    if (ID.test(id) && !found.has(id)) found.set(id, where);
  };
  for (const area of navigationAreas) note(area.concept, `shared/areas.ts (${area.id})`);
  for (const file of walk(join(root, 'renderer'))) {
    const source = readFileSync(file, 'utf8');
    const where = relative(root, file);
    // useConcept.getState().show('id', …) — also ids in its ternaries: show(x ? 'a' : 'b').
    for (const call of source.matchAll(/(?<!notifications)\.show\((?!\s*\{)([^;]*?)\)\s*[}\n;]/g)) {
      for (const literal of (call[1] ?? '').matchAll(/(?:^|\(|\?\??|:)\s*['"]([^'"]+)['"]/g)) note(literal[1] ?? '', where);
      // Template ids: network-driver-${value} stands for every driver the networks area offers.
      const template = /`([a-z-]+)-\$\{/.exec(call[1] ?? '');
      if (template?.[1] === 'network-driver') for (const d of ['bridge', 'host', 'none', 'overlay', 'ipvlan', 'macvlan']) note(`network-driver-${d}`, where);
    }
    // <ConceptButton concept="…" /> and { concept: '…' }
    for (const m of source.matchAll(/\bconcept(?:Id)?\s*[=:]\s*\{?\s*['"]([^'"]+)['"]/g)) note(m[1] ?? '', where);
    // conceptId={cond ? 'a' : …}
    for (const m of source.matchAll(/conceptId=\{[^}]*?\?\s*'([^']+)'/g)) note(m[1] ?? '', where);
    // const tabConcepts / DRIVER_CONCEPT … = { key: 'id', … }
    for (const block of source.matchAll(/\b\w*(?:[cC]oncepts?|CONCEPTS?)\b[^=\n]*=\s*\{([^}]*)\}/g)) {
      for (const m of (block[1] ?? '').matchAll(/:\s*'([^']+)'/g)) note(m[1] ?? '', where);
    }
  }
  return found;
}

interface ExerciseFile {
  id: string;
  concepts: string[];
}

describe('concept links', () => {
  it('has the same concepts in German and English, each file named for its id', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [id, concept] of [...de, ...en]) expect(concept.file, id).toBe(`${id}.md`);
    expect(de.size).toBeGreaterThan(50);
  });

  it('resolves every concept the UI opens, in both languages', () => {
    const referenced = referencedInRenderer();
    // Sanity: the walk finds the area list and calls in other areas, not nothing.
    expect(referenced.get('container-vs-vm')).toBeDefined();
    expect(referenced.size).toBeGreaterThan(15);
    const missing = [...referenced].filter(([id]) => !de.has(id) || !en.has(id)).map(([id, where]) => `${id} (${where})`);
    expect(missing).toEqual([]);
  });

  it('resolves every concept an exercise names', () => {
    const dir = join(root, 'resources', 'exercises');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const exercise = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExerciseFile;
      for (const id of exercise.concepts) if (!de.has(id) || !en.has(id)) missing.push(`${id} (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('resolves every related link and every diagram', () => {
    const broken: string[] = [];
    for (const [language, map] of [['de', de], ['en', en]] as const) {
      for (const concept of map.values()) {
        for (const rel of concept.related) if (!map.has(rel)) broken.push(`${language}/${concept.id} → ${rel}`);
        if (concept.diagram && !(concept.diagram in diagrams)) broken.push(`${language}/${concept.id} diagram ${concept.diagram}`);
        if (!concept.title || !concept.summary || !concept.chapter) broken.push(`${language}/${concept.id} lacks title, summary or chapter`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('files every concept under a chapter of the course', () => {
    const chapters = (JSON.parse(readFileSync(join(root, 'resources', 'concepts', 'chapters.json'), 'utf8')) as { id: string }[]).map((c) => c.id);
    const orphans = [...de.values()].filter((c) => !chapters.includes(c.chapter)).map((c) => `${c.id}: ${c.chapter}`);
    expect(orphans).toEqual([]);
  });
});
