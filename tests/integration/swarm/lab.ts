import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { SwarmSnapshot } from '@shared/dto/swarm';

import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import type { SwarmService } from '../../../electron/services/swarm/swarm';
import { docker, labEnv, root } from '../../support/lab';

const run = promisify(execFile);
export const lab = labEnv();
/** The worker engine of the lab's two-node swarm. */
export const WORKER = { DOCKER_HOST: `unix://${lab.LOTSE_LAB_SWARM_WORKER_SOCK ?? ''}` };

/** `scripts/lab.sh swarm-up`: the main engine as manager, a worker engine in its own network namespace. */
export async function swarmUp(): Promise<void> {
  await run('bash', [join(root, 'scripts', 'lab.sh'), 'swarm-up'], { maxBuffer: 4 * 1024 * 1024 });
}

/** `scripts/lab.sh swarm-down`: the worker gone, the swarm the lab made left, the namespace removed. */
export async function swarmDown(): Promise<void> {
  await run('bash', [join(root, 'scripts', 'lab.sh'), 'swarm-down'], { maxBuffer: 4 * 1024 * 1024 });
}

/** The main engine's swarm state, as the CLI says it. */
export async function localState(env: Record<string, string> = {}): Promise<string> {
  return docker(['info', '--format', '{{.Swarm.LocalNodeState}}'], env);
}

/** An EngineService connected to one socket (the main engine, or the lab's worker). */
export async function connect(host?: string): Promise<EngineService> {
  const engine = new EngineService({
    resolve: () => (host ? [{ kind: 'unix', address: host.replace(/^unix:\/\//, ''), tls: false, source: 'DOCKER_HOST' }] : resolveEndpoints(systemResolveInput())),
  });
  engine.start();
  await engine.reconnect();
  if (engine.state.status !== 'connected') throw new Error(`no engine at ${host ?? 'the default socket'}`);
  return engine;
}

/** Resolves with the first snapshot the watch sends that fulfils the condition; fails after the timeout. */
export function until(swarm: SwarmService, condition: (s: SwarmSnapshot) => boolean, timeoutMs = 45_000, what = 'the swarm to get there'): Promise<SwarmSnapshot> {
  return new Promise((resolve, reject) => {
    let last: SwarmSnapshot | undefined;
    const timer = setTimeout(() => {
      dispose();
      reject(new Error(`waited ${timeoutMs} ms for ${what}; last snapshot: ${JSON.stringify(last?.tasks.map((t) => [t.serviceId.slice(0, 6), t.slot, t.nodeId.slice(0, 6), t.desiredState, t.state, t.err]))}`));
    }, timeoutMs);
    const dispose = swarm.watch((snapshot) => {
      last = snapshot;
      if (!condition(snapshot)) return;
      clearTimeout(timer);
      // The watch calls listeners synchronously on subscribe when a snapshot is known.
      queueMicrotask(() => dispose());
      resolve(snapshot);
    });
  });
}

/** Running tasks of a service (desired and current state running). */
export function running(snapshot: SwarmSnapshot, serviceId: string): SwarmSnapshot['tasks'] {
  return snapshot.tasks.filter((t) => t.serviceId === serviceId && t.desiredState === 'running' && t.state === 'running');
}

/** Removes the services a test made (by label) on the manager. */
export async function removeServices(filter: string): Promise<void> {
  const ids = (await docker(['service', 'ls', '-q', '--filter', filter]).catch(() => '')).split('\n').filter(Boolean);
  if (ids.length) await docker(['service', 'rm', ...ids]).catch(() => undefined);
}
