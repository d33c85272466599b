import type { ComposeFlavor } from './types';

/** A `$VAR` / `${VAR…}` found in a value, with its offset in that value. */
export interface VariableRef {
  name: string;
  /** Offset of the `$` in the raw value and the reference's length. */
  offset: number;
  length: number;
  /** `:-` `-` `:?` `?` `:+` `+`, or '' for a plain reference. */
  operator: string;
  /** The text after the operator (default, error message or alternative), as written. */
  argument: string;
}

export interface InterpolationProblem {
  kind: 'required' | 'invalid';
  name: string;
  offset: number;
  /** `:?` message as written; for invalid, the reference text. */
  text: string;
}

export interface Interpolated {
  value: string;
  refs: VariableRef[];
  problems: InterpolationProblem[];
}

/** Looks a variable up; undefined when it is unset. */
export type Lookup = (name: string) => string | undefined;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Interpolates one value the way the installed Compose does.
 *
 * v2 (compose-go): `$$`, `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`,
 * `${VAR+a}`, and references nested in the default or alternative.
 * v1 (docker-compose 1.x): only `:-`, `-`, `:?` and `?`; the text after the operator runs to the first
 * `}` and is taken literally (no nesting); anything else after `${` is an invalid format.
 *
 * An unset variable becomes the empty string (Compose warns about it).
 */
export function interpolate(raw: string, lookup: Lookup, flavor: ComposeFlavor): Interpolated {
  const refs: VariableRef[] = [];
  const problems: InterpolationProblem[] = [];
  const value = flavor === 'v1' ? v1(raw, lookup, refs, problems) : v2(raw, 0, raw.length, lookup, refs, problems, 0);
  return { value, refs, problems };
}

function v1(raw: string, lookup: Lookup, refs: VariableRef[], problems: InterpolationProblem[]): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = raw[i + 1] ?? '';
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (NAME_START.test(next)) {
      let j = i + 1;
      while (j < raw.length && NAME_CHAR.test(raw[j] ?? '')) j++;
      const name = raw.slice(i + 1, j);
      refs.push({ name, offset: i, length: j - i, operator: '', argument: '' });
      out += lookup(name) ?? '';
      i = j;
      continue;
    }
    const braced = next === '{' ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/.exec(raw.slice(i)) : null;
    if (!braced) {
      const text = raw.slice(i, raw.indexOf('}', i) >= 0 ? raw.indexOf('}', i) + 1 : undefined);
      problems.push({ kind: 'invalid', name: '', offset: i, text });
      return raw;
    }
    const [whole, name = '', operator = '', argument = ''] = braced;
    refs.push({ name, offset: i, length: whole.length, operator, argument });
    const current = lookup(name);
    if (operator === ':-') out += current ? current : argument;
    else if (operator === '-') out += current ?? argument;
    else if (operator === ':?' || operator === '?') {
      if (current === undefined || (operator === ':?' && current === '')) problems.push({ kind: 'required', name, offset: i, text: argument });
      out += current ?? '';
    } else out += current ?? '';
    i += whole.length;
  }
  return out;
}

/** Finds the `}` that closes a `${` at `start`, counting nested `${…}`. */
function closingBrace(raw: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    if (raw[i] === '$' && raw[i + 1] === '$') {
      i++;
      continue;
    }
    if (raw[i] === '$' && raw[i + 1] === '{') {
      depth++;
      i++;
      continue;
    }
    if (raw[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function v2(
  raw: string,
  from: number,
  to: number,
  lookup: Lookup,
  refs: VariableRef[],
  problems: InterpolationProblem[],
  depth: number,
): string {
  let out = '';
  let i = from;
  while (i < to) {
    const c = raw[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = raw[i + 1] ?? '';
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (NAME_START.test(next)) {
      let j = i + 1;
      while (j < to && NAME_CHAR.test(raw[j] ?? '')) j++;
      const name = raw.slice(i + 1, j);
      refs.push({ name, offset: i, length: j - i, operator: '', argument: '' });
      out += lookup(name) ?? '';
      i = j;
      continue;
    }
    if (next !== '{') {
      out += c;
      i++;
      continue;
    }
    const close = closingBrace(raw, i, to);
    const head = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?/.exec(raw.slice(i, close < 0 ? to : close));
    if (close < 0 || !head || (!head[2] && i + head[0].length !== close)) {
      problems.push({ kind: 'invalid', name: head?.[1] ?? '', offset: i, text: raw.slice(i, close < 0 ? to : close + 1) });
      return raw.slice(from, to);
    }
    const name = head[1] ?? '';
    const operator = head[2] ?? '';
    const argStart = i + head[0].length;
    const argument = raw.slice(argStart, close);
    refs.push({ name, offset: i, length: close + 1 - i, operator, argument });
    const current = lookup(name);
    // The argument is interpolated only when it is used (compose-go evaluates lazily).
    const arg = (): string => (depth > 20 ? argument : v2(raw, argStart, close, lookup, refs, problems, depth + 1));
    switch (operator) {
      case ':-':
        out += current ? current : arg();
        break;
      case '-':
        out += current ?? arg();
        break;
      case ':+':
        out += current ? arg() : '';
        break;
      case '+':
        out += current !== undefined ? arg() : '';
        break;
      case ':?':
      case '?':
        if (current === undefined || (operator === ':?' && current === '')) problems.push({ kind: 'required', name, offset: i, text: argument });
        out += current ?? '';
        break;
      default:
        out += current ?? '';
    }
    i = close + 1;
  }
  return out;
}

/** Names a value refers to without interpolating (nested references included). */
export function referencedNames(raw: string, flavor: ComposeFlavor): string[] {
  return interpolate(raw, () => undefined, flavor).refs.map((r) => r.name);
}
