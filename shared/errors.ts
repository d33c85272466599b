import { z } from 'zod';

/** Error codes that cross the boundary; the UI turns each into words a learner understands. */
export const errorCodes = [
  'ENGINE_UNAVAILABLE',
  'ENGINE_PERMISSION',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_PARAMS',
  'METHOD_NOT_FOUND',
  'CANCELLED',
  'K8S_UNREACHABLE',
  'K8S_FORBIDDEN',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
});
export type ErrorData = z.infer<typeof ErrorData>;

/** An error as data. Thrown by services, carried over JSON-RPC, re-thrown by the client. */
export class LotseError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'LotseError';
    this.code = code;
    this.hint = hint;
  }

  toData(): ErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }

  static fromData(data: ErrorData): LotseError {
    return new LotseError(data.code, data.message, data.hint);
  }
}

export function isLotseError(value: unknown): value is LotseError {
  return value instanceof LotseError;
}
