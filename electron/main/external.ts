/** Hosts the app may open in the user's browser: documentation the concept panels link to. */
const ALLOWED_HOSTS = new Set([
  'docs.docker.com',
  'docs.podman.io',
  'podman.io',
  'kubernetes.io',
  'github.com',
  'www.docker.com',
  'hub.docker.com',
]);

/** Only parsed https URLs to an allowlisted host, no credentials, default port. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    ALLOWED_HOSTS.has(url.hostname)
  );
}
