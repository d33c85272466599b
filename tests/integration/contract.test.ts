import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EngineEvent } from '@shared/dto/engine';
import { LotseError } from '@shared/errors';

import { type Backend, createBackend } from '../../electron/rpc/backend';
import { type Bridge, startBridge } from '../../electron/web/server';
import { RpcClient, type Transport } from '../../renderer/api/client';
import { webSocketTransport } from '../../renderer/api/transports';
import { inMemoryTransport } from '../support/in-memory';
import { docker, labEnv, removeLabelled, testLabel } from '../support/lab';

const lab = labEnv();
const label = testLabel();
let backend: Backend;
let bridge: Bridge;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'lotse-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  backend = createBackend({ version: 'test', strictResults: true });
  await backend.engine.reconnect();
  bridge = await startBridge({ router: backend.router, rendererDir });
});

afterAll(async () => {
  await bridge.close();
  backend.close();
  rmSync(rendererDir, { recursive: true, force: true });
  await removeLabelled(label.filter);
});

const transports: [string, () => Transport][] = [
  ['in-memory', () => inMemoryTransport(backend.router)],
  ['WebSocket', () => webSocketTransport(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`)],
];

describe.each(transports)('the contract over %s', (_name, makeTransport) => {
  it('answers calls with results that match the engine', async () => {
    const client = new RpcClient(makeTransport());
    const state = await client.call('engine.state', {});
    expect(state.status).toBe('connected');
    expect(state.info?.version).toBe(await docker(['version', '--format', '{{.Server.Version}}']));
    const counts = await client.call('system.counts', {});
    expect(counts.images).toBeGreaterThan(0);
  });

  it('rejects bad params with an error the UI can read', async () => {
    const client = new RpcClient(makeTransport());
    const error = await client.call('system.counts', { all: true } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LotseError);
    expect((error as LotseError).code).toBe('INVALID_PARAMS');
  });

  it('delivers engine events to a subscriber, and state at once', async () => {
    const client = new RpcClient(makeTransport());
    const states: unknown[] = [];
    const events: EngineEvent[] = [];
    const stopState = client.subscribe('engine.state', {}, (s) => states.push(s));
    const stopEvents = client.subscribe('docker.events', { types: ['container'] }, (e) => events.push(e));
    await expect.poll(() => states.length).toBeGreaterThan(0);
    // Give the subscription a moment to be registered upstream before acting.
    await client.call('engine.state', {});
    const id = await docker(['create', '--label', label.flag, lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'true']);
    await expect.poll(() => events.some((e) => e.id === id && e.action === 'create'), { timeout: 10_000 }).toBe(true);
    stopState();
    stopEvents();
  });
});
