import { create } from 'zustand';

import type { ErrorData } from '@shared/errors';

export interface JournalEntry {
  id: number;
  /** Epoch milliseconds. */
  time: number;
  /** What the learner did, in words (already translated). */
  label: string;
  /** The docker/kubectl command the action stands for. */
  command: string;
  status: 'running' | 'ok' | 'error';
  error?: ErrorData;
}

const MAX_ENTRIES = 1000;

interface JournalStore {
  entries: JournalEntry[];
  add: (entry: Omit<JournalEntry, 'id' | 'time' | 'status'>) => number;
  finish: (id: number, result: { error?: ErrorData }) => void;
  clear: () => void;
  /** Whether the journal drawer is open (header button, Learn area). */
  open: boolean;
  setOpen: (open: boolean) => void;
}

let nextId = 1;

/** The actions since Lotse started, with their commands, results and times (bounded). */
export const useJournal = create<JournalStore>((set) => ({
  entries: [],
  add: (entry) => {
    const id = nextId++;
    set((s) => ({ entries: [...s.entries, { ...entry, id, time: Date.now(), status: 'running' as const }].slice(-MAX_ENTRIES) }));
    return id;
  },
  finish: (id, result) =>
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id === id ? { ...e, status: result.error ? ('error' as const) : ('ok' as const), ...(result.error ? { error: result.error } : {}) } : e,
      ),
    })),
  clear: () => set({ entries: [] }),
  open: false,
  setOpen: (open) => set({ open }),
}));
