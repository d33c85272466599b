import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EngineState } from '@shared/dto/engine';

import { EngineService } from '../../electron/services/docker/engine';
import { privateEngine } from '../support/lab';

const engineUnderTest = privateEngine();
let service: EngineService;
const states: EngineState[] = [];

beforeAll(async () => {
  await engineUnderTest.start();
  service = new EngineService({
    resolve: () => [{ kind: 'unix', address: engineUnderTest.socket, tls: false, source: 'DOCKER_HOST' }],
    initialBackoffMs: 200,
    maxBackoffMs: 1000,
  });
  service.onState((s) => states.push(s));
  service.start();
});

afterAll(async () => {
  service.stop();
  await engineUnderTest.remove();
});

describe('losing and finding the engine', () => {
  it('connects, notices the engine stop, and recovers by itself when it is back', async () => {
    await expect.poll(() => service.state.status, { timeout: 20_000 }).toBe('connected');

    await engineUnderTest.stop();
    await expect.poll(() => service.state.status, { timeout: 20_000 }).toBe('disconnected');
    expect(service.state.everConnected).toBe(true);
    expect(service.state.error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(() => service.docker()).toThrow(/not connected/);

    // It keeps trying with growing pauses while the engine is gone.
    await expect.poll(() => service.state.attempt, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const waits = states.filter((s) => s.status === 'disconnected').map((s) => s.retryInMs ?? 0);
    expect(Math.max(...waits)).toBeGreaterThan(Math.min(...waits));

    await engineUnderTest.start();
    await expect.poll(() => service.state.status, { timeout: 30_000 }).toBe('connected');
    expect(service.state.attempt).toBe(0);
    expect(await service.docker().ping()).toBeTruthy();
  });
});
