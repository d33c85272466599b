import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { Duplex } from 'node:stream';

import { ObjectApi } from './api/objects';
import { bootstrapRbac, type UserInfo } from './api/rbac';
import { R } from './api/resources';
import { ApiHandler, type SubresourceHandlers } from './api/server';
import { ApiError, errors } from './api/status';
import { writeFileAtomic } from './fsutil';
import { writeKubeconfig } from './kubeconfig';
import { hostFacts, nodeNames, nodeObject, nodeStatus, type NodeFacts, type NodeLayout } from './nodes';
import { ensurePki, type Pki } from './pki';
import { Journal, Store } from './store';
import { timestamp, type KObject } from './types';

export interface ClusterOptions {
  /** Where the CA, certificates, kubeconfig and objects are kept. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  nodes?: Partial<NodeLayout>;
  /** Prefix of node names (`lotse` → lotse-control-plane, lotse-worker, lotse-worker2). */
  nodePrefix?: string;
  log?: (line: string) => void;
  /** Facts the nodes report (capacity, OS); the host's by default, the engine's when a runtime provides them. */
  nodeFacts?: NodeFacts;
  /** How many recent changes a watch can resume from (older resourceVersions get 410 Expired). */
  watchCacheSize?: number;
}

/** A part of the cluster with a life of its own (controllers, the kubelet, node ports). */
export interface Component {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** Serves an upgrade request (exec, attach); false when the path is not its own. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo) => boolean;

export interface ClusterContext {
  id: string;
  store: Store;
  objects: ObjectApi;
  subresources: SubresourceHandlers;
  options: ClusterOptions;
  log(line: string): void;
}

/**
 * The practice cluster: a Kubernetes API server on 127.0.0.1 with TLS, its store and the components added to it.
 */
export class PracticeCluster implements ClusterContext {
  readonly id: string;
  readonly store: Store;
  readonly objects: ObjectApi;
  readonly subresources: SubresourceHandlers = {};
  readonly pki: Pki;
  readonly kubeconfigPath: string;
  private readonly components: Component[] = [];
  readonly upgradeHandlers: UpgradeHandler[] = [];
  private server: Server | undefined;
  private handler: ApiHandler | undefined;
  private readonly startedAt = new Date();
  private leaseTimer: NodeJS.Timeout | undefined;

  constructor(readonly options: ClusterOptions) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.id = loadClusterId(options.dataDir);
    this.pki = ensurePki(join(options.dataDir, 'pki'));
    this.store = new Store(new Journal(join(options.dataDir, 'store')), options.watchCacheSize);
    this.objects = new ObjectApi(this.store);
    this.kubeconfigPath = join(options.dataDir, 'kubeconfig');
  }

  log(line: string): void {
    this.options.log?.(line);
  }

  add(component: Component): void {
    this.components.push(component);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the practice cluster is not serving');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `https://${host}:${address.port}`;
  }

  /** Creates what a fresh cluster has (namespaces, RBAC, nodes, the kubernetes service), then serves. */
  async start(): Promise<void> {
    this.bootstrap();
    this.handler = new ApiHandler(this.store, this.objects, () => this.url.replace(/^https:\/\//, ''), this.subresources);
    const handler = this.handler;
    this.server = createServer(
      { key: this.pki.serverKey, cert: this.pki.serverCert, ca: [this.pki.caCert], requestCert: true, rejectUnauthorized: false },
      (req, res) => void handler.handle(req, res),
    );
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        const user = handler.impersonate(req, handler.authenticate(req));
        if (this.upgradeHandlers.some((h) => h(req, socket, head, user))) return;
        throw errors.badRequest('this path cannot be upgraded');
      } catch (error) {
        const e = error instanceof ApiError ? error : errors.internal((error as Error).message);
        const body = JSON.stringify(e.toStatus());
        socket.end(`HTTP/1.1 ${e.code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      }
    });
    this.server.keepAliveTimeout = 60_000;
    this.server.headersTimeout = 65_000;
    this.server.requestTimeout = 0;
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.syncKubernetesEndpoints();
    writeKubeconfig(this.kubeconfigPath, this.url, this.pki);
    for (const c of this.components) await c.start();
    this.leaseTimer = setInterval(() => this.renewLeases(), 40_000);
    this.leaseTimer.unref();
    this.log(`serving on ${this.url}`);
  }

  /** The HTTPS server, for components that serve upgrades (exec, attach). */
  get httpServer(): Server | undefined {
    return this.server;
  }

  async stop(): Promise<void> {
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    for (const c of [...this.components].reverse()) {
      try {
        await c.stop();
      } catch (error) {
        this.log(`stopping a component failed: ${(error as Error).message}`);
      }
    }
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    this.store.flush();
    this.store.close();
  }

  bootstrap(): void {
    const put = (resource: string, object: KObject): void => {
      if (!this.store.get(resource, object.metadata.namespace, object.metadata.name ?? '')) this.objects.createInternal(resource, object);
    };
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) put(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const rbac = bootstrapRbac();
    for (const role of rbac.roles) put(R.clusterroles, role);
    for (const binding of rbac.bindings) put(R.clusterrolebindings, binding);
    put(R.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
    });
    const facts = this.options.nodeFacts ?? hostFacts();
    const layout = { controlPlanes: this.options.nodes?.controlPlanes ?? 1, workers: this.options.nodes?.workers ?? 2 };
    const wanted = nodeNames(this.options.nodePrefix ?? 'lotse', layout);
    for (const { name, controlPlane } of wanted) {
      const existing = this.store.get(R.nodes, undefined, name);
      if (!existing) put(R.nodes, nodeObject(name, controlPlane, facts, this.startedAt));
      else this.objects.updateInternal(R.nodes, { ...existing, status: nodeStatus(facts, this.startedAt) }, 'status');
      put(R.leases, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: 'kube-node-lease' },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime() },
      });
    }
    // Nodes of an earlier layout that is no longer wanted go.
    for (const node of this.store.list(R.nodes)) {
      if (!wanted.some((w) => w.name === node.metadata.name)) this.objects.remove(R.nodes, undefined, node.metadata.name ?? '');
    }
  }

  private syncKubernetesEndpoints(): void {
    const port = Number(new URL(this.url).port);
    const endpoints: KObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
    };
    const existing = this.store.get(R.endpoints, 'default', 'kubernetes');
    if (existing) this.objects.updateInternal(R.endpoints, { ...endpoints, metadata: { ...existing.metadata } });
    else this.objects.createInternal(R.endpoints, endpoints);
  }

  private renewLeases(): void {
    for (const lease of this.store.list(R.leases, 'kube-node-lease')) {
      this.objects.updateInternal(R.leases, { ...lease, spec: { ...(lease.spec as object), renewTime: microTime() } });
    }
  }
}

function microTime(): string {
  return `${new Date().toISOString().slice(0, 23)}000Z`;
}

function loadClusterId(dir: string): string {
  const file = join(dir, 'cluster.json');
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
      if (typeof parsed.id === 'string' && /^[a-z0-9]{8,}$/.test(parsed.id)) return parsed.id;
    } catch {
      // rewritten below
    }
  }
  const id = randomBytes(6).toString('hex');
  writeFileAtomic(file, `${JSON.stringify({ id, created: timestamp() })}\n`);
  return id;
}
