import { z } from 'zod';

/** Error codes that cross the boundary; the UI turns each into words a learner understands. */
export const errorCodes = [
  'ENGINE_UNAVAILABLE',
  'ENGINE_PERMISSION',
  'NOT_FOUND',
  'CONFLICT',
  'DENIED',
  'INVALID_PARAMS',
  'METHOD_NOT_FOUND',
  'CANCELLED',
  'K8S_UNREACHABLE',
  'K8S_FORBIDDEN',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * What exactly the engine refused, for the refusals a learner meets. The code says what kind of
 * error it is (programs branch on it); the reason is what the UI says, in the learner's language,
 * with the engine's own words beside it as detail.
 */
export const errorReasons = [
  'engineUnreachable',
  'socketPermission',
  'portAllocated',
  'addressInUse',
  'nameInUse',
  'networkExists',
  'noSuchContainer',
  'noSuchImage',
  'noSuchNetwork',
  'noSuchVolume',
  'pullDenied',
  'manifestUnknown',
  'registryUnreachable',
  'registryUnauthorized',
  'registryDenied',
  'invalidReference',
  'invalidName',
  'unescapedCharacters',
  'networkHasEndpoints',
  'defaultNetwork',
  'alreadyConnected',
  'notConnected',
  'volumeInUse',
  'containerNotRunning',
  'containerPaused',
  'containerAlreadyPaused',
  'containerNotPaused',
  'containerAlreadyRunning',
  'containerRestarting',
  'removalInProgress',
  'removeRunningContainer',
  'imageInUse',
  'imageHasChildren',
  'imageMultipleTags',
  'bindSourceMissing',
  'startFailed',
  'permissionDenied',
  'swarmAlreadyMember',
  'notInSwarm',
  'notSwarmManager',
  'swarmLocked',
  'joinTokenInvalid',
  'managerUnreachable',
  'joinTimeout',
  'lastManager',
  'managerNeedsForce',
  'lastManagerDemote',
  'quorumLoss',
  'updateOutOfSequence',
  'scaleGlobal',
  'serviceNameInUse',
  'noPreviousSpec',
  'nodeNotDown',
  'noSuchService',
  'noSuchNode',
  'unlockKeyInvalid',
  'noAttachableNetwork',
  'k8sUnreachable',
  'k8sCertificate',
  'k8sUnauthorized',
  'k8sExecPluginMissing',
  'k8sForbidden',
  'k8sNotFound',
  'k8sNotServed',
  'k8sConflict',
  'k8sAlreadyExists',
  'k8sExpired',
  'k8sInvalid',
  'k8sTooManyRequests',
] as const;

export const ErrorReason = z.enum(errorReasons);
export type ErrorReason = z.infer<typeof ErrorReason>;

/**
 * Why a value in a request is not valid. The naming rules' codes (shared/rules/names.ts) come
 * first; the others name what the contract's schema refused.
 */
export const paramIssueCodes = [
  'empty',
  'tooLong',
  'badStart',
  'badChar',
  'uppercase',
  'badTag',
  'badDigest',
  'leadingSlash',
  'reserved',
  'required',
  'wrongType',
  'tooSmall',
  'tooBig',
  'tooShort',
  'notInteger',
  'badFormat',
  'notAllowed',
  'unknownField',
  'invalid',
] as const;

export const ParamIssueCode = z.enum(paramIssueCodes);
export type ParamIssueCode = z.infer<typeof ParamIssueCode>;

/** One refused value: where it sits in the request, why, and the numbers or characters the text needs. */
export const ParamIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: ParamIssueCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ParamIssue = z.infer<typeof ParamIssue>;

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
export type ErrorData = z.infer<typeof ErrorData>;

export type ErrorExtra = Pick<ErrorData, 'reason' | 'detail' | 'issues'>;

/** An error as data. Thrown by services, carried over JSON-RPC, re-thrown by the client. */
export class LotseError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly reason: ErrorReason | undefined;
  readonly detail: string | undefined;
  readonly issues: ParamIssue[] | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, extra: ErrorExtra = {}) {
    super(message);
    this.name = 'LotseError';
    this.code = code;
    this.hint = hint;
    this.reason = extra.reason;
    this.detail = extra.detail;
    this.issues = extra.issues;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message };
    if (this.hint !== undefined) data.hint = this.hint;
    if (this.reason !== undefined) data.reason = this.reason;
    if (this.detail !== undefined) data.detail = this.detail;
    if (this.issues !== undefined) data.issues = this.issues;
    return data;
  }

  static fromData(data: ErrorData): LotseError {
    const { code, message, hint, ...extra } = data;
    return new LotseError(code, message, hint, extra);
  }
}

export function isLotseError(value: unknown): value is LotseError {
  return value instanceof LotseError;
}
