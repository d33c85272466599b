import { parse } from 'yaml';

/** A concept text of the course: resources/concepts/<language>/<id>.md, YAML front matter and a Markdown body. */
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

/** Splits `---` front matter (YAML) from the Markdown body. The build does this, so the app never parses YAML. */
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
