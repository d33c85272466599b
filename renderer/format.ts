const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Sizes as the docker CLI prints them: decimal units (1 kB = 1000 B). */
export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const exponent = Math.min(UNITS.length - 1, Math.floor(Math.log10(bytes) / 3));
  const value = bytes / 1000 ** exponent;
  const digits = value >= 100 || exponent === 0 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${UNITS[exponent] ?? 'B'}`;
}
