import type { JournalChange, JournalEntry } from '@shared/api/learn';
import { JOURNAL_LIMIT } from '@shared/rules/learn';
import type { ErrorData } from '@shared/errors';
import { LotseError } from '@shared/errors';

/**
 * The journal of the learner's actions, kept for as long as the backend runs: a reloaded window
 * (or a second one) reads it and then follows its changes. Bounded: the oldest entries fall out.
 */
export class JournalService {
  private entries: JournalEntry[] = [];
  private version = 0;
  private readonly listeners = new Set<(change: JournalChange) => void>();

  constructor(
    private readonly limit = JOURNAL_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  list(): { entries: JournalEntry[]; version: number; limit: number } {
    return { entries: [...this.entries], version: this.version, limit: this.limit };
  }

  record(action: { id: string; label: string; command: string }): JournalEntry {
    if (this.entries.some((e) => e.id === action.id)) {
      throw new LotseError('CONFLICT', `The journal already has an entry ${action.id}.`);
    }
    const entry: JournalEntry = { ...action, time: this.now(), status: 'running' };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.emit({ kind: 'recorded', version: ++this.version, entry });
    return entry;
  }

  finish(id: string, error?: ErrorData): JournalEntry | null {
    const index = this.entries.findIndex((e) => e.id === id);
    const current = this.entries[index];
    if (!current) return null;
    const entry: JournalEntry = { ...current, status: error ? 'error' : 'ok', ...(error ? { error } : {}) };
    this.entries[index] = entry;
    this.emit({ kind: 'recorded', version: ++this.version, entry });
    return entry;
  }

  clear(): { version: number } {
    this.entries = [];
    this.emit({ kind: 'cleared', version: ++this.version });
    return { version: this.version };
  }

  /** Follows every change; returns the disposer. */
  onChange(listener: (change: JournalChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: JournalChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
