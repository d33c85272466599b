import { z } from 'zod';

import { errorCodes, errorReasons, paramIssueCodes } from './lotse-error';
import type * as Shapes from './lotse-error';

export * from './lotse-error';

// The schemas of the shapes in shared/lotse-error.ts; the type checks below keep the two alike.

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = Shapes.ErrorCode;

export const ErrorReason = z.enum(errorReasons);
export type ErrorReason = Shapes.ErrorReason;

export const ParamIssueCode = z.enum(paramIssueCodes);
export type ParamIssueCode = Shapes.ParamIssueCode;

/** One refused value: where it sits in the request, why, and the numbers or characters the text needs. */
export const ParamIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: ParamIssueCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ParamIssue = Shapes.ParamIssue;

const issueCodes = new Set<string>(paramIssueCodes);

/**
 * What a schema refused, as issues the UI can say: zod's issues mapped to our codes, with the
 * numbers and characters their sentences need. `texts` collects the English words of refinements
 * that have no code.
 */
export function paramIssues(error: z.ZodError, input: unknown, texts: string[] = []): ParamIssue[] {
  return error.issues.flatMap((issue) => toParamIssues(issue, [], input, texts));
}

function toParamIssues(issue: z.core.$ZodIssue, prefix: (string | number)[], input: unknown, texts: string[]): ParamIssue[] {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const at = (code: ParamIssueCode, params?: ParamIssue['params']): ParamIssue[] => [params ? { path, code, params } : { path, code }];
  // The naming rules (shared/rules/names.ts) put their code in the message and the issue in params.
  if (issue.code === 'custom' && issueCodes.has(issue.message)) return at(issue.message as ParamIssueCode, textParams(issue.params));
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, path) === undefined) return at('required');
      return at(issue.expected === 'int' ? 'notInteger' : 'wrongType');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min === 1 ? at('empty') : at('tooShort', { min });
      return at('tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return at(issue.origin === 'string' ? 'tooLong' : 'tooBig', { max });
    }
    case 'invalid_format':
      return at('badFormat');
    case 'invalid_value':
      return at('notAllowed', { values: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], code: 'unknownField' as const }));
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((inner) => toParamIssues(inner, path, input, texts));
    case 'custom':
      if (issue.message) texts.push(issue.message);
      return at('invalid');
    default:
      return at('invalid');
  }
}

function textParams(params: Record<string, unknown> | undefined): ParamIssue['params'] {
  const kept = Object.entries(params ?? {}).filter(
    (entry): entry is [string, string | number] => entry[0] !== 'code' && (typeof entry[1] === 'string' || typeof entry[1] === 'number'),
  );
  return kept.length ? Object.fromEntries(kept) : undefined;
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let value = input;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export const ErrorData = z.object({
  code: ErrorCode,
  /** A short English sentence (logs, journal export); the UI says the reason or issues instead. */
  message: z.string(),
  hint: z.string().optional(),
  reason: ErrorReason.optional(),
  /** The engine's (or registry's) own words, shown beside the translated text. */
  detail: z.string().optional(),
  /** INVALID_PARAMS: each refused value with its place in the request. */
  issues: z.array(ParamIssue).optional(),
});
export type ErrorData = Shapes.ErrorData;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameIssue: Same<z.infer<typeof ParamIssue>, ParamIssue> = true;
const sameData: Same<z.infer<typeof ErrorData>, ErrorData> = true;
void sameIssue;
void sameData;
