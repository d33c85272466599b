import { ZodError } from 'zod';

import { LotseError } from '@shared/errors';

interface EngineLikeError {
  statusCode?: number;
  code?: string;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

/** Maps dockerode status codes, socket errors and validation errors to errors as data. */
export function toLotseError(error: unknown): LotseError {
  if (error instanceof LotseError) return error;
  if (error instanceof ZodError) {
    return new LotseError('INVALID_PARAMS', error.message, 'Check the values you entered.');
  }
  if (!error || typeof error !== 'object') return new LotseError('INTERNAL', String(error));
  const e = error as EngineLikeError;
  const detail = engineMessage(e);
  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new LotseError(
        'ENGINE_UNAVAILABLE',
        `The Docker engine does not answer (${e.code}).`,
        'Start Docker (Docker Desktop, or `sudo systemctl start docker`) and wait a moment: Lotse reconnects by itself.',
      );
    case 'EACCES':
    case 'EPERM':
      return new LotseError(
        'ENGINE_PERMISSION',
        'You are not allowed to use the Docker socket.',
        'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again) — and remember that this group is as powerful as root.',
      );
    default:
      break;
  }
  switch (e.statusCode) {
    case 400:
      return new LotseError('INVALID_PARAMS', detail);
    case 401:
    case 403:
      return new LotseError('ENGINE_PERMISSION', detail);
    case 404:
      return new LotseError('NOT_FOUND', detail);
    case 409:
      return new LotseError('CONFLICT', detail);
    default:
      return new LotseError('INTERNAL', detail);
  }
}

function engineMessage(e: EngineLikeError): string {
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  if (fromJson) return fromJson;
  // docker-modem puts the engine's words after the status text: "(HTTP code 500) server error - <message>".
  const afterReason = e.message ? /^\(HTTP code \d+\) [^-]*- (.+)$/s.exec(e.message)?.[1]?.trim() : undefined;
  return afterReason || e.reason || e.message || 'Unknown error';
}
