/**
 * Errors as data, without the schemas: the codes and reasons, and the error class the services throw
 * and the client throws again. The renderer's first paint takes them from here; the zod schemas for
 * the same shapes are in shared/errors.ts (which re-exports all of this).
 */

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

export type ErrorCode = (typeof errorCodes)[number];

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

export type ErrorReason = (typeof errorReasons)[number];

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

export type ParamIssueCode = (typeof paramIssueCodes)[number];

/** One refused value: where it sits in the request, why, and the numbers or characters the text needs. */
export interface ParamIssue {
  path: (string | number)[];
  code: ParamIssueCode;
  params?: Record<string, string | number> | undefined;
}

/** An error as it crosses the boundary (its schema: shared/errors.ts). */
export interface ErrorData {
  code: ErrorCode;
  /** A short English sentence (logs, journal export); the UI says the reason or issues instead. */
  message: string;
  hint?: string | undefined;
  reason?: ErrorReason | undefined;
  /** The engine's (or registry's) own words, shown beside the translated text. */
  detail?: string | undefined;
  /** INVALID_PARAMS: each refused value with its place in the request. */
  issues?: ParamIssue[] | undefined;
}

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
