import { spawn } from 'node:child_process';

import { LotseError } from '@shared/errors';

export interface RunOptions {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Each line of output as it comes (stdout and stderr: Compose writes its progress to stderr). */
  onLine?: ((line: { stream: 'stdout' | 'stderr'; text: string }) => void) | undefined;
  /** Lines kept for the result; older ones are dropped. */
  keepLines?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  /** The last lines of both streams, in order. */
  lines: { stream: 'stdout' | 'stderr'; text: string }[];
  cancelled: boolean;
}

// Compose v1 and v2 stop their work cleanly on SIGINT (as Ctrl+C); a process that does not is killed.
const KILL_AFTER_MS = 10_000;
const STDOUT_LIMIT = 16 * 1024 * 1024;

/** Runs a Compose command with an explicit cwd and environment; never through a shell. */
export function runCompose(options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = options.argv;
    if (!program) {
      reject(new LotseError('INTERNAL', 'No Compose command to run.'));
      return;
    }
    if (options.signal?.aborted) {
      reject(new LotseError('CANCELLED', 'Cancelled before it started.'));
      return;
    }
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = options.keepLines ?? 400;
    const lines: RunResult['lines'] = [];
    let stdout = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const pending = { stdout: '', stderr: '' };
    const push = (stream: 'stdout' | 'stderr', text: string): void => {
      // Progress redraws with \r (v1 ends its lines with \r\n): the last state of the line counts.
      const clean = text.replace(/\r+$/, '').split('\r').pop() ?? '';
      lines.push({ stream, text: clean });
      if (lines.length > keep) lines.shift();
      options.onLine?.({ stream, text: clean });
    };
    const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (stream === 'stdout' && stdout.length < STDOUT_LIMIT) stdout += text;
      const parts = (pending[stream] + text).split('\n');
      pending[stream] = parts.pop() ?? '';
      for (const part of parts) push(stream, part);
    };
    child.stdout.on('data', take('stdout'));
    child.stderr.on('data', take('stderr'));
    const abort = (): void => {
      cancelled = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', abort);
      reject(
        error.code === 'ENOENT'
          ? new LotseError('NOT_FOUND', `${program} was not found.`, 'Install Docker Compose: the docker-compose-plugin package (v2) or docker-compose (v1).')
          : new LotseError('INTERNAL', `${program} could not be started: ${error.message}`),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', abort);
      for (const stream of ['stdout', 'stderr'] as const) if (pending[stream]) push(stream, pending[stream]);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, lines, cancelled });
    });
  });
}
