import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import type { Pod } from 'kubernetes-types/core/v1';
import { WebSocketServer, type WebSocket } from 'ws';

import { containerOf } from '../../services/docker/paths';
import { authorize, type UserInfo } from '../api/rbac';
import { R } from '../api/resources';
import { ApiError, errors, type Status } from '../api/status';
import type { ClusterContext } from '../cluster';
import { as } from '../types';
import type { DockerKubelet } from './kubelet';

/**
 * exec and attach over the WebSocket stream protocol kubectl and client-node speak (`v5.channel.k8s.io`, and v4
 * for older clients): one channel byte per message; 0 stdin, 1 stdout, 2 stderr, 3 one Status, 4 resize,
 * 255 close of stdin (v5). Errors before the upgrade are answered as HTTP Status, so kubectl's SPDY retry gets
 * the same answer.
 */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach)$/;

function refuse(socket: Duplex, error: unknown): void {
  const e = error instanceof ApiError ? error : errors.internal((error as Error).message);
  const body = JSON.stringify(e.toStatus());
  const text = e.code === 400 ? 'Bad Request' : e.code === 403 ? 'Forbidden' : e.code === 404 ? 'Not Found' : 'Error';
  socket.end(`HTTP/1.1 ${e.code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export function exitStatus(code: number, command: string[]): Omit<Status, 'code' | 'kind' | 'apiVersion'> & { metadata: object } {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** Docker's multiplexed stream to channel messages, as frames arrive. */
export function demuxer(emit: (channel: number, data: Buffer) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 8) {
      const size = buffer.readUInt32BE(4);
      if (buffer.length < 8 + size) break;
      const type = buffer[0] ?? 1;
      emit(type === 2 ? 2 : 1, buffer.subarray(8, 8 + size));
      buffer = buffer.subarray(8 + size);
    }
  };
}

export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false });

  constructor(
    private readonly ctx: ClusterContext,
    private readonly kubelet: DockerKubelet,
  ) {}

  /** Handles an upgrade request if it is an exec or attach; false for other paths. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo): boolean {
    const url = new URL(req.url ?? '/', 'https://practice-cluster');
    const m = PATH.exec(url.pathname);
    if (!m) return false;
    void this.serve(req, socket, head, user, url, decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? ''), m[3] as 'exec' | 'attach').catch((error: unknown) => refuse(socket, error));
    return true;
  }

  private async serve(req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo, url: URL, ns: string, name: string, kind: 'exec' | 'attach'): Promise<void> {
    const attrs = { verb: 'create', group: '', resource: 'pods', subresource: kind, namespace: ns, name };
    if (!authorize(this.ctx.store, user, attrs).allowed && !authorize(this.ctx.store, user, { ...attrs, verb: 'get' }).allowed) {
      throw errors.forbidden(`pods "${name}" is forbidden: User "${user.user}" cannot create resource "pods/${kind}" in API group "" in the namespace "${ns}"`);
    }
    const pod = this.ctx.objects.get(R.pods, ns, name);
    const q = url.searchParams;
    const { spec, record } = this.kubelet.containerFor(pod, q.get('container'));
    const phase = as<Pod>(pod).status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw errors.badRequest(`cannot ${kind} into a container in a completed pod; current phase is ${phase}`);
    if (!record?.id || record.state !== 'running') throw errors.badRequest(`unable to upgrade connection: container not found ("${spec.name}")`);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (req.headers.upgrade?.toLowerCase() !== 'websocket' || !offered.some((p) => PROTOCOLS.includes(p))) {
      throw errors.badRequest(`the practice cluster streams ${kind} over WebSocket (${PROTOCOLS.join(', ')}); SPDY is not supported`);
    }
    const stdin = q.get('stdin') === 'true' || q.get('stdin') === '1';
    const stdout = q.get('stdout') !== 'false' && q.get('stdout') !== '0';
    const stderr = q.get('stderr') === 'true' || q.get('stderr') === '1';
    const tty = q.get('tty') === 'true' || q.get('tty') === '1';
    const command = q.getAll('command');
    if (kind === 'exec' && !command.length) throw errors.badRequest('you must specify at least 1 command');
    const container = containerOf(this.kubelet.docker, record.id);
    let stream: Duplex;
    let exec: { inspect(): Promise<{ ExitCode: number | null }>; resize(o: { h: number; w: number }): Promise<unknown> } | undefined;
    if (kind === 'exec') {
      const e = await container.exec({ Cmd: command, AttachStdin: stdin, AttachStdout: stdout, AttachStderr: stderr, Tty: tty });
      exec = e;
      stream = await e.start({ hijack: true, stdin, Tty: tty });
    } else {
      stream = (await container.attach({ stream: true, hijack: true, stdin, stdout, stderr })) as unknown as Duplex;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => this.pipe(ws, stream, { tty, exec, command, container: container }));
  }

  private pipe(
    ws: WebSocket,
    stream: Duplex,
    o: { tty: boolean; exec?: { inspect(): Promise<{ ExitCode: number | null }>; resize(o: { h: number; w: number }): Promise<unknown> }; command: string[]; container: { inspect(): Promise<{ State: { ExitCode: number } }>; resize(o: { h: number; w: number }): Promise<unknown> } },
  ): void {
    const send = (channel: number, data: Buffer): void => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]));
    };
    const demux = demuxer(send);
    stream.on('data', (chunk: Buffer) => (o.tty ? send(1, chunk) : demux(chunk)));
    let finished = false;
    const finish = async (): Promise<void> => {
      if (finished) return;
      finished = true;
      let code = 0;
      try {
        code = o.exec ? ((await o.exec.inspect()).ExitCode ?? 0) : 0;
      } catch {
        // the exec is gone with its container
      }
      if (ws.readyState === ws.OPEN) {
        ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(exitStatus(code, o.command)))]));
        ws.close(1000);
      }
    };
    stream.on('end', () => void finish());
    stream.on('close', () => void finish());
    stream.on('error', () => void finish());
    ws.on('message', (data: Buffer) => {
      const channel = data[0];
      const payload = data.subarray(1);
      if (channel === 0) stream.write(payload);
      else if (channel === 4) {
        try {
          const size = JSON.parse(payload.toString('utf8')) as { Width?: number; Height?: number };
          if (size.Width && size.Height) void (o.exec ?? o.container).resize({ h: size.Height, w: size.Width }).catch(() => undefined);
        } catch {
          // not a size
        }
      } else if (channel === 255 && payload[0] === 0) stream.end();
    });
    ws.on('close', () => {
      if (!finished) stream.destroy();
    });
  }
}
