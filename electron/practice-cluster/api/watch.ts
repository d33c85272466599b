import type { ServerResponse } from 'node:http';

import type { Store, StoreEvent } from '../store';
import type { KObject } from '../types';
import { matchesFields, matchesRequirements, type FieldRequirement, type Requirement } from './selectors';
import { columnDefinitions, tableRow, type IncludeObject } from './tables';

/** A watch stream: one JSON event per line, replay from the store's ring buffer, bookmarks, WatchList. */
export interface WatchRequest {
  resource: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  labels: Requirement[];
  fields: FieldRequirement[];
  resourceVersion?: string;
  sendInitialEvents: boolean;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  table?: { include: IncludeObject };
  /** Default 60 s; tests use less. */
  bookmarkIntervalMs?: number;
}

const MAX_BUFFERED = 16 * 1024 * 1024;

export function serveWatch(res: ServerResponse, store: Store, w: WatchRequest): void {
  const matches = (o: KObject | undefined): boolean =>
    !!o && (!w.namespace || o.metadata.namespace === w.namespace) && matchesRequirements(w.labels, o.metadata.labels) && matchesFields(w.fields, o);
  let columnsSent = false;
  let closed = false;
  let lastRv = store.resourceVersion;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const render = (o: KObject): unknown => {
    if (!w.table) return o;
    const withColumns = !columnsSent;
    columnsSent = true;
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: o.metadata.resourceVersion },
      columnDefinitions: withColumns ? columnDefinitions(w.resource) : [],
      rows: [tableRow(w.resource, o, w.table.include, w.apiVersion, w.kind)],
    };
  };
  const send = (type: string, object: unknown): void => {
    if (closed) return;
    res.write(`${JSON.stringify({ type, object })}\n`);
    if (res.writableLength > MAX_BUFFERED) finish();
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    send('BOOKMARK', { kind: w.kind, apiVersion: w.apiVersion, metadata: { resourceVersion: String(lastRv), ...(annotations ? { annotations } : {}) } });
  };
  const deliver = (e: StoreEvent): void => {
    if (e.resource !== w.resource) return;
    lastRv = e.rv;
    const now = matches(e.object);
    const before = e.type === 'ADDED' ? false : matches(e.old);
    if (e.type === 'ADDED' && now) send('ADDED', render(e.object));
    else if (e.type === 'MODIFIED') {
      if (now && before) send('MODIFIED', render(e.object));
      else if (now) send('ADDED', render(e.object));
      else if (before) send('DELETED', render(e.object));
    } else if (e.type === 'DELETED' && before) send('DELETED', render(e.object));
  };

  const rv = w.resourceVersion;
  if (w.sendInitialEvents || !rv || rv === '0') {
    for (const o of store.list(w.resource, w.namespace)) if (matches(o)) send('ADDED', render(o));
    lastRv = store.resourceVersion;
    if (w.sendInitialEvents) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const n = Number(rv);
    const events = Number.isInteger(n) && n >= 0 ? store.eventsSince(n) : 'expired';
    if (events === 'expired') {
      send('ERROR', {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${rv} (${store.oldestResumable})`,
        reason: 'Expired',
        code: 410,
      });
      res.end();
      return;
    }
    lastRv = n;
    for (const e of events) deliver(e);
    lastRv = Math.max(lastRv, n);
  }

  const unsubscribe = store.subscribe(deliver);
  const timers: NodeJS.Timeout[] = [];
  if (w.allowBookmarks) {
    const every = w.bookmarkIntervalMs ?? 60_000;
    timers.push(setInterval(() => bookmark(), every));
  }
  if (w.timeoutSeconds && w.timeoutSeconds > 0) timers.push(setTimeout(() => finish(), w.timeoutSeconds * 1000));
  function finish(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    res.end();
  }
  // The response's close (not the request's) says the client went away.
  res.on('close', finish);
}
