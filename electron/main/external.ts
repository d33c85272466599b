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

/** Published ports of local containers, which the containers view links to. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Only parsed https URLs to an allowlisted host (no credentials, default port), or plain http(s)
 * to a port on this machine, where a learner's published container answers.
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
    return url.username === '' && url.password === '';
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    ALLOWED_HOSTS.has(url.hostname)
  );
}
