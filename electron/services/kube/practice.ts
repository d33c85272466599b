import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import type { PracticeState } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';

import { clientNode } from './client';
import { RawApi } from './http';

/** The practice cluster's context name (its own kubeconfig names it so). */
export const PRACTICE_CONTEXT = 'lotse-practice';

export interface PracticeOptions {
  /** Where its certificates, kubeconfig and objects are kept. */
  dataDir?: string;
  /** Its port on 127.0.0.1 (0: any free one); default LOTSE_PRACTICE_PORT or 26443, as `npm run cluster`. */
  port?: number;
  /** How to run it; by default its entry beside the built files, or its sources through tsx. */
  command?: LaunchCommand;
  /** Objects only, no containers (tests that need no engine). */
  noRuntime?: boolean;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

export interface LaunchCommand {
  file: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Lotse's data folder for the practice cluster, as `npm run cluster` uses it. */
export function practiceDataDir(env = process.env, platform = process.platform, home = homedir()): string {
  if (env.LOTSE_PRACTICE_DIR) return env.LOTSE_PRACTICE_DIR;
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'Lotse', 'practice-cluster');
}

/** The project folder (where package.json is), from this file. */
function projectRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'electron'))) return dir;
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'out', 'main'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * How to start the practice cluster as a child process: its built entry (out/main/practice-cluster.js)
 * when there is one, else its sources through tsx. Under Electron the app's binary runs it as Node.
 */
function defaultCommand(): LaunchCommand | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const asNode = process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  for (const built of [join(here, 'practice-cluster.js'), join(here, '..', 'practice-cluster.js')]) {
    if (existsSync(built)) return { file: process.execPath, args: [built], env: asNode };
  }
  const root = projectRoot();
  const source = root ? join(root, 'electron', 'practice-cluster', 'main.ts') : undefined;
  if (root && source && existsSync(source)) return { file: process.execPath, args: ['--import', 'tsx', source], cwd: root, env: asNode };
  return undefined;
}

type Listener = (state: PracticeState) => void;

/**
 * Starts and stops Lotse's practice cluster, a Kubernetes API server of its own, as a child process; the
 * Kubernetes area then talks to it over HTTPS like to any cluster. One already serving from the same
 * folder (started with `npm run cluster`) is found and used, but not stopped by Lotse.
 */
export class PracticeLauncher {
  private child: ChildProcess | undefined;
  private current: PracticeState;
  private readonly listeners = new Set<Listener>();
  private starting: Promise<PracticeState> | undefined;
  readonly dataDir: string;

  constructor(private readonly options: PracticeOptions = {}) {
    this.dataDir = options.dataDir ?? practiceDataDir(options.env);
    this.current = { status: 'stopped', context: PRACTICE_CONTEXT, log: [], ownedByLotse: false };
  }

  get state(): PracticeState {
    return this.current;
  }

  get kubeconfigPath(): string {
    return join(this.dataDir, 'kubeconfig');
  }

  onState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: PracticeState): void {
    this.current = state;
    for (const l of [...this.listeners]) l(state);
  }

  /** Whether a practice cluster serves from this folder (one Lotse started, or `npm run cluster`). */
  async detect(): Promise<PracticeState> {
    if (this.child || this.current.status === 'starting' || this.current.status === 'stopping') return this.current;
    const server = await this.answering();
    if (server) {
      if (this.current.status !== 'running') this.set({ status: 'running', context: PRACTICE_CONTEXT, kubeconfig: this.kubeconfigPath, server, log: [], ownedByLotse: false });
    } else if (this.current.status === 'running') {
      this.set({ status: 'stopped', context: PRACTICE_CONTEXT, log: [], ownedByLotse: false });
    }
    return this.current;
  }

  /** The server of the kubeconfig in the folder, when it answers. */
  private async answering(): Promise<string | undefined> {
    if (!existsSync(this.kubeconfigPath)) return undefined;
    try {
      const { KubeConfig } = await clientNode();
      const kc = new KubeConfig();
      kc.loadFromString(readFileSync(this.kubeconfigPath, 'utf8'));
      const server = kc.getCurrentCluster()?.server;
      if (!server) return undefined;
      await kc.makeApiClient(RawApi).get('/version', undefined, AbortSignal.timeout(1500));
      return server;
    } catch {
      return undefined;
    }
  }

  start(): Promise<PracticeState> {
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async launch(): Promise<PracticeState> {
    if (this.current.status === 'running') return this.current;
    const found = await this.answering();
    if (found) {
      this.set({ status: 'running', context: PRACTICE_CONTEXT, kubeconfig: this.kubeconfigPath, server: found, log: [], ownedByLotse: Boolean(this.child) });
      return this.current;
    }
    const command = this.options.command ?? defaultCommand();
    if (!command) throw new LotseError('NOT_FOUND', 'The practice cluster is not part of this installation.');
    const fromEnv = this.options.env?.LOTSE_PRACTICE_PORT ?? process.env.LOTSE_PRACTICE_PORT;
    const port = this.options.port ?? (fromEnv && /^\d+$/.test(fromEnv) ? Number(fromEnv) : 26443);
    const args = [...command.args, '--data-dir', this.dataDir, '--port', String(port), ...(this.options.noRuntime ? ['--no-runtime'] : [])];
    const log: string[] = [];
    this.set({ status: 'starting', context: PRACTICE_CONTEXT, log, ownedByLotse: true });
    const child = spawn(command.file, args, {
      cwd: command.cwd,
      env: { ...process.env, ...this.options.env, ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Should Lotse end without stopping it, the cluster still stops (and removes its containers).
    const orphanGuard = (): void => void child.kill('SIGTERM');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.removeListener('exit', orphanGuard));
    createInterface({ input: child.stderr }).on('line', (line) => {
      log.push(line);
      if (log.length > 40) log.shift();
    });
    try {
      const kubeconfig = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The practice cluster did not start within the time allowed.')), this.options.startTimeoutMs ?? 60_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          const m = /^KUBECONFIG=(.+)$/.exec(line.trim());
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`The practice cluster stopped while starting (exit code ${String(code)}).`));
        });
      });
      child.once('exit', () => {
        if (this.child !== child) return;
        this.child = undefined;
        if (this.current.status !== 'stopping') this.set({ status: 'failed', context: PRACTICE_CONTEXT, log: [...log], ownedByLotse: false });
      });
      const server = await this.answering();
      this.set({ status: 'running', context: PRACTICE_CONTEXT, kubeconfig, ...(server ? { server } : {}), log: [], ownedByLotse: true });
      return this.current;
    } catch (error) {
      child.kill('SIGTERM');
      this.child = undefined;
      this.set({ status: 'failed', context: PRACTICE_CONTEXT, log: [...log], ownedByLotse: false });
      throw new LotseError('INTERNAL', (error as Error).message, undefined, { detail: log.slice(-5).join('\n') });
    }
  }

  /** Stops the cluster Lotse started (it removes its containers); one started elsewhere is left alone. */
  async stop(): Promise<PracticeState> {
    const child = this.child;
    if (!child) {
      if (this.current.status === 'running' && !this.current.ownedByLotse) {
        throw new LotseError('DENIED', 'The practice cluster was started outside Lotse (npm run cluster); stop it there with Ctrl-C.');
      }
      return this.current;
    }
    this.set({ ...this.current, status: 'stopping' });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    this.child = undefined;
    this.set({ status: 'stopped', context: PRACTICE_CONTEXT, log: [], ownedByLotse: false });
    return this.current;
  }

  /** Stops an owned cluster when the backend goes (its containers go with it). */
  dispose(): Promise<void> {
    return this.child ? this.stop().then(() => undefined) : Promise.resolve();
  }
}
