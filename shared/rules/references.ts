import { isDigest, isPathComponent, isRegistryHost, isTag, splitReference } from './names';

/** What an image reference stands for, with the parts the docker CLI fills in when they are left out. */
export interface ParsedReference {
  /** The registry host (and port) the engine talks to. */
  registry: string;
  /** The repository path on that registry: `library/nginx`, `learn/web`. */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
  /** What the engine really pulls: `docker.io/library/nginx:latest`. */
  full: string;
  /** Which parts were implied, to explain them. */
  implied: { registry: boolean; library: boolean; tag: boolean };
}

/**
 * Parses an image reference as the docker CLI does (distribution/reference): an error message
 * for the learner when it breaks the naming rules, else its parts with what was implied.
 */
export function parseReference(input: string): ParsedReference | { error: string } {
  const text = input.trim();
  if (text === '') return { error: 'An image reference cannot be empty.' };
  if (text.length > 255) return { error: 'An image reference can be at most 255 characters long.' };
  const { name, tag, digest } = splitReference(text);
  if (digest !== undefined && !isDigest(digest)) return { error: `"${digest}" is not a digest (sha256: and 64 hex characters).` };
  if (tag !== undefined && !isTag(tag)) return { error: `The tag "${tag}" may hold letters, digits, _ . - (at most 128) and must not start with . or -.` };
  const parts = name.split('/');
  let registry = 'docker.io';
  let impliedRegistry = true;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!isRegistryHost(first)) return { error: `"${first}" is not a valid registry host.` };
    registry = first;
    impliedRegistry = false;
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => p === '')) return { error: 'The name has an empty part (two slashes or a slash at the end).' };
  for (const part of parts) {
    if (!isPathComponent(part)) {
      return {
        error:
          part.toLowerCase() !== part
            ? `"${part}" has capital letters: repository names must be lowercase.`
            : `"${part}" is not a valid name part: use lowercase letters and digits, separated by . _ __ or -.`,
      };
    }
  }
  const library = registry === 'docker.io' && parts.length === 1;
  const repository = library ? `library/${parts.join('/')}` : parts.join('/');
  const impliedTag = tag === undefined && digest === undefined;
  const full = `${registry}/${repository}${impliedTag ? ':latest' : tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return { registry, repository, tag: impliedTag ? 'latest' : tag, digest, full, implied: { registry: impliedRegistry, library, tag: impliedTag } };
}
