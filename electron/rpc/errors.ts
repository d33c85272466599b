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
export function invalidParams(where: string, error: ZodError, input: unknown): LotseError {
  const texts: string[] = [];
  const issues = paramIssues(error, input, texts);
  const listed = issues.map((i) => `${i.path.length ? i.path.join('.') : '(params)'} (${i.code})`).join(', ');
  return new LotseError('INVALID_PARAMS', `Invalid parameters for ${where}: ${listed}.`, undefined, {
    issues,
    ...(texts.length ? { detail: texts.join(' ') } : {}),
  });
}
