/** Status objects: every error the API answers, worded as the real API server words it. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Status['details'],
  ) {
    super(message);
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export function success(details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', ...(details ? { details } : {}), code: 200 };
}

/** `deployments.apps`, `pods`: the qualified resource as messages name it. */
export function qualified(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound: (group: string, resource: string, name: string): ApiError =>
    new ApiError(404, 'NotFound', `${qualified(group, resource)} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource }),
  alreadyExists: (group: string, resource: string, name: string): ApiError =>
    new ApiError(409, 'AlreadyExists', `${qualified(group, resource)} "${name}" already exists`, { name, ...(group ? { group } : {}), kind: resource }),
  conflict: (group: string, resource: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(group, resource)} "${name}": ${why}`, { name, ...(group ? { group } : {}), kind: resource }),
  badRequest: (message: string): ApiError => new ApiError(400, 'BadRequest', message),
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]): ApiError => {
    const what = group ? `${kind}.${group}` : kind;
    const text = causes.map((c) => `${c.field ? `${c.field}: ` : ''}${c.message ?? ''}`);
    const message = `${what} "${name}" is invalid: ${text.length === 1 ? text[0] : `[${text.join(', ')}]`}`;
    return new ApiError(422, 'Invalid', message, { name, ...(group ? { group } : {}), kind, causes });
  },
  forbidden: (message: string): ApiError => new ApiError(403, 'Forbidden', message),
  methodNotAllowed: (): ApiError => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  notAcceptable: (message: string): ApiError => new ApiError(406, 'NotAcceptable', message),
  unsupportedMediaType: (type: string): ApiError => new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${type})`),
  pathNotFound: (): ApiError => new ApiError(404, 'NotFound', 'the server could not find the requested resource'),
  expired: (message: string): ApiError => new ApiError(410, 'Expired', message),
  tooManyRequests: (message: string, causes?: StatusCause[]): ApiError => new ApiError(429, 'TooManyRequests', message, causes ? { causes } : undefined),
  internal: (message: string): ApiError => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`),
  unauthorized: (): ApiError => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  requestEntityTooLarge: (limit: number): ApiError => new ApiError(413, 'RequestEntityTooLarge', `the request body exceeds the limit of ${limit} bytes`),
};
