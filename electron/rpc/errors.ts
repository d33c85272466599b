import { ZodError } from 'zod';

import { LotseError, paramIssues } from '@shared/errors';

import { toLotseError as fromEngine } from '../services/docker/errors';

/**
 * Any thrown value as the error that crosses the wire: refused parameters with their issues,
 * everything else as the services' engine mapping says (a LotseError keeps its code).
 */
export function toLotseError(error: unknown): LotseError {
  return error instanceof ZodError ? invalidParams('this request', error, undefined) : fromEngine(error);
}

/**
 * A refused request as data: each value with its path and a code the UI says in the learner's
 * language, and a short English message. Never zod's own dump.
 */
const MAX_LISTED_ISSUES = 20;

export function invalidParams(where: string, error: ZodError, input: unknown): LotseError {
  const texts: string[] = [];
  // A message with thousands of wrong keys gets an answer of bounded size: the first issues say enough.
  const issues = paramIssues(error, input, texts).slice(0, MAX_LISTED_ISSUES);
  const listed = issues.map((i) => `${i.path.length ? i.path.join('.') : '(params)'} (${i.code})`).join(', ');
  return new LotseError('INVALID_PARAMS', `Invalid parameters for ${where}: ${listed}.`, undefined, {
    issues,
    ...(texts.length ? { detail: texts.slice(0, MAX_LISTED_ISSUES).join(' ') } : {}),
  });
}
