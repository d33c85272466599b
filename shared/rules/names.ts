import { z } from 'zod';

/**
 * The engine's naming rules: what a container, volume, network or image may be called, and what
 * may stand for an object when the engine is asked about it. Each rule is a check that answers
 * null or the first problem, and a zod schema whose error message is that problem's code.
 *
 * Issue codes (the UI words them; `max`, `min` and `char` fill in the sentence):
 * - empty: nothing given.
 * - tooLong (max) / tooShort (min): the length is outside what the engine takes.
 * - badStart (char): the first character (of a name, or of a part of an image name) may not begin it.
 * - badChar (char): a character that is not allowed, or not at that place (`a..b`, `a//b`).
 * - uppercase: capital letters in an image's repository name.
 * - badTag: the part after `:` is no tag (letters, digits, _ . -, at most 128, not starting with . or -).
 * - badDigest: the part after `@` is no digest (algorithm:hex, such as sha256: and 64 hex digits).
 * - leadingSlash: a `/` in front (the engine shows container names that way; they are used without it).
 * - reserved: a name the engine keeps for itself (bridge, host, none, default; 64 hex digits for a
 *   repository), or `.` and `..`, which in a URL mean folders, not an object.
 */
export type NameIssueCode =
  | 'empty'
  | 'tooLong'
  | 'tooShort'
  | 'badStart'
  | 'badChar'
  | 'uppercase'
  | 'badTag'
  | 'badDigest'
  | 'leadingSlash'
  | 'reserved';

export type NameIssue = { code: NameIssueCode; max?: number; min?: number; char?: string };

/** Names and references: longer ones are refused (the engine's own cap for image names; a bound for the rest). */
export const NAME_MAX = 255;
/** A whole image reference: name (255), tag (128) and a digest. */
export const REFERENCE_MAX = 512;

/** daemon/names: container names, and the local volume driver's names. */
const RESTRICTED_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const RESTRICTED_CHARS = /[^a-zA-Z0-9_.-]/;

// distribution/reference: the grammar of image references.
const PATH_COMPONENT_SOURCE = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT_SOURCE = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST_SOURCE = `(?:${DOMAIN_COMPONENT_SOURCE}(?:\\.${DOMAIN_COMPONENT_SOURCE})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
/** A repository name: an optional registry host with port, then path components joined by `/`. */
const NAME = new RegExp(`^(?:${HOST_SOURCE}/)?${PATH_COMPONENT_SOURCE}(?:/${PATH_COMPONENT_SOURCE})*$`);
const PATH_COMPONENT = new RegExp(`^${PATH_COMPONENT_SOURCE}$`);
const REGISTRY_HOST = new RegExp(`^${HOST_SOURCE}$`);
const DOMAIN_COMPONENT = new RegExp(`^${DOMAIN_COMPONENT_SOURCE}$`);
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Every character some part of a reference may hold. */
const REFERENCE_CHARS = /[^a-zA-Z0-9_.:/@[\]+-]/;
/** A full image id, with or without its algorithm. */
const FULL_ID = /^(?:sha256:)?[a-f0-9]{64}$/;

/** Networks take nearly any name; these never reach a URL: separators, escapes, blanks, invisible characters. */
const NETWORK_FORBIDDEN = /[/?#%\\\s\p{C}]/u;
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

const first = (s: string, pattern: RegExp): string | undefined => pattern.exec(s)?.[0];

function lengthIssue(s: string, max: number): NameIssue | null {
  if (s === '') return { code: 'empty' };
  if (s.length > max) return { code: 'tooLong', max };
  if (s.startsWith('/')) return { code: 'leadingSlash' };
  return null;
}

/** `[a-zA-Z0-9][a-zA-Z0-9_.-]*` with at least `min` characters. */
function restricted(s: string, min: number): NameIssue | null {
  const basic = lengthIssue(s, NAME_MAX);
  if (basic) return basic;
  const bad = first(s, RESTRICTED_CHARS);
  if (bad !== undefined) return { code: 'badChar', char: bad };
  if (!RESTRICTED_NAME.test(s)) return { code: 'badStart', char: s.charAt(0) };
  if (s.length < min) return { code: 'tooShort', min };
  return null;
}

/** A container name as `docker run --name` and `docker rename` take it (daemon/names). */
export function checkContainerName(s: string): NameIssue | null {
  return restricted(s, 2);
}

/** A volume name as the local driver takes it: the same characters, at least two. */
export function checkVolumeName(s: string): NameIssue | null {
  return restricted(s, 2);
}

/** What inspect, start, rm … take for a container: its id, a unique prefix of it, or its name. */
export function checkObjectRef(s: string): NameIssue | null {
  return restricted(s, 1);
}

/** An object id: hex digits (a prefix or all 64), for images also with `sha256:` in front. */
export function checkObjectId(s: string): NameIssue | null {
  if (s === '') return { code: 'empty' };
  const hex = s.startsWith('sha256:') ? s.slice('sha256:'.length) : s;
  if (hex === '') return { code: 'empty' };
  if (hex.length > 64) return { code: 'tooLong', max: 64 };
  if (/[A-F]/.test(hex)) return { code: 'uppercase' };
  const bad = first(hex, /[^a-f0-9]/);
  return bad === undefined ? null : { code: 'badChar', char: bad };
}

/**
 * A network as the engine finds it (id, prefix or name). The engine names networks almost freely;
 * refused are only what would change the URL the name goes into: `/ ? # % \`, blanks, control
 * and other invisible characters, and `.` or `..` as the whole name.
 */
export function checkNetworkRef(s: string): NameIssue | null {
  const basic = lengthIssue(s, NAME_MAX);
  if (basic) return basic;
  const bad = first(s, NETWORK_FORBIDDEN);
  if (bad !== undefined) return { code: 'badChar', char: bad };
  if (s === '.' || s === '..') return { code: 'reserved' };
  return null;
}

/** A name for a new network: as checkNetworkRef, without the names of the engine's own networks. */
export function checkNetworkName(s: string): NameIssue | null {
  const issue = checkNetworkRef(s);
  if (issue) return issue;
  if (PREDEFINED_NETWORKS.has(s) || s.startsWith('container:')) return { code: 'reserved' };
  return null;
}

/** Why a repository path component breaks the grammar (it is known not to match). */
function componentIssue(part: string): NameIssue {
  if (part === '') return { code: 'badChar', char: '/' };
  if (/[A-Z]/.test(part)) return { code: 'uppercase' };
  const bad = first(part, /[^a-z0-9._-]/);
  if (bad !== undefined) return { code: 'badChar', char: bad };
  if (/^[._-]/.test(part)) return { code: 'badStart', char: part.charAt(0) };
  // A separator run that is not `.`, `_`, `__` or dashes, or one at the end: its last character is one too many.
  const run = [...part.matchAll(/[._-]+/g)].find((m) => m.index + m[0].length === part.length || !/^(?:[._]|__|-+)$/.test(m[0]));
  return { code: 'badChar', char: run ? run[0].charAt(run[0].length - 1) : part.charAt(0) };
}

/** Why a registry host (with optional port) breaks the grammar, or null when it is one. */
function hostIssue(domain: string): NameIssue | null {
  const port = /:([^:\]]*)$/.exec(domain);
  const host = port ? domain.slice(0, port.index) : domain;
  if (port && !/^[0-9]+$/.test(port[1] ?? '')) return { code: 'badChar', char: first(port[1] ?? '', /[^0-9]/) ?? ':' };
  if (IPV6_HOST.test(host)) return null;
  for (const component of host.split('.')) {
    if (DOMAIN_COMPONENT.test(component)) continue;
    if (component === '') return { code: 'badChar', char: '.' };
    const bad = first(component, /[^a-zA-Z0-9-]/);
    if (bad !== undefined) return { code: 'badChar', char: bad };
    return component.startsWith('-') ? { code: 'badStart', char: '-' } : { code: 'badChar', char: '-' };
  }
  return null;
}

/** The parts of an image reference as written: `name[:tag][@digest]`, unchecked (a part is '' when its separator ends the text). */
export interface ReferenceParts {
  /** `[host[:port]/]path`. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits an image reference where the engine does: the digest after the first `@`, the tag after a `:` behind the last `/`. */
export function splitReference(reference: string): ReferenceParts {
  const at = reference.indexOf('@');
  const beforeDigest = at < 0 ? reference : reference.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const tagged = colon > beforeDigest.lastIndexOf('/');
  return {
    name: tagged ? beforeDigest.slice(0, colon) : beforeDigest,
    ...(tagged ? { tag: beforeDigest.slice(colon + 1) } : {}),
    ...(at < 0 ? {} : { digest: reference.slice(at + 1) }),
  };
}

/** A tag: letters, digits, `_ . -`, at most 128, not starting with `.` or `-`. */
export const isTag = (s: string): boolean => TAG.test(s);
/** A digest: `algorithm:hex`, such as sha256: and 64 hex digits. */
export const isDigest = (s: string): boolean => DIGEST.test(s);
/** A registry host: domain components joined by `.`, or an IPv6 address in brackets, with an optional port. */
export const isRegistryHost = (s: string): boolean => REGISTRY_HOST.test(s);
/** One part of a repository path: lowercase letters and digits, separated by `.`, `_`, `__` or dashes. */
export const isPathComponent = (s: string): boolean => PATH_COMPONENT.test(s);

/**
 * An image reference as pull, push, tag and build take it (distribution/reference):
 * `[host[:port]/]path[:tag][@algorithm:hex]`, the path lowercase components joined by `/`,
 * each component letters and digits with `.`, `_`, `__` or dashes between them.
 */
export function checkImageReference(s: string): NameIssue | null {
  const basic = lengthIssue(s, REFERENCE_MAX);
  if (basic) return basic;
  const bad = first(s, REFERENCE_CHARS);
  if (bad !== undefined) return { code: 'badChar', char: bad };
  const { name: rest, tag, digest } = splitReference(s);
  if (digest !== undefined && !isDigest(digest)) return { code: 'badDigest' };
  if (tag !== undefined && !isTag(tag)) return { code: 'badTag' };
  if (rest === '') return { code: 'empty' };
  if (rest.length > NAME_MAX) return { code: 'tooLong', max: NAME_MAX };
  if (/^[a-f0-9]{64}$/.test(rest)) return { code: 'reserved' };
  if (NAME.test(rest)) return null;
  // Not a name: find the part to blame, reading the first part as a host where it looks like one.
  const slash = rest.indexOf('/');
  let path = rest;
  if (slash >= 0) {
    const domain = rest.slice(0, slash);
    if (domain === 'localhost' || /[.:]/.test(domain) || domain !== domain.toLowerCase()) {
      const issue = hostIssue(domain);
      if (issue && !PATH_COMPONENT.test(domain)) return issue;
      path = rest.slice(slash + 1);
    }
  }
  const part = path.split('/').find((p) => !PATH_COMPONENT.test(p));
  return part === undefined ? { code: 'badChar' } : componentIssue(part);
}

/** An image as inspect, history and rmi take it: a reference, a full id (`sha256:` optional) or a short id. */
export function checkImageRef(s: string): NameIssue | null {
  return FULL_ID.test(s) ? null : checkImageReference(s);
}

/** A string schema whose refusal carries the issue: message = code, params = the whole issue. */
function ruled(check: (s: string) => NameIssue | null, description: string): z.ZodString {
  return z
    .string()
    .superRefine((value, ctx) => {
      const issue = check(value);
      if (issue) ctx.addIssue({ code: 'custom', message: issue.code, params: issue, input: value });
    })
    .describe(description);
}

export const ContainerRef = ruled(checkObjectRef, 'A container: its id, a unique prefix of the id, or its name.');
export const ContainerName = ruled(checkContainerName, 'A container name: [a-zA-Z0-9][a-zA-Z0-9_.-]+');
export const VolumeName = ruled(checkVolumeName, 'A volume name: [a-zA-Z0-9][a-zA-Z0-9_.-]+');
export const NetworkRef = ruled(checkNetworkRef, 'A network: its id, a unique prefix of the id, or its name.');
export const NetworkName = ruled(checkNetworkName, 'A name for a new network.');
export const ImageRef = ruled(checkImageRef, 'An image: name[:tag][@digest], its id (sha256:… or 64 hex digits) or a short id.');
export const ImageReference = ruled(checkImageReference, 'An image reference: [host[:port]/]name[:tag][@digest].');
export const ObjectId = ruled(checkObjectId, 'An object id: hex digits, all 64 or a prefix.');
