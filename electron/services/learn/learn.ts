import type { ExerciseCheck, LabItem, LabItemKind, LabResetResult } from '@shared/dto/learn';
import { LotseError } from '@shared/errors';

import type { EngineService } from '../docker/engine';
import { NoHelperImageError, Probe } from '../docker/helper';
import { dockerExerciseChecks } from './checks';
import { labPreview, labReset } from './lab';

/** Exercises whose checks arrive with their area's views (Compose, Swarm, Kubernetes). */
export const COMING_EXERCISES = [
  'compose-web',
  'compose-wordpress',
  'company-it',
  'swarm-setup',
  'distributed-webserver',
  'rolling-update',
  'kubernetes-entenhausen',
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The learning layer's backend: checks exercises against the live engine and resets the lab. */
export class LearnService {
  private readonly probe: Probe;

  constructor(private readonly engine: EngineService) {
    this.probe = new Probe(() => engine.docker());
  }

  async check(exerciseId: string, since: number | undefined): Promise<ExerciseCheck> {
    const checks = Object.hasOwn(dockerExerciseChecks, exerciseId) ? dockerExerciseChecks[exerciseId] : undefined;
    if (!checks) {
      if (COMING_EXERCISES.includes(exerciseId)) return { exerciseId, available: false, checkedAt: Date.now(), checks: [] };
      throw new LotseError('NOT_FOUND', `There is no exercise '${exerciseId}'.`);
    }
    const ctx = { docker: this.engine.docker(), probe: this.probe, since: since ?? Date.now() - DAY_MS, memo: new Map<string, Promise<unknown>>() };
    const outcomes = [];
    // One after another: checks start helper containers, and the engine is shared with the learner.
    for (const [id, check] of Object.entries(checks)) {
      try {
        outcomes.push({ id, ...(await check(ctx)) });
      } catch (error) {
        if (error instanceof NoHelperImageError) {
          outcomes.push({ id, passed: false, reason: 'no-helper-image', facts: {} });
          continue;
        }
        throw error;
      }
    }
    return { exerciseId, available: true, checkedAt: Date.now(), checks: outcomes };
  }

  labPreview(): Promise<LabItem[]> {
    return labPreview(this.engine.docker());
  }

  labReset(items: { kind: LabItemKind; ref: string }[]): Promise<LabResetResult> {
    return labReset(this.engine.docker(), items);
  }
}
