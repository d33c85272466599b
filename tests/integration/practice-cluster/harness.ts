import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { createPracticeCluster, type CreateOptions, type RunningCluster } from '../../../electron/practice-cluster/index';
import { root } from '../../support/lab';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The real kubectls that judge the practice cluster: the machine's (or v1.32 that scripts/lab/k8s.sh installs when
 * the machine has none), and v1.35 from the lab's .tools when installed.
 */
export function kubectls(): { name: string; path: string }[] {
  const machine = process.env.LOTSE_KUBECTL ?? onPath('kubectl') ?? join(root, '.tools', 'kubectl', 'v1.32', 'kubectl');
  const out = [{ name: 'machine', path: machine }];
  const newest = join(root, '.tools', 'kubectl', 'v1.35', 'kubectl');
  if (existsSync(newest)) out.push({ name: 'v1.35', path: newest });
  return out;
}

export interface TestCluster {
  cluster: RunningCluster;
  dir: string;
  env: Record<string, string>;
  kubectl(args: string[], options?: { input?: string; binary?: string; timeoutMs?: number }): Promise<RunResult>;
  /** kubectl that must succeed; returns stdout. */
  k(args: string[], options?: { input?: string; binary?: string }): Promise<string>;
  stop(): Promise<void>;
}

/** A practice cluster in this process, on a free port, with its own data folder and kubectl cache. */
export async function startCluster(options: Partial<CreateOptions> = {}): Promise<TestCluster> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lotse-practice-'));
  const cluster = await createPracticeCluster({ runtime: 'none', ...options, dataDir: dir, port: options.port ?? 0 });
  await cluster.start();
  const env = { KUBECONFIG: cluster.kubeconfigPath, KUBECACHEDIR: join(dir, 'kube-cache'), HOME: dir };
  const kubectl = (args: string[], o: { input?: string; binary?: string; timeoutMs?: number } = {}): Promise<RunResult> =>
    run(o.binary ?? kubectls()[0]!.path, args, { env, input: o.input, timeoutMs: o.timeoutMs });
  return {
    cluster,
    dir,
    env,
    kubectl,
    k: async (args, o) => {
      const r = await kubectl(args, o);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
      return r.stdout;
    },
    stop: async () => {
      await cluster.stop();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
