import { create } from 'zustand';

import type { StreamEngineMark } from '@shared/dto/containers';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { LogRing } from './log-ring';

/** How many lines the view keeps: older ones fall out, so 10,000 lines/s cannot fill the memory. */
export const LOG_CAPACITY = 5000;

/** What the stream said about the engine, and where in the stream: after this many received lines. */
export interface LogMark {
  after: number;
  mark: StreamEngineMark;
}
/** Marks kept without lines between them (an engine going and coming many times in a quiet log). */
const MARK_CAPACITY = 50;

export interface LogOptions {
  follow: boolean;
  tail: number | undefined;
  since: string | undefined;
  timestamps: boolean;
}

interface ContainerLogsStore {
  ring: LogRing;
  /** Bumped on every change; views read the ring when it moves. */
  version: number;
  received: number;
  evicted: number;
  ended: boolean;
  error: ErrorData | undefined;
  /** Where the engine went away and where the stream resumed, for the lines still in the ring. */
  marks: LogMark[];
  /** Follows one container's log; the disposer stops following (the view closes). */
  follow: (id: string, options: LogOptions) => () => void;
  clear: () => void;
}

export const useContainerLogs = create<ContainerLogsStore>((set, get) => ({
  ring: new LogRing(LOG_CAPACITY),
  version: 0,
  received: 0,
  evicted: 0,
  ended: false,
  error: undefined,
  marks: [],
  follow: (id, options) => {
    const ring = new LogRing(LOG_CAPACITY);
    set({ ring, version: 0, received: 0, evicted: 0, ended: false, error: undefined, marks: [] });
    // Batches arrive ~10/s; the screen is updated at most once per frame.
    let frame: number | undefined;
    const dispose = api.subscribe(
      'containers.logs',
      {
        id,
        follow: options.follow,
        timestamps: options.timestamps,
        ...(options.tail === undefined ? {} : { tail: options.tail }),
        ...(options.since ? { since: options.since } : {}),
      },
      (batch) => {
        if (get().ring !== ring) return;
        const evicted = ring.push(batch.lines);
        const received = get().received + batch.lines.length;
        const marks = [...get().marks, ...(batch.engine ? [{ after: received, mark: batch.engine }] : [])]
          .filter((m) => m.after >= received - ring.size)
          .slice(-MARK_CAPACITY);
        set({
          received,
          evicted: get().evicted + evicted + batch.dropped,
          marks,
          ...(batch.ended ? { ended: true } : {}),
          ...(batch.error ? { error: batch.error } : {}),
        });
        frame ??= requestAnimationFrame(() => {
          frame = undefined;
          set({ version: get().version + 1 });
        });
      },
    );
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      dispose();
    };
  },
  clear: () => {
    get().ring.clear();
    set({ version: get().version + 1, marks: [] });
  },
}));
