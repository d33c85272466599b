import { createServer, connect, type Server, type Socket } from 'node:net';

import type { Endpoints, Service } from 'kubernetes-types/core/v1';

import { R } from '../api/resources';
import type { StatusCause } from '../api/status';
import type { ClusterContext, Component } from '../cluster';
import { as, type KObject } from '../types';

/**
 * NodePort services listen on 127.0.0.1:<nodePort> (one host for all practice nodes) and forward each connection
 * to a ready endpoint, round robin, as kube-proxy would.
 */
interface Listener {
  server: Server;
  service: string;
  port: number;
  next: number;
}

export class NodePorts implements Component {
  private readonly listeners = new Map<number, Listener>();
  private unsubscribe: (() => void) | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly ctx: ClusterContext,
    private readonly host = '127.0.0.1',
  ) {}

  start(): void {
    this.ctx.objects.asyncChecks.push((resource, object, old) => this.checkPorts(resource, object, old));
    this.unsubscribe = this.ctx.store.subscribe((e) => {
      if (e.resource === R.services) this.sync();
    });
    this.sync();
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    for (const s of this.sockets) s.destroy();
    const closing = [...this.listeners.values()].map((l) => new Promise<void>((resolve) => l.server.close(() => resolve())));
    this.listeners.clear();
    return Promise.all(closing).then(() => undefined);
  }

  private wanted(): Map<number, { service: string; port: number }> {
    const out = new Map<number, { service: string; port: number }>();
    for (const s of this.ctx.store.list(R.services)) {
      const svc = as<Service>(s);
      if (svc.spec?.type !== 'NodePort' && svc.spec?.type !== 'LoadBalancer') continue;
      for (const p of svc.spec.ports ?? []) {
        if (p.nodePort && (p.protocol ?? 'TCP') === 'TCP') out.set(p.nodePort, { service: `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`, port: p.port });
      }
    }
    return out;
  }

  private sync(): void {
    const wanted = this.wanted();
    for (const [port, l] of this.listeners) {
      const w = wanted.get(port);
      if (!w || w.service !== l.service || w.port !== l.port) {
        l.server.close();
        this.listeners.delete(port);
      }
    }
    for (const [port, w] of wanted) {
      if (this.listeners.has(port)) continue;
      const listener: Listener = { server: createServer((socket) => this.forward(listener, socket)), ...w, next: 0 };
      listener.server.on('error', (error: NodeJS.ErrnoException) => {
        this.ctx.log(`node port ${port} of service ${w.service}: ${error.code === 'EADDRINUSE' ? `port ${port} is in use on ${this.host} by another program` : error.message}`);
        this.listeners.delete(port);
      });
      listener.server.listen(port, this.host);
      this.listeners.set(port, listener);
    }
  }

  /** The ready endpoints of a service port, as ip:port pairs. */
  endpointsOf(service: string, port: number): { ip: string; port: number }[] {
    const [ns, name] = [service.slice(0, service.indexOf('/')), service.slice(service.indexOf('/') + 1)];
    const svc = this.ctx.store.get(R.services, ns, name);
    const ep = this.ctx.store.get(R.endpoints, ns, name);
    if (!svc || !ep) return [];
    const sp = as<Service>(svc).spec?.ports?.find((p) => p.port === port);
    const out: { ip: string; port: number }[] = [];
    for (const subset of as<Endpoints>(ep).subsets ?? []) {
      const match = (subset.ports ?? []).find((p) => (sp?.name ? p.name === sp.name : true));
      if (!match) continue;
      for (const a of subset.addresses ?? []) out.push({ ip: a.ip, port: match.port });
    }
    return out;
  }

  private forward(listener: Listener, socket: Socket): void {
    const targets = this.endpointsOf(listener.service, listener.port);
    if (!targets.length) {
      socket.destroy();
      return;
    }
    const target = targets[listener.next++ % targets.length] as { ip: string; port: number };
    const upstream = connect(target.port, target.ip);
    this.sockets.add(socket);
    this.sockets.add(upstream);
    const done = (): void => {
      socket.destroy();
      upstream.destroy();
      this.sockets.delete(socket);
      this.sockets.delete(upstream);
    };
    socket.on('error', done);
    upstream.on('error', done);
    socket.on('close', done);
    upstream.on('close', done);
    socket.pipe(upstream);
    upstream.pipe(socket);
  }

  /** A node port a service asks for must be free on this machine (or already ours). */
  private async checkPorts(resource: string, object: KObject, old: KObject | undefined): Promise<StatusCause[]> {
    if (resource !== R.services) return [];
    const svc = as<Service>(object);
    const before = new Set((old ? (as<Service>(old).spec?.ports ?? []) : []).map((p) => p.nodePort));
    const causes: StatusCause[] = [];
    for (const [i, p] of (svc.spec?.ports ?? []).entries()) {
      if (!p.nodePort || before.has(p.nodePort) || this.listeners.has(p.nodePort)) continue;
      const free = await new Promise<boolean>((resolve) => {
        const probe = createServer();
        probe.once('error', () => resolve(false));
        probe.listen(p.nodePort, this.host, () => probe.close(() => resolve(true)));
      });
      if (!free) {
        causes.push({ reason: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already in use on ${this.host} by another program` });
      }
    }
    return causes;
  }
}
