/** What the learning layer marks on the engine and how much it keeps; plain values, no schemas. */

/** The label Lotse puts on what it creates for an exercise; "reset lab" finds things by it. */
export const EXERCISE_LABEL = 'lotse.exercise';
/** The label on the short-lived helper containers checks use to look inside the engine. */
export const HELPER_LABEL = 'lotse.helper';

/** How many actions the journal keeps while the backend runs; the oldest fall out first. */
export const JOURNAL_LIMIT = 2000;
