import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, type Pair, type YAMLError } from 'yaml';

/** Manifests as YAML: several documents, each with positions, and the slips of indentation the doctor can mend. */

export interface YamlProblem {
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface ParsedStream {
  text: string;
  docs: Document.Parsed[];
  lines: LineCounter;
  problems: YamlProblem[];
}

const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN', 'TAB_AS_INDENT']);

export function parseStream(text: string): ParsedStream {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  // An empty text is an empty stream: an array without documents.
  const docs: Document.Parsed[] = [...parsed];
  const problems = docs.flatMap((d) => d.errors.map((e) => problem(e, lines, text)));
  return { text, docs, lines, problems };
}

function problem(error: YAMLError, lines: LineCounter, text: string): YamlProblem {
  const start = lines.linePos(error.pos[0]);
  const end = lines.linePos(Math.max(error.pos[1], error.pos[0]));
  // `yaml` points at the start of a badly indented line; the learner looks for its first character.
  const row = text.split('\n')[start.line - 1] ?? '';
  const first = row.search(/\S/) + 1;
  const column = start.col === 1 && first > 1 && INDENT_CODES.has(error.code) ? first : start.col;
  return { code: error.code, line: start.line, column, endLine: end.line, endColumn: Math.max(end.col, column), message: error.message.split('\n')[0] ?? '' };
}

const indentOf = (line: string): number => line.search(/\S/);
const isBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);
const itemKeyColumn = (line: string): number | undefined => {
  const m = /^(\s*)-\s+(?=\S)/.exec(line);
  return m ? m[0].length : undefined;
};

/** An indentation slip mended: these lines moved by `delta` columns. */
export interface IndentFix {
  fromLine: number;
  toLine: number;
  delta: number;
  /** The lines as they should read. */
  text: string;
}

/**
 * Mends the first badly indented line: a key that stands at the column of the list item above it
 * belongs into that item (`- protocol: TCP` / `port: 80`), moved with the lines that follow at its
 * column. Tries the item's key column, then the columns of earlier keys; keeps the first that removes
 * the problem. Undefined when nothing helps.
 */
export function mendIndentation(text: string, at: number): IndentFix | undefined {
  const lines = text.split('\n');
  const row = lines[at - 1];
  if (row === undefined || isBlank(row)) return undefined;
  const indent = indentOf(row);
  const candidates: number[] = [];
  for (let i = at - 2; i >= 0 && candidates.length < 6; i--) {
    const before = lines[i] ?? '';
    if (isBlank(before)) continue;
    if (/^---/.test(before)) break;
    const item = itemKeyColumn(before);
    if (item !== undefined && item !== indent && !candidates.includes(item)) candidates.push(item);
    const own = indentOf(before);
    if (own !== indent && !candidates.includes(own) && item === undefined) candidates.push(own);
    if (own === 0) break;
  }
  const before = parseStream(text).problems.length;
  for (const target of candidates) {
    const delta = target - indent;
    const next = [...lines];
    let last = at - 1;
    for (let i = at - 1; i < next.length; i++) {
      const current = next[i] ?? '';
      if (i > at - 1 && !isBlank(current) && (indentOf(current) < indent || (indentOf(current) === indent && itemKeyColumn(current) !== undefined))) break;
      if (/^---/.test(current)) break;
      if (!isBlank(current)) {
        next[i] = delta > 0 ? ' '.repeat(delta) + current : current.slice(Math.min(-delta, indentOf(current)));
        last = i;
      }
    }
    const after = parseStream(next.join('\n')).problems.filter((p) => p.code !== 'DUPLICATE_KEY').length;
    if (after < before) return { fromLine: at, toLine: last + 1, delta, text: next.slice(at - 1, last + 1).join('\n') };
  }
  return undefined;
}

/** Applies fixes (whole lines replaced); fixes must not overlap. */
export function applyFixes(text: string, fixes: readonly { fromLine: number; toLine: number; text: string }[]): string {
  const lines = text.split('\n');
  for (const fix of [...fixes].sort((a, b) => b.fromLine - a.fromLine)) lines.splice(fix.fromLine - 1, fix.toLine - fix.fromLine + 1, ...fix.text.split('\n'));
  return lines.join('\n');
}

/** 1-based line and column of an offset. */
export function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The node at a path (keys and indices) in a document, or undefined. */
export function nodeAt(doc: Document.Parsed, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[step];
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
      node = pair?.value ?? pair?.key;
    }
  }
  return (node as Node | undefined) ?? undefined;
}

/** The key node of the last step of a path (for "this field" findings). */
export function keyAt(doc: Document.Parsed, path: readonly (string | number)[]): Node | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return nodeAt(doc, path);
  const parent = nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
  return (pair?.key as Node | undefined) ?? undefined;
}

export const pairsOf = (node: unknown): Pair[] => (isMap(node) ? node.items.filter((p): p is Pair => isPair(p)) : []);
export const keyText = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
