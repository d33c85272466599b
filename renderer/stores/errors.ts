import { type ErrorData, LotseError } from '@shared/lotse-error';

export function toErrorData(error: unknown): ErrorData {
  if (error instanceof LotseError) return error.toData();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
