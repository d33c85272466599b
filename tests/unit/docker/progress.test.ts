import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { LotseError } from '@shared/errors';

import { followProgress } from '../../../electron/services/docker/progress';

const reading = (messages: unknown[], signal?: AbortSignal) => ({
  signal,
  onMessage: (message: unknown) => void messages.push(message),
  cancelled: () => new LotseError('CANCELLED', 'cancelled'),
  broken: (error: Error) => new LotseError('INTERNAL', `broken: ${error.message}`),
});

describe('followProgress', () => {
  it('hands on each JSON line in order, skips what is no JSON, and ends with the stream', async () => {
    const stream = new PassThrough();
    const messages: unknown[] = [];
    const done = followProgress(stream, reading(messages));
    stream.write('{"status":"Pulling"}\r\n{"sta');
    stream.write('tus":"Done"}\nnot json\n');
    stream.end('{"aux":{"ID":"sha256:1"}}');
    await done;
    expect(messages).toEqual([{ status: 'Pulling' }, { status: 'Done' }, { aux: { ID: 'sha256:1' } }]);
  });

  it('closes the stream on cancel and ends with the cancel error', async () => {
    const stream = new PassThrough();
    const controller = new AbortController();
    const done = followProgress(stream, reading([], controller.signal));
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(stream.destroyed).toBe(true);
  });

  it('ends with the broken error when the stream breaks off', async () => {
    const stream = new PassThrough();
    const done = followProgress(stream, reading([]));
    stream.destroy(new Error('socket hang up'));
    await expect(done).rejects.toMatchObject({ code: 'INTERNAL', message: 'broken: socket hang up' });
  });
});
