import type { ExerciseCheck, LabItem, LabItemKind, LabResetResult } from '@shared/dto/learn';
import { LotseError } from '@shared/errors';

import type { EngineService } from '../docker/engine';
import { NoHelperImageError, Probe } from '../docker/helper';
import type { KubeReader } from './checks/kube';
import { labPreview, labReset } from './lab';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The learning layer's backend: checks exercises against the live engine and resets the lab. */
export class LearnService {
  private readonly probe: Probe;

  constructor(
    private readonly engine: EngineService,
    /** The Kubernetes cluster the learner works with, for exercise 14. */
    private readonly kube: () => Promise<KubeReader | undefined> = () => Promise.resolve(undefined),
  ) {
    this.probe = new Probe(() => engine.docker());
  }

  async check(exerciseId: string, since: number | undefined): Promise<ExerciseCheck> {
    // The checks load with the first exercise checked: they bring the Compose, Swarm and Kubernetes readers along.
    const [{ dockerExerciseChecks }, { composeExerciseChecks }, { kubeExerciseChecks }, { swarmExerciseChecks }] = await Promise.all([
      import('./checks'),
      import('./checks/compose'),
      import('./checks/kube'),
      import('./checks/swarm'),
    ]);
    const kubeChecks = Object.hasOwn(kubeExerciseChecks, exerciseId) ? kubeExerciseChecks[exerciseId] : undefined;
    if (kubeChecks) {
      const reader = await this.kube();
      const outcomes = [];
      for (const [id, check] of Object.entries(kubeChecks)) outcomes.push({ id, ...(await check(reader)) });
      return { exerciseId, checkedAt: Date.now(), checks: outcomes };
    }
    const all = { ...dockerExerciseChecks, ...composeExerciseChecks, ...swarmExerciseChecks };
    const checks = Object.hasOwn(all, exerciseId) ? all[exerciseId] : undefined;
    if (!checks) throw new LotseError('NOT_FOUND', `There is no exercise '${exerciseId}'.`);
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
    return { exerciseId, checkedAt: Date.now(), checks: outcomes };
  }

  labPreview(): Promise<LabItem[]> {
    return labPreview(this.engine.docker());
  }

  labReset(items: { kind: LabItemKind; ref: string }[]): Promise<LabResetResult> {
    return labReset(this.engine.docker(), items);
  }
}
