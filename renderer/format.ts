const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

const formats = new Map<string, Intl.NumberFormat>();

/** Group and decimal separators of the app's languages, as Intl.NumberFormat writes them. */
const SEPARATORS: Record<string, readonly [group: string, decimal: string]> = { de: ['.', ','], en: [',', '.'] };

/**
 * Every number the learner reads goes through here: the UI language's separators ("33,6" and
 * "12.345" in German, "33.6" and "12,345" in English). For the app's own languages the number is
 * written here: the first Intl.NumberFormat of a page sets up the locale data (about 30 ms on a slow
 * machine), on the first paint's critical path. It is written as the formatter writes it: from the
 * shortest decimal that reads back as the same double (what `String(value)` gives), rounded half away
 * from zero. A unit test holds the two alike. Any other language goes to Intl.
 */
export function formatNumber(value: number, language = 'en', maximumFractionDigits = 0, minimumFractionDigits = 0): string {
  if (!Number.isFinite(value)) return '–';
  const separators = SEPARATORS[language];
  if (!separators) return intlFormat(value, language, maximumFractionDigits, minimumFractionDigits);
  const [group, decimal] = separators;
  const [whole, fraction] = roundDecimal(Math.abs(value), maximumFractionDigits);
  let kept = fraction.replace(/0+$/, '');
  if (kept.length < minimumFractionDigits) kept = kept.padEnd(minimumFractionDigits, '0');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, group)}${kept ? decimal + kept : ''}`;
}

/** A non-negative double as whole and fraction digits, rounded half away from zero to `digits` places. */
function roundDecimal(value: number, digits: number): [whole: string, fraction: string] {
  // The shortest round-trip digits and where the point goes: "1.5e-7" → "15", point at -6.
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [head = '0', tail = ''] = mantissa.split('.');
  let all = head + tail;
  let point = head.length + Number(exponent);
  if (point < 1) {
    all = '0'.repeat(1 - point) + all;
    point = 1;
  }
  all = all.padEnd(point + digits + 1, '0');
  let kept = all.slice(0, point + digits);
  if (all.charCodeAt(point + digits) >= 53 /* '5' */) {
    // Add one at the last kept place, carrying to the left: "1.995" at two places → "2.00".
    const carried = [...kept];
    let i = carried.length - 1;
    for (; i >= 0 && carried[i] === '9'; i--) carried[i] = '0';
    if (i >= 0) carried[i] = String(Number(carried[i]) + 1);
    else {
      carried.unshift('1');
      point += 1;
    }
    kept = carried.join('');
  }
  return [kept.slice(0, point).replace(/^0+(?=\d)/, ''), kept.slice(point)];
}

function intlFormat(value: number, language: string, maximumFractionDigits: number, minimumFractionDigits: number): string {
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
