import { z } from 'zod';

import { ExerciseCheck, LabItem, LabItemKind, LabResetResult } from '../dto/learn';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

/** The label Lotse puts on what it creates for an exercise; "reset lab" finds things by it. */
export const EXERCISE_LABEL = 'lotse.exercise';
/** The label on the short-lived helper containers checks use to look inside the engine. */
export const HELPER_LABEL = 'lotse.helper';

/** The learning layer: exercise checks against the live engine and the lab reset. */
export const learnMethods = {
  'learn.exercises.check': {
    summary: "Runs an exercise's checks against the engine; each reads the engine's state, never what was clicked.",
    params: z
      .object({
        exerciseId: z.string().min(1).max(100),
        /** When the learner started the exercise (epoch ms): what happened before is not theirs. */
        since: z.number().int().nonnegative().optional(),
      })
      .strict(),
    result: ExerciseCheck,
  },
  'learn.lab.preview': {
    summary: 'Everything the exercises created (by the lotse.exercise label and by the names they prescribe).',
    params: NoParams,
    result: z.array(LabItem),
  },
  'learn.lab.reset': {
    summary: 'Removes the confirmed items, but only those still in the preview; never anything else.',
    params: z.object({ items: z.array(z.object({ kind: LabItemKind, ref: z.string().min(1) }).strict()).max(2000) }).strict(),
    result: LabResetResult,
  },
} as const satisfies Record<string, MethodSpec>;

export const learnTopics = {} as const satisfies Record<string, TopicSpec>;
