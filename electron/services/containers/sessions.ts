import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import type Docker from 'dockerode';

import type { SessionEvent } from '@shared/dto/containers';
import { LotseError } from '@shared/errors';
import { containerDisplayName } from '@shared/rules/containers';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { containerOf } from '../docker/paths';
import { FrameParser } from '../docker/frames';

interface Session {
  mode: 'exec' | 'attach';
  container: Docker.Container;
  exec: Docker.Exec | undefined;
  tty: boolean;
  cols: number;
  rows: number;
  stream: Duplex | undefined;
  /** Keystrokes typed before the stream was ready; written as soon as it is. */
  pendingInput: string[];
  expires: NodeJS.Timeout | undefined;
}

/** A session prepared but never subscribed is forgotten after this long. */
const UNCLAIMED_MS = 60_000;
const FLUSH_MS = 16;
const PAUSE_ABOVE_CHARS = 1024 * 1024;

/** Terminal sessions: `docker exec -it` and `docker attach`, each a topic whose subscription runs it. */
export class SessionService {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly engine: EngineService) {}

  async open(params: { id: string; mode: 'exec' | 'attach'; command: string[]; cols: number; rows: number }): Promise<{ session: string; tty: boolean }> {
    const container = containerOf(this.engine.docker(), params.id);
    const info = await container.inspect();
    if (!info.State.Running) {
      throw new LotseError('CONFLICT', `Container ${containerDisplayName(info)} is not running.`, 'Start it first: exec and attach need running processes.');
    }
    if (info.State.Paused) throw new LotseError('CONFLICT', 'The container is paused.', 'Unpause it first.');
    let exec: Docker.Exec | undefined;
    let tty = true;
    if (params.mode === 'exec') {
      exec = await container.exec({
        Cmd: params.command,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        // No COLUMNS/LINES: busybox prefers them over the real terminal size, and resizes would not show.
        Env: ['TERM=xterm-256color'],
      });
    } else tty = info.Config.Tty;
    const id = randomUUID();
    const expires = setTimeout(() => this.sessions.delete(id), UNCLAIMED_MS);
    expires.unref();
    this.sessions.set(id, { mode: params.mode, container, exec, tty, cols: params.cols, rows: params.rows, stream: undefined, pendingInput: [], expires });
    return { session: id, tty };
  }

  /** Runs the session and streams its output; the returned disposer ends it. */
  run(id: string, emit: (event: SessionEvent) => void): () => void {
    const session = this.sessions.get(id);
    if (!session) {
      emit({ exit: { reason: 'This terminal session does not exist (any more). Open a new one.' } });
      return () => undefined;
    }
    clearTimeout(session.expires);
    let closed = false;
    let pending = '';
    let timer: NodeJS.Timeout | undefined;
    const decoder = new StringDecoder('utf8');
    const frames = new FrameParser();
    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      if (pending && !closed) emit({ data: pending });
      pending = '';
      if (session.stream?.isPaused()) session.stream.resume();
    };
    const output = (text: string): void => {
      if (!text) return;
      pending += text;
      if (pending.length > PAUSE_ABOVE_CHARS) session.stream?.pause();
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    const finish = async (): Promise<void> => {
      if (closed) return;
      output(decoder.end());
      flush();
      let code: number | undefined;
      try {
        if (session.exec) code = ((await session.exec.inspect()) as { ExitCode?: number | null }).ExitCode ?? undefined;
        else {
          const state = (await session.container.inspect()).State;
          code = state.Running ? undefined : state.ExitCode;
        }
      } catch {
        // The container is gone: no code to tell.
      }
      if (!closed) emit({ exit: { ...(code === undefined ? {} : { code }), reason: code === undefined ? 'detached' : 'exited' } });
      this.sessions.delete(id);
    };

    void (async () => {
      const stream = (
        session.exec
          ? await session.exec.start({ hijack: true, stdin: true, Tty: true })
          : await session.container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })
      ) as Duplex;
      if (closed) {
        stream.destroy();
        return;
      }
      // Size first, then accept input and resizes: an early resize must not be overtaken by the initial one.
      const [cols, rows] = [session.cols, session.rows];
      await this.resizeSession(session, cols, rows).catch(() => undefined);
      session.stream = stream;
      if (session.cols !== cols || session.rows !== rows) await this.resizeSession(session, session.cols, session.rows).catch(() => undefined);
      for (const data of session.pendingInput.splice(0)) stream.write(data);
      stream.on('data', (chunk: Buffer) => {
        if (session.tty) output(decoder.write(chunk));
        else for (const frame of frames.push(chunk)) output(decoder.write(frame.payload));
      });
      stream.once('end', () => void finish());
      stream.once('close', () => void finish());
      stream.once('error', () => void finish());
    })().catch((error: unknown) => {
      if (!closed) emit({ exit: { reason: toLotseError(error).message } });
      this.sessions.delete(id);
    });

    return () => {
      closed = true;
      clearTimeout(timer);
      this.sessions.delete(id);
      const stream = session.stream;
      stream?.removeAllListeners('data');
      stream?.on('error', () => undefined);
      // Closing stdin ends an exec'd shell (EOF); an attached main process keeps running.
      stream?.end();
      stream?.destroy();
    };
  }

  input(id: string, data: string): { ok: boolean } {
    const session = this.sessions.get(id);
    if (!session || session.stream?.destroyed) return { ok: false };
    if (session.stream) session.stream.write(data);
    else if (session.pendingInput.length < 1000) session.pendingInput.push(data);
    return { ok: true };
  }

  async resize(id: string, cols: number, rows: number): Promise<{ ok: boolean }> {
    const session = this.sessions.get(id);
    if (!session) return { ok: false };
    session.cols = cols;
    session.rows = rows;
    if (!session.stream) return { ok: true };
    await this.resizeSession(session, cols, rows);
    return { ok: true };
  }

  private async resizeSession(session: Session, cols: number, rows: number): Promise<void> {
    if (!session.tty) return;
    if (session.exec) await session.exec.resize({ h: rows, w: cols });
    else await session.container.resize({ h: rows, w: cols });
  }

  dispose(): void {
    for (const session of this.sessions.values()) {
      clearTimeout(session.expires);
      session.stream?.destroy();
    }
    this.sessions.clear();
  }
}
