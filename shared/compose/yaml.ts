import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar, type YAMLError } from 'yaml';

import type { Position } from './types';

/** A YAML problem as the doctor reports it: `yaml`'s code and where. */
export interface SyntaxProblem {
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** One compose file, parsed with positions. */
export interface ParsedFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Problems of the text as written (duplicate keys apart). */
  syntax: SyntaxProblem[];
  duplicates: SyntaxProblem[];
  /**
   * The text with indentation slips moved to where the neighbouring lines suggest, when that makes it
   * parse: the rules read this document, so a learner sees the rest of the file's findings as well.
   * Columns of shifted lines are mapped back (`shift` per 1-based line).
   */
  readable: { doc: Document.Parsed; lines: LineCounter; text: string; shift: Map<number, number>; moved: number[] } | undefined;
}

const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN']);

function parse(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  // Compose files use `<<: *anchor`; YAML 1.2 turns merge keys off unless asked.
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: false });
  return { doc, lines };
}

function problem(error: YAMLError, lines: LineCounter, text: string): SyntaxProblem {
  const start = lines.linePos(error.pos[0]);
  const end = lines.linePos(Math.max(error.pos[1], error.pos[0]));
  // `yaml` points at the start of a badly indented line; the learner looks for its first character.
  const lineText = text.split('\n')[start.line - 1] ?? '';
  const first = lineText.search(/\S/) + 1;
  const column = start.col === 1 && first > 1 && INDENT_CODES.has(error.code) ? first : start.col;
  return { code: error.code, line: start.line, column, endLine: end.line, endColumn: Math.max(end.col, column), message: error.message.split('\n')[0] ?? '' };
}

export function parseFile(path: string, text: string): ParsedFile {
  const { doc, lines } = parse(text);
  const all = doc.errors.map((e) => problem(e, lines, text));
  const syntax = all.filter((p) => p.code !== 'DUPLICATE_KEY');
  const duplicates = all.filter((p) => p.code === 'DUPLICATE_KEY');
  const readable = syntax.length ? repair(text, syntax) : { doc, lines, text, shift: new Map<number, number>(), moved: [] };
  return { path, text, doc, lines, syntax, duplicates, readable };
}

const indentOf = (line: string): number => line.search(/\S/);
const isItem = (line: string): boolean => /^\s*-(\s|$)/.test(line);
const isBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/**
 * Moves the first badly indented line (with the lines nested under it) to the column of the closest
 * line before it of the same kind (a list item to a list item, a key to a key), as long as that
 * removes problems. Returns undefined when the text cannot be read that way.
 */
function repair(text: string, syntax: SyntaxProblem[]): ParsedFile['readable'] {
  if (syntax.some((p) => !INDENT_CODES.has(p.code))) return undefined;
  let lines = text.split('\n');
  const shift = new Map<number, number>();
  const moved: number[] = [];
  let problems = syntax;
  for (let round = 0; round < 8 && problems.length; round++) {
    const at = problems[0]?.line ?? 0;
    const row = lines[at - 1];
    if (row === undefined || isBlank(row)) return undefined;
    const indent = indentOf(row);
    let target = -1;
    for (let i = at - 2; i >= 0; i--) {
      const before = lines[i] ?? '';
      if (isBlank(before)) continue;
      const theirs = indentOf(before);
      if (theirs < indent && theirs <= 0) break;
      if (isItem(before) === isItem(row) && theirs !== indent && theirs > 0) {
        target = theirs;
        break;
      }
    }
    if (target < 0) return undefined;
    const delta = target - indent;
    const next = [...lines];
    for (let i = at - 1; i < next.length; i++) {
      const current = next[i] ?? '';
      if (i > at - 1 && !isBlank(current) && indentOf(current) <= indent) break;
      if (isBlank(current)) continue;
      next[i] = delta > 0 ? ' '.repeat(delta) + current : current.slice(-delta);
      shift.set(i + 1, (shift.get(i + 1) ?? 0) + delta);
    }
    const { doc, lines: counter } = parse(next.join('\n'));
    const after = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => problem(e, counter, next.join('\n')));
    if (after.length >= problems.length && after[0]?.line === at) return undefined;
    if (after.some((p) => !INDENT_CODES.has(p.code))) return undefined;
    lines = next;
    problems = after;
    moved.push(at);
    if (!problems.length) return { doc, lines: counter, text: next.join('\n'), shift, moved };
  }
  return undefined;
}

/** The document the rules read and how to map its offsets back to the text as written. */
export interface Readable {
  file: ParsedFile;
  doc: Document.Parsed;
  /** The text the document was read from (the file's, or with indentation slips moved). */
  text: string;
  at(node: { range?: [number, number, number] | null } | null | undefined): Position;
}

export function readable(file: ParsedFile): Readable | undefined {
  const r = file.readable;
  if (!r) return undefined;
  return {
    file,
    doc: r.doc,
    text: r.text,
    at: (node) => {
      const range = node?.range ?? [0, 0, 0];
      const start = r.lines.linePos(range[0]);
      const end = r.lines.linePos(range[1]);
      return {
        file: file.path,
        line: start.line,
        column: Math.max(1, start.col - (r.shift.get(start.line) ?? 0)),
        endLine: end.line,
        endColumn: Math.max(1, end.col - (r.shift.get(end.line) ?? 0)),
      };
    },
  };
}

export function positionOf(file: ParsedFile, p: SyntaxProblem): Position {
  return { file: file.path, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

/** Follows an alias to the node it names. */
export function deref(doc: Document.Parsed, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

export interface Entry {
  key: string;
  keyNode: Scalar | null;
  value: Node | null;
}

// Documents are not changed while they are read: each mapping's entries are worked out once.
const entryCache = new WeakMap<object, Entry[]>();

/** A mapping's entries with merge keys (`<<: *base`) applied: own keys win over merged ones. */
export function entries(doc: Document.Parsed, node: unknown): Entry[] {
  const map = deref(doc, node);
  if (!isMap(map)) return [];
  const cached = entryCache.get(map);
  if (cached) return cached;
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const keyNode = isScalar(pair.key) ? pair.key : null;
    // With merge keys on, `yaml` gives `<<` a symbol as its value.
    if (keyNode && keyNode.type === 'PLAIN' && (typeof keyNode.value === 'symbol' || keyNode.value === '<<')) {
      const source = deref(doc, pair.value);
      const sources = isSeq(source) ? source.items.map((i) => deref(doc, i)) : [source];
      for (const s of sources) merged.push(...entries(doc, s));
      continue;
    }
    own.push({ key: keyNode ? String(keyNode.value) : String(pair.key), keyNode, value: deref(doc, pair.value) });
  }
  const seen = new Set(own.map((e) => e.key));
  const all = [...own, ...merged.filter((e) => !seen.has(e.key) && (seen.add(e.key), true))];
  entryCache.set(map, all);
  return all;
}

const byKeyCache = new WeakMap<Entry[], Map<string, Entry>>();

export function entry(doc: Document.Parsed, node: unknown, key: string): Entry | undefined {
  const list = entries(doc, node);
  let byKey = byKeyCache.get(list);
  if (!byKey) {
    byKey = new Map(list.map((e) => [e.key, e]));
    byKeyCache.set(list, byKey);
  }
  return byKey.get(key);
}

export function items(doc: Document.Parsed, node: unknown): Node[] {
  const seq = deref(doc, node);
  return isSeq(seq) ? seq.items.map((i) => deref(doc, i)).filter((i): i is Node => i !== null) : [];
}

/** No value at all: `key:` with nothing after it, or `~` / `null`. */
export function isEmpty(node: Node | null | undefined): boolean {
  return !node || (isScalar(node) && node.value === null);
}

/** The node as plain data (aliases and merge keys resolved). */
export function plain(doc: Document.Parsed, node: Node | null | undefined): unknown {
  if (!node) return null;
  if (isScalar(node)) return node.value;
  return node.toJS(doc, { maxAliasCount: -1 }) as unknown;
}
