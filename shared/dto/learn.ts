import { z } from 'zod';

/** Why a check passed or failed: a reason id the UI words in the learner's language, with its facts. */
export const CheckOutcome = z.object({
  /** The check id from the exercise file (resources/exercises/<nn>-<id>.json). */
  id: z.string(),
  passed: z.boolean(),
  /** learn:checks.reasons.<reason> in the renderer. */
  reason: z.string(),
  /** Names, ports, paths the sentence mentions. */
  facts: z.record(z.string(), z.string()),
});
export type CheckOutcome = z.infer<typeof CheckOutcome>;

export const ExerciseCheck = z.object({
  exerciseId: z.string(),
  /** Epoch milliseconds. */
  checkedAt: z.number(),
  checks: z.array(CheckOutcome),
});
export type ExerciseCheck = z.infer<typeof ExerciseCheck>;

export const LabItemKind = z.enum(['container', 'network', 'volume', 'image']);
export type LabItemKind = z.infer<typeof LabItemKind>;

/** Something the exercises created that "reset lab" would remove. */
export const LabItem = z.object({
  kind: LabItemKind,
  /** Container/network id, volume name, or image reference (a tag: removing it untags only). */
  ref: z.string(),
  name: z.string(),
  /** 'label': carries lotse.exercise=<exercise>; 'name': a name an exercise prescribes; 'uses': a container that uses such a volume or network. */
  why: z.enum(['label', 'name', 'uses']),
  exercise: z.string(),
});
export type LabItem = z.infer<typeof LabItem>;

export const LabResetResult = z.object({
  removed: z.array(LabItem),
  failed: z.array(z.object({ item: LabItem, message: z.string() })),
  /** Asked for but no longer (or never) in the preview: left alone. */
  skipped: z.array(z.object({ kind: LabItemKind, ref: z.string() })),
});
export type LabResetResult = z.infer<typeof LabResetResult>;
