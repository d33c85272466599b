import { create } from 'zustand';

import type { JournalChange, JournalEntry } from '@shared/api/learn';
import { JOURNAL_LIMIT } from '@shared/rules/learn';
import type { ErrorData } from '@shared/errors';

import type { RpcClient } from '../api/client';

export type { JournalEntry } from '@shared/api/learn';

interface JournalStore {
  entries: JournalEntry[];
  /** How many entries the backend keeps. */
  limit: number;
  /** The backend's count of changes this list reflects (-1: not read yet). */
  version: number;
  add: (entry: Pick<JournalEntry, 'label' | 'command'>) => string;
  finish: (id: string, result: { error?: ErrorData }) => void;
  clear: () => void;
  /** Whether the journal drawer is open (header button, Learn area). */
  open: boolean;
  setOpen: (open: boolean) => void;
}

let backend: RpcClient | undefined;
let nextId = 1;
// Ids are chosen here, so an entry shows at once; the prefix keeps windows and reloads apart.
const idPrefix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Puts an entry in place of the one with its id, or at the end; keeps the newest `limit`. */
function upsert(entries: JournalEntry[], entry: JournalEntry, limit: number): JournalEntry[] {
  const index = entries.findIndex((e) => e.id === entry.id);
  if (index >= 0) return entries.map((e, i) => (i === index ? entry : e));
  return [...entries, entry].slice(-limit);
}

/** A change from the backend applied to the list (pure). */
export function applyJournalChange(entries: JournalEntry[], change: JournalChange, limit: number): JournalEntry[] {
  return change.kind === 'cleared' ? [] : upsert(entries, change.entry, limit);
}

/**
 * The actions since Lotse started, with their commands, results and times. The backend keeps them
 * (bounded) for as long as it runs, so a reload finds them; this store mirrors them.
 */
export const useJournal = create<JournalStore>((set) => ({
  entries: [],
  limit: JOURNAL_LIMIT,
  version: -1,
  add: (entry) => {
    const id = `${idPrefix}-${nextId++}`;
    const local: JournalEntry = { ...entry, id, time: Date.now(), status: 'running' };
    set((s) => ({ entries: upsert(s.entries, local, s.limit) }));
    backend?.call('learn.journal.record', { id, label: entry.label, command: entry.command }).catch(() => undefined);
    return id;
  },
  finish: (id, result) => {
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id === id ? { ...e, status: result.error ? ('error' as const) : ('ok' as const), ...(result.error ? { error: result.error } : {}) } : e,
      ),
    }));
    backend?.call('learn.journal.finish', { id, ...(result.error ? { error: result.error } : {}) }).catch(() => undefined);
  },
  clear: () => {
    set({ entries: [] });
    backend?.call('learn.journal.clear', {}).catch(() => undefined);
  },
  open: false,
  setOpen: (open) => set({ open }),
}));

/**
 * Mirrors the backend's journal: reads it, then follows its changes (also those of other windows),
 * and reads it again after the connection to the backend came back. A change that arrives while the
 * list is on its way is applied after it, unless the list already holds it. Returns the disposer.
 */
export function connectJournal(client: RpcClient): () => void {
  backend = client;
  let pending: JournalChange[] | undefined = [];
  const apply = (change: JournalChange): void => {
    useJournal.setState((s) => (change.version <= s.version ? s : { entries: applyJournalChange(s.entries, change, s.limit), version: change.version }));
  };
  const load = (): void => {
    pending = [];
    client.call('learn.journal.list', {}).then(
      (list) => {
        // What this window recorded and the backend does not hold (yet) stays.
        const mine = useJournal.getState().entries.filter((e) => e.id.startsWith(`${idPrefix}-`) && !list.entries.some((k) => k.id === e.id));
        useJournal.setState({ entries: [...list.entries, ...mine].slice(-list.limit), version: list.version, limit: list.limit });
        const waiting = pending ?? [];
        pending = undefined;
        for (const change of waiting) apply(change);
      },
      () => undefined, // Read again when the connection comes back.
    );
  };
  const unsubscribe = client.subscribe('learn.journal', {}, (change) => {
    if (pending) pending.push(change);
    else apply(change);
  });
  let lost = false;
  const unwatch = client.onStatus((open) => {
    if (!open) lost = true;
    // After the client has subscribed again, so no change falls between the list and the events.
    else if (lost) {
      lost = false;
      queueMicrotask(load);
    }
  });
  load();
  return () => {
    unwatch();
    unsubscribe();
    if (backend === client) backend = undefined;
  };
}
