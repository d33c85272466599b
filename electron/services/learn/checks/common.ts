import type Docker from 'dockerode';

import { HELPER_LABEL } from '@shared/rules/learn';
import type { CheckOutcome } from '@shared/dto/learn';
import { splitReference } from '@shared/rules/names';

import type { Probe } from '../../docker/helper';

export interface CheckContext {
  docker: Docker;
  probe: Probe;
  /** Epoch ms: the learner started the exercise then; earlier events are not theirs. */
  since: number;
  /** Answers shared by the checks of one run (each probe is a helper container). */
  memo: Map<string, Promise<unknown>>;
}

export type CheckResult = Omit<CheckOutcome, 'id'>;
export type CheckFn = (ctx: CheckContext) => Promise<CheckResult>;

export const pass = (reason: string, facts: Record<string, string> = {}): CheckResult => ({ passed: true, reason, facts });
export const fail = (reason: string, facts: Record<string, string> = {}): CheckResult => ({ passed: false, reason, facts });

/** The repository part of an image reference, without registry, `library/`, tag or digest. */
export function repositoryName(reference: string): string {
  const { name } = splitReference(reference);
  return name.slice(name.lastIndexOf('/') + 1);
}

export const isHelloWorld = (reference: string): boolean => repositoryName(reference) === 'hello-world';

export type ContainerInfo = Docker.ContainerInfo;

/** The learner's containers: everything but Lotse's own short-lived check helpers. */
export async function learnerContainers(docker: Docker, all = false): Promise<ContainerInfo[]> {
  const list = await docker.listContainers({ all });
  return list.filter((c) => !c.Labels[HELPER_LABEL]);
}
