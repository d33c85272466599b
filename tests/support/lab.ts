import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = resolve(import.meta.dirname, '..', '..');

/** The lab's facts (scripts/lab/lab.env), shared by the lab script and the tests. */
export function labEnv(): Record<string, string> {
  const text = readFileSync(join(root, 'scripts', 'lab', 'lab.env'), 'utf8');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1]) env[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** The docker CLI, as a learner would type it; against the lab engine unless DOCKER_HOST says otherwise. */
export async function docker(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** A label unique to one test run: everything a test creates carries it, and only that is removed. */
export function testLabel(): { key: string; value: string; filter: string; flag: string } {
  const value = `${process.pid}-${Date.now()}`;
  return { key: 'lotse.test', value, filter: `label=lotse.test=${value}`, flag: `lotse.test=${value}` };
}

export async function removeLabelled(filter: string, env: Record<string, string> = {}): Promise<void> {
  const ids = (await docker(['ps', '-aq', '--filter', filter], env)).split('\n').filter(Boolean);
  if (ids.length) await docker(['rm', '-f', ...ids], env);
  const volumes = (await docker(['volume', 'ls', '-q', '--filter', filter], env)).split('\n').filter(Boolean);
  if (volumes.length) await docker(['volume', 'rm', '-f', ...volumes], env);
  const networks = (await docker(['network', 'ls', '-q', '--filter', filter], env)).split('\n').filter(Boolean);
  if (networks.length) await docker(['network', 'rm', ...networks], env);
}

export interface PrivateEngine {
  dir: string;
  socket: string;
  host: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** A second dockerd of the test's own (scripts/lab.sh engine-start), so stopping it disturbs no other test. */
export function privateEngine(): PrivateEngine {
  // Short path: unix socket paths are limited to 107 bytes.
  const dir = mkdtempSync('/tmp/lotse-engine-');
  const socket = join(dir, 'docker.sock');
  const lab = (command: string) => run('bash', [join(root, 'scripts', 'lab.sh'), command, dir], { maxBuffer: 1024 * 1024 });
  return {
    dir,
    socket,
    host: `unix://${socket}`,
    start: async () => {
      await lab('engine-start');
    },
    stop: async () => {
      await lab('engine-stop');
    },
    remove: async () => {
      await lab('engine-stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
