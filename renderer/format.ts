const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

const formats = new Map<string, Intl.NumberFormat>();

/**
 * Every number the learner reads goes through here: the UI language's separators ("33,6" and
 * "12.345" in German, "33.6" and "12,345" in English). The formatters are kept per language and
 * precision, as building one is slow.
 */
export function formatNumber(value: number, language = 'en', maximumFractionDigits = 0, minimumFractionDigits = 0): string {
  if (!Number.isFinite(value)) return '–';
  // Whole numbers below 1000 look the same in both languages: the first paint's counts need no formatter.
  if (Number.isInteger(value) && Math.abs(value) < 1000 && minimumFractionDigits === 0) return String(value);
  const key = `${language}:${maximumFractionDigits}:${minimumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits, minimumFractionDigits });
    formats.set(key, format);
  }
  return format.format(value);
}

/** "12,5 %": a percentage already scaled to 0–100, with a fixed number of decimals. */
export function formatPercent(percent: number, language = 'en', digits = 1): string {
  return `${formatNumber(percent, language, digits, digits)} %`;
}

/** Sizes as the docker CLI prints them: decimal units (1 kB = 1000 B), in the UI language's notation. */
export function formatBytes(bytes: number, language = 'en'): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const exponent = Math.min(UNITS.length - 1, Math.floor(Math.log10(bytes) / 3));
  const value = bytes / 1000 ** exponent;
  const digits = value >= 100 || exponent === 0 ? 0 : value >= 10 ? 1 : 2;
  return `${formatNumber(value, language, digits)} ${UNITS[exponent] ?? 'B'}`;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "3 minutes", "2 days": how long ago (or how long running), in the learner's language. */
export function since(ms: number, now: number, language: string): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    relativeFormats.set(language, format);
  }
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  return format.format(-seconds, 'second');
}

/**
 * At most `max` characters, shortened at a word boundary (a space or a slash) with "…", never in the
 * middle of a word unless one word alone is longer than `max`. Show the full text on hover beside it.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  // After a slash inside a path ("/usr/local/…"), not after the slash that starts one ("> /…").
  const slash = head.lastIndexOf('/');
  const cut = slash > space + 1 ? slash + 1 : space;
  return `${(cut > max / 2 ? head.slice(0, cut) : head).trimEnd()}…`;
}
