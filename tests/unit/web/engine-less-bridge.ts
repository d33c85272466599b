import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { type Bridge, startBridge } from '../../../electron/web/server';

/**
 * A browser bridge for the file's tests, started before them and closed after. No engine is needed to
 * test the door: the backend looks at a socket that does not exist. startBridge is called directly,
 * without the process-level guard, so whatever a request throws would end the test run.
 */
export function engineLessBridge(): () => Bridge {
  let backend: Backend | undefined;
  let bridge: Bridge | undefined;
  let rendererDir: string | undefined;
  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'lotse-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lotse</title>');
    const socket = join(rendererDir, 'no-engine.sock');
    backend = createBackend({ version: 'test', resolve: () => [{ kind: 'unix', address: socket, tls: false, source: 'DOCKER_HOST' }] });
    bridge = await startBridge({ router: backend.router, rendererDir });
  });
  afterAll(async () => {
    await bridge?.close();
    backend?.close();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });
  return () => {
    if (!bridge) throw new Error('the bridge starts in beforeAll');
    return bridge;
  };
}
