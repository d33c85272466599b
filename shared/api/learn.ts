import { z } from 'zod';

import { ExerciseCheck, LabItem, LabResetResult } from '../dto/learn';
import { ErrorData } from '../errors';
import { ContainerRef, ImageRef, NetworkRef, VolumeName } from '../rules/names';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';


/** One action in the journal: what the learner did (in words, as the UI said it), the command it stands for, how it ended. */
export const JournalEntry = z.object({
  /** Chosen by the window that recorded it, so it can show the entry before the backend answers. */
  id: z.string().min(1).max(100),
  /** Epoch milliseconds. */
  time: z.number(),
  label: z.string().max(1000),
  command: z.string().max(20_000),
  status: z.enum(['running', 'ok', 'error']),
  error: ErrorData.optional(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** A change to the journal; `version` counts every change, so a window can tell what its list already holds. */
export const JournalChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recorded'), version: z.number().int(), entry: JournalEntry }),
  z.object({ kind: z.literal('cleared'), version: z.number().int() }),
]);
export type JournalChange = z.infer<typeof JournalChange>;

/** An item of the lab preview to remove: containers and networks by id, volumes by name, images by tag. */
const LabResetItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('container'), ref: ContainerRef }).strict(),
  z.object({ kind: z.literal('network'), ref: NetworkRef }).strict(),
  z.object({ kind: z.literal('volume'), ref: VolumeName }).strict(),
  z.object({ kind: z.literal('image'), ref: ImageRef }).strict(),
]);

/** The learning layer: exercise checks against the live engine, the lab reset, and the journal. */
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
    params: z.object({ items: z.array(LabResetItem).max(2000) }).strict(),
    result: LabResetResult,
  },
  'learn.journal.list': {
    summary: 'The journal the backend keeps while it runs (the last JOURNAL_LIMIT actions, oldest first), so a reloaded window finds it.',
    params: NoParams,
    result: z.object({ entries: z.array(JournalEntry), version: z.number().int(), limit: z.number().int() }),
  },
  'learn.journal.record': {
    summary: 'Adds an action to the journal as running.',
    params: JournalEntry.pick({ id: true, label: true, command: true }).strict(),
    result: JournalEntry,
  },
  'learn.journal.finish': {
    summary: "Sets how an action ended; null when the journal no longer holds it (cleared, or fallen out).",
    params: z.object({ id: z.string().min(1).max(100), error: ErrorData.optional() }).strict(),
    result: JournalEntry.nullable(),
  },
  'learn.journal.clear': {
    summary: 'Empties the journal. Nothing changes in the engine.',
    params: NoParams,
    result: z.object({ version: z.number().int() }),
  },
} as const satisfies Record<string, MethodSpec>;

export const learnTopics = {
  'learn.journal': {
    summary: 'Every change to the journal, from any window: an action recorded or finished, or the journal cleared.',
    params: NoParams,
    event: JournalChange,
  },
} as const satisfies Record<string, TopicSpec>;
