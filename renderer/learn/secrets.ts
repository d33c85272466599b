/** What a hidden value is replaced with; valid inside a shell word and plain to read on a projector. */
export const HIDDEN = '••••••';

// Names of variables and options whose values are secrets: DB_PASSWORD, API_TOKEN, AWS_SECRET_ACCESS_KEY, …
const SECRET_NAME = /(pass(word|wd)?|pwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credential|auth)/i;

// Values that are secrets by their shape, whatever they are called.
const SECRET_VALUE: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/g,
];

/** True when an environment variable (or option) of this name holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** An environment value as a trainer may show it: hidden when its name or its shape says secret. */
export function maskEnvValue(name: string, value: string): string {
  if (value === '') return value;
  if (isSecretName(name)) return HIDDEN;
  return maskSecrets(value);
}

/** A `NAME=value` pair (as in `docker inspect`'s Env) with the value hidden when it is a secret. */
export function maskEnvEntry(entry: string): string {
  const at = entry.indexOf('=');
  if (at <= 0) return entry;
  return `${entry.slice(0, at + 1)}${maskEnvValue(entry.slice(0, at), entry.slice(at + 1))}`;
}

/**
 * Hides secrets in a command line or free text: values of secret-named variables (`-e DB_PASSWORD=…`,
 * `--env=API_TOKEN=…`, `API_TOKEN=… cmd`), `--password`/`-p` of `docker login`, credentials in URLs,
 * and values that look like keys or tokens. Everything else stays as it was.
 */
export function maskSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_VALUE) out = out.replace(pattern, HIDDEN);
  // user:password@host in URLs (registry mirrors, git remotes).
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+):[^\s@'"]+@/gi, `$1:${HIDDEN}@`);
  // 'NAME=value with spaces' quoted as a whole, as shellQuote writes it.
  out = out.replace(/(['"])([A-Za-z_][A-Za-z0-9_]*)=([^'"]*)\1/g, (whole: string, quote: string, name: string, value: string) =>
    isSecretName(name) && value !== '' ? `${quote}${name}=${HIDDEN}${quote}` : whole,
  );
  // NAME=value where NAME is secret-like.
  out = out.replace(
    /(^|[\s'"=])([A-Za-z_][A-Za-z0-9_]*)=('[^']*'|"[^"]*"|[^\s'"]*)/g,
    (whole: string, before: string, name: string, value: string) => {
      if (!isSecretName(name) || value === '' || value === "''" || value === '""') return whole;
      const quote = value.startsWith("'") || value.startsWith('"') ? value[0] : '';
      return `${before}${name}=${quote}${HIDDEN}${quote}`;
    },
  );
  // docker login -p VALUE / --password VALUE / --password=VALUE
  out = out.replace(/(\s(?:--password|-p)(?:=|\s+))(?!-)('[^']*'|"[^"]*"|\S+)/g, (whole: string, flag: string) =>
    /\blogin\b/.test(text) || flag.includes('--password') ? `${flag}${HIDDEN}` : whole,
  );
  return out;
}
