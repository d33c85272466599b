import { ARCHIVE_LIMIT_BYTES } from '@shared/rules/containers';
import type { RequestId } from '@shared/rpc/jsonrpc';

/**
 * What one incoming message may be. Checked before JSON.parse and zod do real work, so a hostile
 * message costs about as much as reading it. Each structural bound lies above what the contract
 * itself takes (its longest list has 5,000 ids), so for a near miss the contract's own answer,
 * field by field, is the one a learner sees.
 */
export const inboundLimits = {
  /**
   * Bytes of one message as JSON text (the browser bridge). The whole message is in memory before
   * it can be judged, and the allocator keeps what such a message took; so the bridge stays at
   * 4 MiB, which limits containers.copyIn over the bridge to about 3 MiB of files. IPC in the app
   * has no byte limit: its values are checked by checkValue, with strings up to maxStringLength.
   */
  maxBytes: 4 * 1024 * 1024,
  /** Arrays and objects inside each other, the message itself included. */
  maxDepth: 32,
  maxArrayLength: 10_000,
  /** Keys of one object: the contract's objects have a few dozen fields, its maps (labels, options) far fewer than this. */
  maxKeys: 1000,
  /** Arrays, objects, strings (keys too) and the members after a comma: every value counts, save one per array or object. */
  maxValues: 20_000,
  /** The largest string the contract carries: one file of containers.copyIn, as base64. */
  maxStringLength: Math.ceil(ARCHIVE_LIMIT_BYTES / 3) * 4,
  maxKeyLength: 1024,
  maxIdLength: 256,
  maxMethodLength: 128,
  /** Requests of one connection that may run at the same time. */
  maxInFlight: 64,
} as const;

export type InboundLimits = { readonly [K in keyof typeof inboundLimits]: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Measures JSON text (UTF-8 bytes) against the limits without parsing it: one pass over the
 * brackets, commas and string ends. Returns what is over a limit, or undefined. Text that is not
 * JSON at all passes here and is left to JSON.parse, which then has bounded work to do.
 */
export function scanJson(bytes: Uint8Array, limits: InboundLimits = inboundLimits): string | undefined {
  if (bytes.length > limits.maxBytes) return `The message is larger than ${limits.maxBytes} bytes.`;
  // Per open array or object: the commas seen so far, counted up for an array and down from -1 for an object.
  const open: number[] = [];
  let values = 0;
  let expectKey = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      let end = i;
      do end = bytes.indexOf(QUOTE, end + 1);
      while (end > 0 && isEscaped(bytes, end));
      if (end < 0) return undefined;
      const length = end - i - 1;
      if (expectKey && length > limits.maxKeyLength) return `A key is longer than ${limits.maxKeyLength} characters.`;
      if (length > limits.maxStringLength) return `A text is longer than ${limits.maxStringLength} characters.`;
      if (++values > limits.maxValues) return `The message holds more than ${limits.maxValues} values.`;
      expectKey = false;
      i = end;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (open.length >= limits.maxDepth) return `The message is nested deeper than ${limits.maxDepth} levels.`;
      if (++values > limits.maxValues) return `The message holds more than ${limits.maxValues} values.`;
      open.push(byte === OPEN_ARRAY ? 0 : -1);
      expectKey = byte === OPEN_OBJECT;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      open.pop();
      expectKey = false;
    } else if (byte === COMMA) {
      const top = open.length - 1;
      const commas = open[top];
      if (commas === undefined) continue;
      if (commas >= 0) {
        open[top] = commas + 1;
        if (commas + 2 > limits.maxArrayLength) return `A list has more than ${limits.maxArrayLength} entries.`;
      } else {
        open[top] = commas - 1;
        if (-commas + 1 > limits.maxKeys) return `An object has more than ${limits.maxKeys} keys.`;
      }
      if (++values > limits.maxValues) return `The message holds more than ${limits.maxValues} values.`;
      expectKey = commas < 0;
    }
  }
  return undefined;
}

/**
 * The top-level `id` of JSON text, read from its first bytes only (clients put it near the start),
 * so that a message refused unparsed is still answered to the request it was. Null when not found.
 */
export function peekId(bytes: Uint8Array, limits: InboundLimits = inboundLimits): RequestId | null {
  const head = bytes.subarray(0, 4096);
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i];
    if (byte === QUOTE) {
      let end = i;
      do end = head.indexOf(QUOTE, end + 1);
      while (end > 0 && isEscaped(head, end));
      if (end < 0) return null;
      if (depth === 1 && expectKey && end === i + 3 && head[i + 1] === 0x69 && head[i + 2] === 0x64) return idAfter(head, end + 1, limits);
      expectKey = false;
      i = end;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
      expectKey = depth === 1 && byte === OPEN_OBJECT;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    } else if (byte === COMMA) {
      expectKey = depth === 1;
    }
  }
  return null;
}

/** The id of a message that arrives as a value, when a request can be answered by it; else null. */
export function idOf(message: unknown, limits: InboundLimits = inboundLimits): RequestId | null {
  if (typeof message !== 'object' || message === null || !Object.hasOwn(message, 'id')) return null;
  const id = (message as { id: unknown }).id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length <= limits.maxIdLength) return id;
  return null;
}

/** The number or short string after `"id"` and its colon. */
function idAfter(head: Uint8Array, from: number, limits: InboundLimits): RequestId | null {
  const rest = new TextDecoder().decode(head.subarray(from));
  const token = /^\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*")/.exec(rest)?.[1];
  if (token === undefined) return null;
  try {
    const id: unknown = JSON.parse(token);
    if (typeof id === 'number' && Number.isFinite(id)) return id;
    if (typeof id === 'string' && id.length <= limits.maxIdLength) return id;
  } catch {
    // Not a JSON token after all.
  }
  return null;
}

function isEscaped(bytes: Uint8Array, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; j >= 0 && bytes[j] === BACKSLASH; j--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * The same limits for a message that arrives as a value (Electron IPC's structured clone): walked
 * without recursion, and only plain JSON-like values pass (no Map, Date, typed array or bigint).
 */
export function checkValue(value: unknown, limits: InboundLimits = inboundLimits): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  let values = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (++values > limits.maxValues) return `The message holds more than ${limits.maxValues} values.`;
    if (item === null || item === undefined || typeof item === 'number' || typeof item === 'boolean') continue;
    if (typeof item === 'string') {
      if (item.length > limits.maxStringLength) return `A text is longer than ${limits.maxStringLength} characters.`;
      continue;
    }
    if (typeof item !== 'object') return 'The message holds something that is not JSON.';
    if (depth >= limits.maxDepth) return `The message is nested deeper than ${limits.maxDepth} levels.`;
    if (Array.isArray(item)) {
      if (item.length > limits.maxArrayLength) return `A list has more than ${limits.maxArrayLength} entries.`;
      for (const element of item as unknown[]) stack.push([element, depth + 1]);
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) return 'The message holds something that is not JSON.';
    const keys = Object.keys(item);
    if (keys.length > limits.maxKeys) return `An object has more than ${limits.maxKeys} keys.`;
    if (values + keys.length > limits.maxValues) return `The message holds more than ${limits.maxValues} values.`;
    for (const key of keys) {
      if (key.length > limits.maxKeyLength) return `A key is longer than ${limits.maxKeyLength} characters.`;
      values++;
      stack.push([(item as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}
