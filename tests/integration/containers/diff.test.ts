import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { inMemoryTransport } from '../../support/in-memory';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';

const lab = labEnv();
const label = testLabel();
let backend: Backend;
let api: RpcClient;

/** The engine's raw answer to a GET, bypassing dockerode. */
function engineGet(path: string): Promise<string> {
  const socketPath = (process.env.DOCKER_HOST ?? lab.LOTSE_LAB_DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
  return new Promise((resolve, reject) => {
    request({ socketPath, path, headers: { host: 'docker' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  backend = createBackend({ version: 'test', strictResults: true });
  await backend.engine.reconnect();
  api = new RpcClient(inMemoryTransport(backend.router));
});

afterAll(async () => {
  await removeLabelled(label.filter);
  backend.close();
});

describe('containers.diff', () => {
  it('answers an empty list for a container whose writable layer is unchanged (the engine says null)', async () => {
    const id = await docker(['create', '--label', label.flag, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    expect((await engineGet(`/containers/${id}/changes`)).trim()).toBe('null');
    expect(await api.call('containers.diff', { id })).toEqual([]);
  });

  it('still lists what changed, sorted by path', async () => {
    const id = await docker(['create', '--label', label.flag, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sh', '-c', 'mkdir /made && echo x > /made/b && echo y > /made/a']);
    await docker(['start', '-a', id]);
    expect(await api.call('containers.diff', { id })).toEqual([
      { path: '/made', kind: 'A' },
      { path: '/made/a', kind: 'A' },
      { path: '/made/b', kind: 'A' },
    ]);
  });
});
