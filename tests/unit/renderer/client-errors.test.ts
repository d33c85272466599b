import { beforeAll, describe, expect, it } from 'vitest';

import { type ErrorReason, LotseError } from '@shared/errors';

import { type Handlers, Router } from '../../../electron/rpc/router';
import { RpcClient } from '../../../renderer/api/client';
import { sayError, type Translate } from '../../../renderer/components/errorText';
import { inMemoryTransport } from '../../support/in-memory';
import { translator } from './translate';
import { staticAreas } from '../../support/areas';

let de: Translate;
beforeAll(async () => {
  de = await translator('de');
});

// The engine is not asked: these handlers throw what dockerode throws for the engine's refusal.
const portTaken = 'driver failed programming external connectivity on endpoint web (8546c536): Bind for 0.0.0.0:8080 failed: port is already allocated';
const handlers = {
  'containers.start': () => Promise.reject(Object.assign(new Error(`(HTTP code 500) server error - ${portTaken}`), { statusCode: 500, json: { message: portTaken } })),
  'containers.stop': () => Promise.reject(new LotseError('CONFLICT', 'Something newer.', undefined, { reason: 'somethingNewer' as ErrorReason })),
} as Partial<Handlers> as Handlers;
const api = new RpcClient(inMemoryTransport(new Router({ areas: staticAreas(handlers), version: 'test' })));

const caught = (promise: Promise<unknown>): Promise<LotseError> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as LotseError,
  );

describe('errors as the renderer receives them', () => {
  it('a refused network name arrives as an issue at its field and reads in German', async () => {
    const error = await caught(api.call('networks.create', { name: 'my net' }));
    expect(error).toBeInstanceOf(LotseError);
    expect(error.toData()).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: ['name'], code: 'badChar', params: { char: ' ' } }] });
    expect(sayError(error.toData(), de).message).toBe('name: Der Name darf keine Leerzeichen enthalten: erlaubt sind Buchstaben, Ziffern, _ . -');
  });

  it("an engine refusal arrives with its reason and the engine's words", async () => {
    const error = await caught(api.call('containers.start', { ids: ['web'] }));
    expect(error.toData()).toEqual({ code: 'CONFLICT', message: portTaken, reason: 'portAllocated', detail: portTaken });
    expect(sayError(error.toData(), de)).toMatchObject({ message: 'Der Host-Port ist schon vergeben: Ein anderer Container veröffentlicht ihn.', detail: portTaken });
  });

  it('a reason this build does not know still arrives with its code and words', async () => {
    const error = await caught(api.call('containers.stop', { ids: ['web'] }));
    expect(error.toData()).toEqual({ code: 'CONFLICT', message: 'Something newer.' });
  });
});
