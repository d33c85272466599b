import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import { EngineService } from '../../../electron/services/docker/engine';
import { ServiceRegistry } from '../../../electron/rpc/services';

// No engine is needed: the engine service is made but never started; only how services are made is tested.
const dir = mkdtempSync(join(tmpdir(), 'lotse-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the service registry', () => {
  it('makes each service once, on first use, and shares it between the areas that pick it', async () => {
    const engine = new EngineService({ resolve: () => [] });
    const registry = new ServiceRegistry(engine, undefined, dir);
    const [a, b] = await Promise.all([registry.get('journal'), registry.get('journal')]);
    expect(a).toBe(b);
    const picked = await registry.pick(['engine', 'journal', 'containers']);
    expect(picked.engine).toBe(engine);
    expect(picked.journal).toBe(a);
    expect(Object.keys(picked).sort()).toEqual(['containers', 'engine', 'journal']);
    expect(await registry.get('containers')).toBe(picked.containers);
  });

  it('stops only what it made, and the engine', async () => {
    const engine = new EngineService({ resolve: () => [] });
    const stop = vi.spyOn(engine, 'stop');
    const registry = new ServiceRegistry(engine, undefined, dir);
    const sessions = await registry.get('containerSessions');
    const dispose = vi.spyOn(sessions, 'dispose');
    registry.dispose();
    expect(dispose).toHaveBeenCalledOnce();
    expect(stop).toHaveBeenCalledOnce();
  });
});
