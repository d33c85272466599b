/** One `KEY=value` of a .env file with its line. */
export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Reads a .env file as both Compose versions do for the common cases: `KEY=value`, an optional
 * `export `, single quotes (literal), double quotes (with \n, \t, \\ and \" escapes), `#` comments
 * on their own line or after an unquoted value, blank lines. Lines that are not assignments are
 * skipped; the last assignment of a name wins.
 */
export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/^\uFEFF/, '');
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const body = trimmed.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    if (eq <= 0) continue;
    const name = body.slice(0, eq).trim();
    if (!NAME.test(name)) continue;
    let rest = body.slice(eq + 1).trimStart();
    const line = i + 1;
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may run over several lines.
      let closing = findClosing(rest, quote);
      while (closing < 0 && i + 1 < lines.length) {
        i++;
        rest += `\n${lines[i] ?? ''}`;
        closing = findClosing(rest, quote);
      }
      const inner = rest.slice(1, closing < 0 ? undefined : closing);
      value = quote === '"' ? unescape(inner) : inner;
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
    }
    entries.push({ name, value, line });
  }
  return entries;
}

function findClosing(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\([nrt"\\$])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
