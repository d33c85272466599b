import { create } from 'zustand';

import { EXERCISE_LABEL, HELPER_LABEL } from '@shared/rules/learn';
import type { ExerciseCheck } from '@shared/dto/learn';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

const STORAGE_KEY = 'lotse.exercises';

export interface ExerciseProgress {
  /** Epoch ms: when the learner opened the exercise first; events before it are not theirs. */
  startedAt: number;
  hintsShown: number;
  /** Set the first time every check passed; stays set. */
  completedAt?: number;
  last?: ExerciseCheck;
}

interface ExercisesStore {
  progress: Record<string, ExerciseProgress>;
  selected: string | undefined;
  checking: string | undefined;
  error: ErrorData | undefined;
  select: (id: string | undefined) => void;
  revealHint: (id: string) => void;
  check: (id: string) => Promise<void>;
  reset: (id: string) => void;
  resetAll: () => void;
  /** Re-checks the exercise when the engine reports a change; returns the disposer. */
  watch: (id: string) => () => void;
}

function load(): Record<string, ExerciseProgress> {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, ExerciseProgress>) : {};
  } catch {
    return {};
  }
}

function save(progress: Record<string, ExerciseProgress>): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Private mode: progress lasts until the page closes.
  }
}

// A check asked for while one runs is run once after it, not alongside it (checks start helper containers).
let again = false;

const fresh = (): ExerciseProgress => ({ startedAt: Date.now(), hintsShown: 0 });

/** Exercise progress, saved locally: when started, hints revealed, the last check, done or not. */
export const useExercises = create<ExercisesStore>((set, get) => {
  const update = (id: string, change: (p: ExerciseProgress) => ExerciseProgress): void => {
    const progress = { ...get().progress, [id]: change(get().progress[id] ?? fresh()) };
    save(progress);
    set({ progress });
  };
  return {
    progress: load(),
    selected: undefined,
    checking: undefined,
    error: undefined,
    select: (id) => {
      if (id && !get().progress[id]) update(id, (p) => p);
      set({ selected: id, error: undefined });
    },
    revealHint: (id) => update(id, (p) => ({ ...p, hintsShown: p.hintsShown + 1 })),
    check: async (id) => {
      if (get().checking) {
        again = true;
        return;
      }
      const since = (get().progress[id] ?? fresh()).startedAt;
      set({ checking: id });
      try {
        const last = await api.call('learn.exercises.check', { exerciseId: id, since });
        const done = last.checks.length > 0 && last.checks.every((c) => c.passed);
        update(id, (p) => ({ ...p, last, ...(done && !p.completedAt ? { completedAt: last.checkedAt } : {}) }));
        set({ error: undefined });
      } catch (error) {
        set({ error: toErrorData(error) });
      } finally {
        set({ checking: undefined });
        if (again) {
          again = false;
          const selected = get().selected;
          if (selected) void get().check(selected);
        }
      }
    },
    reset: (id) => update(id, () => fresh()),
    resetAll: () => {
      save({});
      set({ progress: {} });
    },
    watch: (id) => {
      // Checks start helper containers: their own events must not trigger the next check.
      const helpers = new Set<string>();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const dispose = api.subscribe('docker.events', { types: ['container', 'image', 'network', 'volume', 'service', 'node'] }, (event) => {
        if (event.attributes[HELPER_LABEL]) {
          helpers.add(event.id);
          return;
        }
        // Their network and volume events name them only by id.
        if (helpers.has(event.attributes.container ?? '')) return;
        // A learner's exec (curl, echo > file) changes what a check sees without any other event.
        if (event.type === 'container' && event.action.startsWith('exec_') && event.action !== 'exec_die') return;
        clearTimeout(timer);
        timer = setTimeout(() => void get().check(id), 700);
      });
      void get().check(id);
      return () => {
        clearTimeout(timer);
        dispose();
      };
    },
  };
});

/**
 * The label other areas add to what they create while the learner works on an exercise (one is
 * selected and not yet done), so that "reset lab" finds it later: `{ 'lotse.exercise': '<id>' }`.
 */
export function exerciseLabels(): Record<string, string> {
  const { selected, progress } = useExercises.getState();
  if (!selected || progress[selected]?.completedAt !== undefined) return {};
  return { [EXERCISE_LABEL]: selected };
}
