import type { learnMethods } from '@shared/api/learn';

import type { Handlers } from '../router';
import type { Services } from '../services';

type LearnMethod = keyof typeof learnMethods;

export function learnHandlers({ learn }: Services): Pick<Handlers, LearnMethod> {
  return {
    'learn.exercises.check': (params) => learn.check(params.exerciseId, params.since),
    'learn.lab.preview': () => learn.labPreview(),
    'learn.lab.reset': (params) => learn.labReset(params.items),
  };
}
