import type { learnMethods, learnTopics } from '@shared/api/learn';

import type { Handlers, TopicSources } from '../router';
import type { Services } from '../services';

type LearnMethod = keyof typeof learnMethods;
type LearnTopic = keyof typeof learnTopics;

export function learnHandlers({ learn, journal }: Services): Pick<Handlers, LearnMethod> {
  return {
    'learn.exercises.check': (params) => learn.check(params.exerciseId, params.since),
    'learn.lab.preview': () => learn.labPreview(),
    'learn.lab.reset': (params) => learn.labReset(params.items),
    'learn.journal.list': () => Promise.resolve(journal.list()),
    'learn.journal.record': (params) => Promise.resolve(journal.record(params)),
    'learn.journal.finish': (params) => Promise.resolve(journal.finish(params.id, params.error)),
    'learn.journal.clear': () => Promise.resolve(journal.clear()),
  };
}

export function learnTopicSources({ journal }: Services): Pick<TopicSources, LearnTopic> {
  return {
    'learn.journal': { open: (_params, emit) => journal.onChange(emit) },
  };
}
