import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { toLotseError } from '../../../electron/rpc/errors';

describe('toLotseError', () => {
  it("prefers the engine's own words over the HTTP status text", () => {
    const fromJson = toLotseError(Object.assign(new Error('x'), { statusCode: 500, reason: 'server error', json: { message: 'driver failed' } }));
    expect(fromJson.message).toBe('driver failed');
    const fromText = toLotseError(
      Object.assign(new Error('(HTTP code 500) server error - conflict: unable to delete 1234 (must be forced)'), {
        statusCode: 500,
        reason: 'server error',
        json: null,
      }),
    );
    expect(fromText).toMatchObject({ code: 'INTERNAL', message: 'conflict: unable to delete 1234 (must be forced)' });
  });

  it('maps socket errors to engine codes with a hint', () => {
    expect(toLotseError(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }))).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    expect(toLotseError(Object.assign(new Error('connect EACCES'), { code: 'EACCES' })).hint).toMatch(/docker group/);
  });

  it('maps status codes and validation errors', () => {
    expect(toLotseError(Object.assign(new Error('x'), { statusCode: 404, json: { message: 'No such container: web' } }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such container: web',
    });
    expect(toLotseError(Object.assign(new Error('x'), { statusCode: 409 })).code).toBe('CONFLICT');
    expect(toLotseError(z.string().safeParse(1).error).code).toBe('INVALID_PARAMS');
  });
});
