import type { AreaHandlers } from './area';

export const learnHandlers: AreaHandlers<'learn', 'learn' | 'journal'> = {
  services: { learn: true, journal: true },
  methods: ({ learn, journal }) => ({
    'learn.exercises.check': (params) => learn.check(params.exerciseId, params.since),
    'learn.lab.preview': () => learn.labPreview(),
    'learn.lab.reset': (params) => learn.labReset(params.items),
    'learn.journal.list': () => Promise.resolve(journal.list()),
    'learn.journal.record': (params) => Promise.resolve(journal.record(params)),
    'learn.journal.finish': (params) => Promise.resolve(journal.finish(params.id, params.error)),
    'learn.journal.clear': () => Promise.resolve(journal.clear()),
  }),
  topics: ({ journal }) => ({
    'learn.journal': { open: (_params, emit) => journal.onChange(emit) },
  }),
};
