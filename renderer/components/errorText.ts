import type { Namespace, TFunction } from 'i18next';

import type { ErrorData, ParamIssue } from '@shared/errors';
import type { NameIssue } from '@shared/rules/names';

/** i18next's t as these helpers use it (keys are namespaced: errors:…, common:…). */
export type Translate = TFunction<Namespace>;

/** Whose naming rule a problem breaks: the words differ (an image reference is lowercase, a network name is freer). */
export type NameSubject = 'name' | 'network' | 'reference';

/** Blanks and invisible characters would show as nothing between the quotes: name them instead. */
function visible(char: string): string {
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)) return char;
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function ruleKey(code: string, char: string | number | undefined): string {
  return code === 'badChar' && typeof char === 'string' && /^\s$/u.test(char) ? 'space' : code;
}

function ruleText(subject: NameSubject | 'value', code: string, params: Record<string, string | number | undefined>, t: Translate): string {
  const key = ruleKey(code, params.char);
  const values = { ...params, ...(typeof params.char === 'string' ? { char: visible(params.char) } : {}) };
  const keys = subject === 'value' ? [`errors:value.${key}`] : [`errors:${subject}.${key}`, `errors:name.${key}`, `errors:value.${key}`];
  return t(keys, values);
}

/** A naming rule's problem (shared/rules/names.ts) as a sentence in the learner's language. */
export function sayNameIssue(issue: NameIssue, subject: NameSubject, t: Translate): string {
  return ruleText(subject, issue.code, { max: issue.max, min: issue.min, char: issue.char }, t);
}

const REFERENCE_KEYS = new Set(['ref', 'target', 'tag', 'image']);
const NAME_KEYS = new Set(['name', 'id', 'container', 'network', 'volume']);

function subjectOf(path: ParamIssue['path']): NameSubject | 'value' {
  const last = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (last !== undefined && REFERENCE_KEYS.has(last)) return 'reference';
  if (last !== undefined && NAME_KEYS.has(last)) return 'name';
  return 'value';
}

/** What is wrong with one refused value, without saying where. */
export function sayParamProblem(issue: ParamIssue, t: Translate): string {
  return ruleText(subjectOf(issue.path), issue.code, issue.params ?? {}, t);
}

/** One refused value as a sentence that names its place in the request. */
export function sayParamIssue(issue: ParamIssue, t: Translate): string {
  const field = issue.path.length ? issue.path.join('.') : '–';
  return t('errors:at', { field, problem: sayParamProblem(issue, t) });
}

/** The refused values that belong to one field of a form (the first step of their path). */
export function issuesAt(error: ErrorData | undefined, field: string): ParamIssue[] {
  return (error?.issues ?? []).filter((issue) => issue.path[0] === field);
}

export interface SaidError {
  /** What kind of error, in a few words. */
  title: string;
  /** What happened. */
  message: string;
  /** What to do. */
  hint?: string;
  /** The engine's own words, untranslated. */
  detail?: string;
}

/** An error in the learner's language: a known refusal by its reason, refused values by their codes. */
export function sayError(error: ErrorData, t: Translate): SaidError {
  const title = t(`common:errors.${error.code}`);
  if (error.reason) {
    return { title, message: t(`errors:reasons.${error.reason}`), hint: t(`errors:hints.${error.reason}`), detail: error.detail ?? error.message };
  }
  if (error.issues?.length) {
    return { title, message: error.issues.map((issue) => sayParamIssue(issue, t)).join(' '), ...(error.detail ? { detail: error.detail } : {}) };
  }
  return { title, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}
