import { cleanupChecks } from './cleanup';
import type { CheckFn } from './common';
import { containerChecks } from './containers';
import { imageChecks } from './images';
import { networkingChecks } from './networking';
import { storageChecks } from './storage';

/** One function per check id in resources/exercises/0[1-7]-*.json, one file per chapter of the course. */
export const dockerExerciseChecks: Record<string, Record<string, CheckFn>> = {
  ...containerChecks,
  ...cleanupChecks,
  ...imageChecks,
  ...networkingChecks,
  ...storageChecks,
};
