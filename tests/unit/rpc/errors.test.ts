import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import type { ErrorData } from '@shared/errors';
import type { RpcMessage } from '@shared/rpc/jsonrpc';
import { NetworkName } from '@shared/rules/names';

import { invalidParams } from '../../../electron/rpc/errors';
import { Router } from '../../../electron/rpc/router';
import { staticAreas } from '../../support/areas';

describe('invalidParams: refused values as data', () => {
  const schema = z
    .object({
      name: NetworkName,
      size: z.number().int().min(1).max(10),
      mode: z.enum(['a', 'b']),
      labels: z.record(z.string().max(3), z.string()).optional(),
      note: z.string().refine((s) => !s.includes('..'), 'Paths with .. are not allowed.').optional(),
    })
    .strict();
  const refuse = (input: unknown): ErrorData => {
    const parsed = schema.safeParse(input);
    if (parsed.success) throw new Error('expected a refusal');
    return invalidParams('test.method', parsed.error, input).toData();
  };

  it('gives each refused value its path and code, with what its sentence needs', () => {
    const data = refuse({ name: 'my net', size: 11, mode: 'c', labels: { long: 'x' }, extra: true });
    expect(data.code).toBe('INVALID_PARAMS');
    expect(data.issues).toEqual(
      expect.arrayContaining([
        { path: ['name'], code: 'badChar', params: { char: ' ' } },
        { path: ['size'], code: 'tooBig', params: { max: 10 } },
        { path: ['mode'], code: 'notAllowed', params: { values: 'a, b' } },
        { path: ['labels', 'long'], code: 'tooLong', params: { max: 3 } },
        { path: ['extra'], code: 'unknownField' },
      ]),
    );
    expect(data.issues).toHaveLength(5);
  });

  it('says missing values, wrong kinds and whole numbers apart', () => {
    expect(refuse({ mode: 'a', size: 1.5 }).issues).toEqual([
      { path: ['name'], code: 'required' },
      { path: ['size'], code: 'notInteger' },
    ]);
    expect(refuse({ name: 'web', size: '3', mode: 'a' }).issues).toEqual([{ path: ['size'], code: 'wrongType' }]);
  });

  it("keeps a refinement's words as detail", () => {
    expect(refuse({ name: 'web', size: 1, mode: 'a', note: '../x' })).toMatchObject({ issues: [{ path: ['note'], code: 'invalid' }], detail: 'Paths with .. are not allowed.' });
  });

  it('writes a short English message, never the schema library\'s dump', () => {
    const { message } = refuse({ name: 'my net', size: 0, mode: 'a' });
    expect(message).toBe('Invalid parameters for test.method: name (badChar), size (tooSmall).');
  });
});

describe('the router answers refused parameters with issues', () => {
  // No handler runs: the contract refuses these before any service is asked.
  const router = new Router({ areas: staticAreas({}), version: 'test' });
  const ask = async (method: string, params: unknown): Promise<{ message: string; data: ErrorData }> => {
    const messages: RpcMessage[] = [];
    router.connect((m) => messages.push(m)).receive({ jsonrpc: '2.0', id: 1, method, params });
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    return (messages[0] as { error: { message: string; data: ErrorData } }).error;
  };

  it('for a network name with a space', async () => {
    const error = await ask('networks.create', { name: 'my net' });
    expect(error.data).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: ['name'], code: 'badChar', params: { char: ' ' } }] });
    expect(error.message).not.toMatch(/[[{"]|origin|invalid_format/);
  });

  it('for an image reference with capitals and for one with a space', async () => {
    expect((await ask('images.tag', { source: 'busybox', target: 'Learn/Web' })).data.issues).toEqual([{ path: ['target'], code: 'uppercase' }]);
    expect((await ask('images.pull', { ref: 'my image' })).data.issues).toEqual([{ path: ['ref'], code: 'badChar', params: { char: ' ' } }]);
  });
});
