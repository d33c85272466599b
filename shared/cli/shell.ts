/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

/** Builds a copyable command line from its words: `cli('docker', 'rm', '-f', name)`. */
export function cli(...words: (string | false | undefined | null)[]): string {
  return words
    .filter((w): w is string => typeof w === 'string')
    .map(shellQuote)
    .join(' ');
}

/**
 * Splits a pasted shell command into words: quotes, backslashes and line continuations as sh reads
 * them. Nothing is expanded: `$HOME` and `${HOME}` stay as written, since no shell runs the command.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && /["\\$`\n]/.test(text[i + 1] ?? '')) {
        const next = text[++i] ?? '';
        if (next !== '\n') current += next;
      } else current += c;
      continue;
    }
    if (c === '\\') {
      const next = text[++i] ?? '';
      if (next === '\n' || next === '\r') {
        if (next === '\r' && text[i + 1] === '\n') i++;
        continue;
      }
      current += next;
      inWord = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
