/**
 * What counts as a secret, in one place: files in image layers (by name and by their first bytes),
 * environment variables (by name and by the shape of the value), and secrets inside free text
 * (command lines, event sentences). Pure: the callers read the bytes, these rules only judge them.
 */

export type SecretKind = 'private-key' | 'env-file' | 'credentials' | 'env-var';

/** Why something counts as a secret; the UI words each reason in the learner's language. */
export type SecretReason =
  | 'pem-private-key'
  | 'key-file-name'
  | 'env-file'
  | 'aws-credentials'
  | 'gcp-service-account'
  | 'client-secret'
  | 'docker-auths'
  | 'npm-token'
  | 'pypi-password'
  | 'kube-credentials'
  | 'credentials-file-name'
  | 'secret-name'
  | 'secret-value';

export interface SecretMatch {
  kind: SecretKind;
  reason: SecretReason;
}

/** How much of a file's beginning the content rules look at: credentials, keys and configs start there. */
export const SECRET_SNIFF_BYTES = 8 * 1024;
/** Files larger than this are data or programs; only their names are judged. */
export const SECRET_SNIFF_MAX_FILE_BYTES = 1024 * 1024;

/** What a hidden value is replaced with in text; valid inside a shell word and plain to read on a projector. */
export const HIDDEN = '••••••';

// ---------------------------------------------------------------------------------------------
// Names and values

// Parts of a variable name that say "secret": DB_PASSWORD, apiToken, AWS_SECRET_ACCESS_KEY, NPM_AUTH …
const SECRET_PARTS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PWD', 'PASSPHRASE',
  'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'AUTH',
  'APIKEY', 'ACCESSKEY', 'PRIVATEKEY',
]);
// KEY is a secret only with a qualifier before it: API_KEY, ACCESS_KEY, SSH_KEY, not KEYBOARD or PUBLIC_KEY.
const KEY_QUALIFIERS = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'ENCRYPTION', 'SIGNING', 'MASTER', 'SSH', 'CLIENT', 'LICENSE']);

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

/** True when a variable (or option) of this name holds a secret. */
export function isSecretName(name: string): boolean {
  const parts = nameParts(name);
  return parts.some((part, i) => SECRET_PARTS.has(part) || (part === 'KEY' && KEY_QUALIFIERS.has(parts[i - 1] ?? '')));
}

// Values that are secrets by their shape, whatever they are called.
const SECRET_SHAPES: RegExp[] = [
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\b(?:sk|rk)_live_[0-9A-Za-z]{16,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  // Swarm join tokens and unlock keys: whoever has one joins the swarm or unlocks a manager.
  /\bSWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}\b/g,
  /\bSWMKEY-1-[A-Za-z0-9+/]{43}/g,
];

/** True when the value looks like a key or token by its shape (AKIA…, ghp_…, a PEM private key, a JWT …). */
export function hasSecretShape(value: string): boolean {
  return SECRET_SHAPES.some((shape) => {
    shape.lastIndex = 0;
    return shape.test(value);
  });
}

/** A path (`/run/secrets/db`) or a reference (`$DB_PASSWORD`, `${TOKEN}`) names a secret without being one. */
function isReference(value: string): boolean {
  return /^(?:\/|\$)/.test(value);
}

/** Whether an environment variable holds a secret: by its name, or by the shape of its value. */
export function envSecret(name: string, value: string): SecretMatch | undefined {
  if (value.trim() === '' || isReference(value)) return undefined;
  if (isSecretName(name)) return { kind: 'env-var', reason: 'secret-name' };
  if (hasSecretShape(value)) return { kind: 'env-var', reason: 'secret-value' };
  return undefined;
}

/**
 * A secret value as Lotse may show it to say which one it is: the first four and the last two
 * characters of a long value, nothing of a short one.
 */
export function maskValue(value: string): string {
  return value.length < 16 ? HIDDEN : `${value.slice(0, 4)}${HIDDEN}${value.slice(-2)}`;
}

/** A `NAME=value` pair (as in an image's Env) with the value masked when it is a secret. */
export function maskEnvEntry(entry: string): string {
  const at = entry.indexOf('=');
  if (at <= 0) return entry;
  const name = entry.slice(0, at);
  const value = entry.slice(at + 1);
  return envSecret(name, value) ? `${name}=${maskValue(value)}` : entry;
}

// ---------------------------------------------------------------------------------------------
// Files

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const KEY_FILE_NAME = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$|\.(?:key|p12|pfx)$/;
const ENV_FILE_NAME = /^\.env(?:\..+)?$/;
const ENV_FILE_EXAMPLE = /\.(?:example|sample|template|dist|defaults?)$/;
// Files that hold credentials by what they are; their content is not judged.
const CREDENTIAL_FILE_NAMES = new Set(['.netrc', '_netrc', '.git-credentials', '.htpasswd', '.pgpass']);

// A value that is there and is not a reference to something else (`${NPM_TOKEN}`).
const LITERAL = String.raw`(?!\$\{?[A-Za-z_])[^\s"'#;]+`;
const CONTENT = {
  pem: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/,
  gcpType: /"type"\s*:\s*"service_account"/,
  jsonPrivateKey: /"private_key"\s*:\s*"-----BEGIN/,
  jsonClientSecret: /"(?:client_secret|refresh_token)"\s*:\s*"[^"\s]+"/,
  aws: new RegExp(String.raw`^\s*(?:aws_secret_access_key|aws_session_token)\s*=\s*${LITERAL}|^\s*aws_access_key_id\s*=\s*(?:AKIA|ASIA)[0-9A-Z]{16}`, 'im'),
  dockerAuths: /"auths"\s*:/,
  dockerAuth: /"(?:auth|identitytoken|password)"\s*:\s*"[^"\s]{4,}"/,
  npm: new RegExp(String.raw`(?:^|:)_(?:authToken|auth|password)\s*=\s*${LITERAL}`, 'm'),
  pypiSection: /^\s*\[(?:pypi|testpypi|distutils)\]/m,
  pypiPassword: new RegExp(String.raw`^\s*password\s*[=:]\s*${LITERAL}`, 'im'),
  kubeConfig: /^kind:\s*["']?Config["']?\s*$/m,
  kubeCredential: /^\s*(?:token|id-token|refresh-token|client-key-data|password):\s*["']?[^\s"']{4,}/m,
};

/** Quick test before the detailed rules: most files mention none of these words. */
const MENTIONS = /PRIVATE KEY|aws_|service_account|client_secret|refresh_token|"auths"|_auth|_password|password|kind:\s*["']?Config/i;

function byContent(path: string, head: string): SecretMatch | undefined {
  if (!MENTIONS.test(head)) return undefined;
  const name = base(path);
  // A service account key holds a PEM key inside JSON: it is a credentials file, not a loose key.
  if (CONTENT.gcpType.test(head) && CONTENT.jsonPrivateKey.test(head)) return { kind: 'credentials', reason: 'gcp-service-account' };
  if (CONTENT.pem.test(head)) return { kind: 'private-key', reason: 'pem-private-key' };
  if (CONTENT.aws.test(head)) return { kind: 'credentials', reason: 'aws-credentials' };
  if (CONTENT.dockerAuths.test(head) && CONTENT.dockerAuth.test(head)) return { kind: 'credentials', reason: 'docker-auths' };
  if (CONTENT.kubeConfig.test(head) && CONTENT.kubeCredential.test(head)) return { kind: 'credentials', reason: 'kube-credentials' };
  if (CONTENT.npm.test(head) && (name === '.npmrc' || name === 'npmrc' || /\/\/[^\s]+:_/.test(head))) return { kind: 'credentials', reason: 'npm-token' };
  if (CONTENT.pypiPassword.test(head) && (name === '.pypirc' || CONTENT.pypiSection.test(head))) return { kind: 'credentials', reason: 'pypi-password' };
  if (name === 'credentials.json' && CONTENT.jsonClientSecret.test(head)) return { kind: 'credentials', reason: 'client-secret' };
  return undefined;
}

/** Files whose content rules decide; without their content, their name alone does. */
function credentialsByName(path: string): SecretReason | undefined {
  const name = base(path);
  if (/(?:^|\/)\.aws\/credentials$/.test(path)) return 'aws-credentials';
  if (/(?:^|\/)\.docker\/config\.json$/.test(path)) return 'docker-auths';
  if (/(?:^|\/)\.kube\/config$/.test(path)) return 'kube-credentials';
  if (name === '.npmrc') return 'npm-token';
  if (name === '.pypirc') return 'pypi-password';
  if (name === 'credentials.json') return 'client-secret';
  return undefined;
}

/**
 * Whether a file is a secret, from its path and, when the caller read it, its first bytes (at most
 * SECRET_SNIFF_BYTES, as text). With the content, files such as `.npmrc` or `.docker/config.json`
 * count only when they hold a credential; without it, their name decides.
 */
export function fileSecret(path: string, head?: string): SecretMatch | undefined {
  const name = base(path);
  if (head !== undefined) {
    // Programs and data: a NUL early on says binary, and the content rules are about text.
    const text = head.slice(0, SECRET_SNIFF_BYTES);
    const found = text.slice(0, 1024).includes('\u0000') ? undefined : byContent(path, text);
    if (found) return found;
  }
  if (KEY_FILE_NAME.test(name)) return { kind: 'private-key', reason: 'key-file-name' };
  if (ENV_FILE_NAME.test(name) && !ENV_FILE_EXAMPLE.test(name)) return { kind: 'env-file', reason: 'env-file' };
  if (CREDENTIAL_FILE_NAMES.has(name)) return { kind: 'credentials', reason: 'credentials-file-name' };
  const byName = credentialsByName(path);
  if (byName && head === undefined) return { kind: 'credentials', reason: byName };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Hides secrets in a command line or free text: values of secret-named variables (`-e DB_PASSWORD=…`,
 * `--env=API_TOKEN=…`, `API_TOKEN=… cmd`), `--password`/`-p` of `docker login`, credentials in URLs,
 * and values that look like keys or tokens. Everything else stays as it was.
 */
export function maskSecrets(text: string): string {
  let out = text;
  for (const shape of SECRET_SHAPES) out = out.replace(shape, HIDDEN);
  // user:password@host in URLs (registry mirrors, git remotes, database URLs).
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+):[^\s@'"]+@/gi, `$1:${HIDDEN}@`);
  // 'NAME=value with spaces' quoted as a whole, as shellQuote writes it.
  out = out.replace(/(['"])([A-Za-z_][A-Za-z0-9_]*)=([^'"]*)\1/g, (whole: string, quote: string, name: string, value: string) =>
    isSecretName(name) && value !== '' ? `${quote}${name}=${HIDDEN}${quote}` : whole,
  );
  // NAME=value where NAME is secret-like.
  out = out.replace(/(^|[\s'"=])([A-Za-z_][A-Za-z0-9_]*)=('[^']*'|"[^"]*"|[^\s'"]*)/g, (whole: string, before: string, name: string, value: string) => {
    if (!isSecretName(name) || value === '' || value === "''" || value === '""') return whole;
    const quote = value.startsWith("'") || value.startsWith('"') ? value[0] : '';
    return `${before}${name}=${quote}${HIDDEN}${quote}`;
  });
  // docker login -p VALUE / --password VALUE / --password=VALUE
  out = out.replace(/(\s(?:--password|-p)(?:=|\s+))(?!-)('[^']*'|"[^"]*"|\S+)/g, (whole: string, flag: string) =>
    /\blogin\b/.test(text) || flag.includes('--password') ? `${flag}${HIDDEN}` : whole,
  );
  return out;
}
