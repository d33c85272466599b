import { z } from 'zod';

import { parseIp } from './cidr';
import type { NameIssue } from './names';

/**
 * Swarm's naming rules (swarmkit): what a service may be called and what may stand for a node, a
 * service or a task when the engine is asked about one. Each check answers null or the first
 * problem, with the codes of shared/rules/names.ts, so the UI words them the same way.
 */

/** swarmkit ids: 25 characters, lowercase letters and digits (base 36). */
export const SWARM_ID_LENGTH = 25;
/** A service name is a DNS label: at most 63 characters. */
export const SERVICE_NAME_MAX = 63;
/** Host names, node labels and the like: a bound, so nothing unbounded reaches the engine. */
const REF_MAX = 255;

/** controlapi: a service name is a DNS name component: letters and digits, `-` and `_` only between them. */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
/** What a node is found by: its id (or a prefix), its host name, or `self`. Host names take dots. */
const NODE_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const first = (s: string, pattern: RegExp): string | undefined => pattern.exec(s)?.[0];

function basic(s: string, max: number): NameIssue | null {
  if (s === '') return { code: 'empty' };
  if (s.length > max) return { code: 'tooLong', max };
  return null;
}

/** A name for a new service: `web`, `my-app_2` (no dots: the name is a DNS label inside the swarm). */
export function checkServiceName(s: string): NameIssue | null {
  const issue = basic(s, SERVICE_NAME_MAX);
  if (issue) return issue;
  const bad = first(s, /[^a-zA-Z0-9_-]/);
  if (bad !== undefined) return { code: 'badChar', char: bad };
  if (!/^[a-zA-Z0-9]/.test(s)) return { code: 'badStart', char: s.charAt(0) };
  if (!SERVICE_NAME.test(s)) return { code: 'badChar', char: s.charAt(s.length - 1) };
  return null;
}

/** A swarm object id: 25 lowercase letters and digits, or a prefix of one. */
export function checkSwarmId(s: string): NameIssue | null {
  const issue = basic(s, SWARM_ID_LENGTH);
  if (issue) return issue;
  if (/[A-Z]/.test(s)) return { code: 'uppercase' };
  const bad = first(s, /[^a-z0-9]/);
  return bad === undefined ? null : { code: 'badChar', char: bad };
}

/** A service as the engine finds it: its id, a unique prefix of the id, or its name. */
export function checkServiceRef(s: string): NameIssue | null {
  return checkSwarmId(s) === null ? null : checkServiceName(s);
}

/** A node as the engine finds it: its id, a unique prefix of it, its host name, or `self`. */
export function checkNodeRef(s: string): NameIssue | null {
  const issue = basic(s, REF_MAX);
  if (issue) return issue;
  const bad = first(s, /[^a-zA-Z0-9_.-]/);
  if (bad !== undefined) return { code: 'badChar', char: bad };
  if (!NODE_REF.test(s)) return { code: 'badStart', char: s.charAt(0) };
  if (s === '.' || s === '..') return { code: 'reserved' };
  return null;
}

/** A node label key (`zone`, `com.example.disk`): no `=`, no blanks or invisible characters. */
export function checkLabelKey(s: string): NameIssue | null {
  const issue = basic(s, REF_MAX);
  if (issue) return issue;
  const bad = first(s, /[=\s\p{C}]/u);
  return bad === undefined ? null : { code: 'badChar', char: bad };
}

/** The token a node joins with: `SWMTKN-1-` + 50 + `-` + 25 characters in base 36. */
export const JOIN_TOKEN = /^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/;
/** The key that unlocks a locked manager: `SWMKEY-1-` + 43 base64 characters. */
export const UNLOCK_KEY = /^SWMKEY-1-[A-Za-z0-9+/]{43}$/;

/** Why an address is refused: not a host, a port outside 1–65535, or an interface name where none is allowed. */
export type AddressIssue = 'empty' | 'badHost' | 'badPort';

const HOST_NAME = /^(?=.{1,253}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const INTERFACE = /^[a-zA-Z][a-zA-Z0-9_.:@-]{0,14}$/;

/** `host`, `host:port`, `[v6]:port`: the parts as written, unchecked. */
export function splitHostPort(text: string): { host: string; port?: string } {
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (v6) return { host: v6[1] ?? '', ...(v6[2] === undefined ? {} : { port: v6[2] }) };
  const colon = text.lastIndexOf(':');
  // A bare IPv6 address has several colons and no port.
  if (colon < 0 || text.indexOf(':') !== colon) return { host: text };
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

/**
 * An address a swarm listens on, advertises or joins: an IP address or host name with an optional
 * port; where `interfaces` is true (advertise and listen addresses) also a network interface such
 * as eth0, as `docker swarm init --advertise-addr eth0` takes it.
 */
export function checkSwarmAddress(text: string, interfaces: boolean): AddressIssue | null {
  const t = text.trim();
  if (t === '') return 'empty';
  const { host, port } = splitHostPort(t);
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return 'badPort';
  if (parseIp(host)) return null;
  if (HOST_NAME.test(host) || (interfaces && INTERFACE.test(host))) return null;
  return 'badHost';
}

/** A string schema whose refusal carries the issue, as names.ts does it (message = code, params = issue). */
function ruled(check: (s: string) => NameIssue | null, description: string): z.ZodString {
  return z
    .string()
    .superRefine((value, ctx) => {
      const issue = check(value);
      if (issue) ctx.addIssue({ code: 'custom', message: issue.code, params: issue, input: value });
    })
    .describe(description);
}

export const ServiceName = ruled(checkServiceName, 'A service name: letters and digits, - and _ between them, at most 63.');
export const ServiceRef = ruled(checkServiceRef, 'A service: its id, a unique prefix of the id, or its name.');
export const NodeRef = ruled(checkNodeRef, 'A node: its id, a unique prefix of the id, its host name, or self.');
export const NodeLabelKey = ruled(checkLabelKey, 'A label key: no = and no blanks.');
export const RemoteAddress = z
  .string()
  .trim()
  .refine((s) => checkSwarmAddress(s, false) === null, { message: 'badFormat' })
  .describe('A manager to join: host or IP address, optionally with :port (2377 when left out).');
export const LocalAddress = z
  .string()
  .trim()
  .refine((s) => checkSwarmAddress(s, true) === null, { message: 'badFormat' })
  .describe('An address of this engine: IP address, host name or interface, optionally with :port.');
export const JoinToken = z.string().trim().regex(JOIN_TOKEN).describe('A join token: SWMTKN-1-…');
export const UnlockKey = z.string().trim().regex(UNLOCK_KEY).describe('An unlock key: SWMKEY-1-…');
