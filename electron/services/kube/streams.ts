import { randomUUID } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import type { SessionEvent } from '@shared/dto/containers';
import type { KubeLogBatch } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';

import { clientNode } from './client';
import type { ContextConnection } from './connection';
import { seg, toKubeError } from './http';

/** Pod logs (`kubectl logs [-f] [--previous]`) and terminals (`kubectl exec -it`), through client-node's Log and Exec. */

const FLUSH_MS = 50;
const MAX_LINES_PER_BATCH = 2000;

export interface LogParams {
  namespace: string;
  pod: string;
  container: string;
  follow: boolean;
  previous: boolean;
  tail?: number | undefined;
}

/** Streams a container's log in batches of lines; returns the disposer. */
export function openLogs(connection: ContextConnection, params: LogParams, emit: (batch: KubeLogBatch) => void, end: () => void): () => void {
  let closed = false;
  let controller: AbortController | undefined;
  let pending: string[] = [];
  let partial = '';
  let timer: NodeJS.Timeout | undefined;
  const decoder = new StringDecoder('utf8');
  const flush = (ended = false, error?: LotseError): void => {
    clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    if (ended && partial) {
      pending.push(partial);
      partial = '';
    }
    while (pending.length > MAX_LINES_PER_BATCH) emit({ lines: pending.splice(0, MAX_LINES_PER_BATCH), ended: false });
    if (pending.length || ended) emit({ lines: pending, ended, ...(error ? { error: error.toData() } : {}) });
    pending = [];
    if (ended) end();
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = partial + decoder.write(chunk);
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      pending.push(...lines);
      timer ??= setTimeout(() => flush(), FLUSH_MS);
      callback();
    },
    final(callback) {
      partial += decoder.end();
      flush(true);
      callback();
    },
  });
  // client-node pipes the response into the sink without listening for its errors; ending a followed
  // log aborts the response, and that error must not go unheard.
  sink.on('pipe', (source: NodeJS.ReadableStream) => {
    source.on('error', (error: Error) => {
      if (!closed) flush(true, toKubeError(error));
    });
  });
  void (async () => {
    const { kc, raw } = await connection.ready();
    const { Log } = await clientNode();
    try {
      controller = await new Log(kc).log(params.namespace, params.pod, params.container, sink, {
        follow: params.follow,
        previous: params.previous,
        ...(params.tail !== undefined ? { tailLines: params.tail } : {}),
      });
      if (closed) controller.abort();
    } catch {
      // client-node drops the server's words for a refused log request; ask again to have them.
      await raw.get(`/api/v1/namespaces/${seg(params.namespace)}/pods/${seg(params.pod)}/log`, { container: params.container, previous: params.previous, tailLines: 1 });
      throw new LotseError('INTERNAL', 'The log could not be read.');
    }
  })().catch((error: unknown) => flush(true, toKubeError(error)));
  return () => {
    closed = true;
    clearTimeout(timer);
    controller?.abort();
    sink.destroy();
  };
}

/** The terminal's output side: client-node reads its size and listens for resizes. */
class TerminalOutput extends Writable {
  columns: number;
  rows: number;
  constructor(
    cols: number,
    rows: number,
    private readonly onData: (chunk: Buffer) => void,
  ) {
    super();
    this.columns = cols;
    this.rows = rows;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.onData(chunk);
    callback();
  }
  resize(cols: number, rows: number): void {
    this.columns = cols;
    this.rows = rows;
    this.emit('resize');
  }
}

interface Session {
  connection: ContextConnection;
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  cols: number;
  rows: number;
  stdin: PassThrough;
  output: TerminalOutput | undefined;
  expires: NodeJS.Timeout;
}

const UNCLAIMED_MS = 60_000;

/** `kubectl exec -it`: a session prepared by a call, run by subscribing to its topic. */
export class ExecSessions {
  private readonly sessions = new Map<string, Session>();

  open(connection: ContextConnection, params: { namespace: string; pod: string; container: string; command: string[]; cols: number; rows: number }): { session: string } {
    const id = randomUUID();
    const expires = setTimeout(() => this.sessions.delete(id), UNCLAIMED_MS);
    expires.unref();
    this.sessions.set(id, { connection, ...params, stdin: new PassThrough(), output: undefined, expires });
    return { session: id };
  }

  input(id: string, data: string): { ok: boolean } {
    const session = this.sessions.get(id);
    if (!session) return { ok: false };
    session.stdin.write(data);
    return { ok: true };
  }

  resize(id: string, cols: number, rows: number): { ok: boolean } {
    const session = this.sessions.get(id);
    if (!session) return { ok: false };
    session.cols = cols;
    session.rows = rows;
    session.output?.resize(cols, rows);
    return { ok: true };
  }

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
    let socket: { close(): void } | undefined;
    const decoder = new StringDecoder('utf8');
    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      if (pending && !closed) emit({ data: pending });
      pending = '';
    };
    const output = new TerminalOutput(session.cols, session.rows, (chunk) => {
      pending += decoder.write(chunk);
      timer ??= setTimeout(flush, 16);
    });
    session.output = output;
    let exited = false;
    const exit = (code: number | undefined, reason: string): void => {
      if (exited) return;
      exited = true;
      flush();
      if (!closed) emit({ exit: { ...(code === undefined ? {} : { code }), reason } });
      this.sessions.delete(id);
    };
    void (async () => {
      const { kc } = await session.connection.ready();
      const { Exec } = await clientNode();
      const ws = await new Exec(kc).exec(session.namespace, session.pod, session.container, session.command, output, output, session.stdin, true, (status) => {
        const code = status.status === 'Success' ? 0 : Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? Number.NaN);
        exit(Number.isFinite(code) ? code : undefined, status.status === 'Success' ? 'exited' : (status.message ?? 'exited'));
      });
      socket = ws;
      if (closed) ws.close();
      ws.on('close', () => exit(undefined, 'detached'));
    })().catch((error: unknown) => exit(undefined, toKubeError(error).message));
    return () => {
      closed = true;
      clearTimeout(timer);
      this.sessions.delete(id);
      session.stdin.end();
      socket?.close();
    };
  }
}
