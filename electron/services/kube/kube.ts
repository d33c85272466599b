import type { Target } from '@shared/cli/kube';
import type { SessionEvent } from '@shared/dto/containers';
import type {
  AccessAnswer,
  ApplyMode,
  ApplyResult,
  ClusterOverview,
  DoctorFinding,
  DrainOptions,
  DrainPlan,
  DrainProgress,
  DrainResult,
  KubeConnection,
  KubeContexts,
  KubeLogBatch,
  KubeObjectOf,
  KubeResource,
  PracticeState,
  RbacSubjectRef,
  RolloutHistory,
  RolloutStep,
  WatchEvent,
} from '@shared/dto/kube';
import { LotseError } from '@shared/errors';
import type { Grant } from '@shared/kube/rbac';
import { toDto } from '@shared/kube/convert';
import { examine, type ManifestDoc } from '@shared/kube/doctor';

import { ApiCatalog, applyText, doctorWithCluster } from './apply';
import { type Clients, ContextConnection } from './connection';
import { cordon, drain, previewDrain } from './drain';
import { toKubeError } from './http';
import { Informer, type InformerOptions } from './informer';
import { describeContexts, type KubeconfigSource, loadKubeconfig, type LoadedKubeconfig } from './kubeconfig';
import { loginShellPath, mergePaths } from './login-path';
import { overview } from './overview';
import { PRACTICE_CONTEXT, PracticeLauncher } from './practice';
import { canI, grants, type AccessQuestionParams } from './rbac';
import { collectionPath } from './resources';
import { ExecSessions, type LogParams, openLogs } from './streams';
import * as workloads from './workloads';

export interface KubeServiceOptions {
  kubeconfig?: KubeconfigSource;
  practice?: PracticeLauncher;
  /** The PATH exec plugins are looked up on; by default the process's and the login shell's. */
  searchPath?: () => Promise<string>;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  informer?: InformerOptions;
}

/**
 * Kubernetes for Lotse: the contexts of the kubeconfig, a connection per context, lists that follow the
 * cluster (list, then watch), and the actions a learner clicks, each a real API request. client-node and
 * its types stay inside this folder; what leaves it are the DTOs of shared/dto/kube.
 */
export class KubeService {
  private readonly connections = new Map<string, ContextConnection>();
  private readonly catalogs = new WeakMap<Clients, ApiCatalog>();
  readonly practice: PracticeLauncher;
  readonly sessions = new ExecSessions();
  private loginPath: Promise<string> | undefined;
  /** The context a window used last: the exercise checks read that cluster. */
  private lastUsed: string | undefined;

  constructor(private readonly options: KubeServiceOptions = {}) {
    this.practice = options.practice ?? new PracticeLauncher();
    this.practice.onState((state) => {
      // A practice cluster that started again is a server to reconnect to at once.
      if (state.status === 'running') void this.connections.get(PRACTICE_CONTEXT)?.reconnect();
    });
  }

  private load(): Promise<LoadedKubeconfig> {
    return loadKubeconfig({ ...this.options.kubeconfig, extra: [...(this.options.kubeconfig?.extra ?? []), { file: this.practice.kubeconfigPath, practice: true }] });
  }

  private searchPath(): Promise<string> {
    if (this.options.searchPath) return this.options.searchPath();
    this.loginPath ??= loginShellPath().then((shell) => mergePaths(process.env.PATH, shell));
    return this.loginPath;
  }

  /** Every context; the practice cluster's while it runs. */
  async contexts(): Promise<KubeContexts> {
    const practice = await this.practice.detect();
    const described = describeContexts(await this.load());
    return {
      ...described,
      contexts: described.contexts
        .filter((c) => !c.practice || practice.status === 'running')
        .map((c) => (c.name === PRACTICE_CONTEXT ? { ...c, practice: true } : c)),
    };
  }

  /**
   * How the commands name the context: not at all when it is the kubeconfig's current one (a terminal
   * uses that), else with --context.
   */
  async target(context: string, namespace?: string): Promise<Target> {
    const loaded = await this.load();
    // The practice cluster's own kubeconfig names it as its current context (export KUBECONFIG=… in a terminal).
    const plain = context === loaded.current || loaded.contexts.get(context)?.practice === true;
    return { ...(plain ? {} : { context }), ...(namespace ? { namespace } : {}) };
  }

  /** The connection of a context (made on first use). */
  connection(context: string): ContextConnection {
    this.lastUsed = context;
    let connection = this.connections.get(context);
    if (!connection) {
      connection = new ContextConnection(context, {
        load: () => this.load(),
        searchPath: () => this.searchPath(),
        ...(this.options.initialBackoffMs === undefined ? {} : { initialBackoffMs: this.options.initialBackoffMs }),
        ...(this.options.maxBackoffMs === undefined ? {} : { maxBackoffMs: this.options.maxBackoffMs }),
      });
      this.connections.set(context, connection);
      void connection.connect();
    }
    return connection;
  }

  async state(context: string): Promise<KubeConnection> {
    const connection = this.connection(context);
    if (connection.state.status === 'connecting') await connection.connect();
    return connection.state;
  }

  reconnect(context: string): Promise<KubeConnection> {
    return this.connection(context).reconnect();
  }

  /** Runs a request against a context; a network failure makes the connection check itself. */
  private async with<T>(context: string, work: (c: Clients) => Promise<T>): Promise<T> {
    const connection = this.connection(context);
    const clients = await connection.ready();
    try {
      return await work(clients);
    } catch (error) {
      if (!(error instanceof LotseError)) void connection.verify(error);
      throw toKubeError(error, clients.server);
    }
  }

  private catalog(c: Clients): ApiCatalog {
    let catalog = this.catalogs.get(c);
    if (!catalog) {
      catalog = new ApiCatalog(c);
      this.catalogs.set(c, catalog);
    }
    return catalog;
  }

  /** A watch of one resource (list, then watch); returns the disposer. */
  watch(context: string, resource: KubeResource, namespace: string | undefined, emit: (event: WatchEvent) => void): () => void {
    const informer = new Informer(this.connection(context), resource, namespace, emit, this.options.informer);
    informer.start();
    return () => informer.stop();
  }

  overview(context: string): Promise<ClusterOverview> {
    return this.with(context, async (c) => {
      const state = this.connection(context).state;
      const server = this.practice.state.server;
      const practice = context === PRACTICE_CONTEXT || (server !== undefined && c.server === server);
      return overview(c, state.version ?? '', practice);
    });
  }

  scale(context: string, kind: 'deployments' | 'replicasets', namespace: string, name: string, replicas: number): Promise<{ replicas: number }> {
    return this.with(context, (c) => workloads.scale(c, kind, namespace, name, replicas));
  }

  rollout(context: string, namespace: string, name: string, verb: 'restart' | 'pause' | 'resume'): Promise<null> {
    return this.with(context, async (c) => {
      if (verb === 'restart') await workloads.restart(c, namespace, name);
      else await workloads.setPaused(c, namespace, name, verb === 'pause');
      return null;
    });
  }

  setImage(context: string, namespace: string, name: string, container: string, image: string): Promise<null> {
    return this.with(context, async (c) => {
      await workloads.setImage(c, namespace, name, container, image);
      return null;
    });
  }

  history(context: string, namespace: string, name: string): Promise<RolloutHistory> {
    return this.with(context, (c) => workloads.history(c, namespace, name));
  }

  undo(context: string, namespace: string, name: string, toRevision?: number): Promise<{ outcome: 'rolled-back' | 'unchanged'; revision: number }> {
    return this.with(context, (c) => workloads.undo(c, namespace, name, toRevision));
  }

  step(context: string, namespace: string, name: string, signal?: AbortSignal): Promise<RolloutStep> {
    return this.with(context, (c) => workloads.step(c, namespace, name, signal));
  }

  cordon(context: string, node: string, unschedulable: boolean): Promise<null> {
    return this.with(context, async (c) => {
      await cordon(c, node, unschedulable);
      return null;
    });
  }

  drainPreview(context: string, node: string, options: DrainOptions, target: Target): Promise<{ plan: DrainPlan; apiMs: number; planMs: number }> {
    return this.with(context, (c) => previewDrain(c, node, options, target));
  }

  drain(context: string, node: string, options: DrainOptions, target: Target, signal: AbortSignal, progress: (p: DrainProgress) => void): Promise<DrainResult> {
    return this.with(context, (c) => drain(c, this.connection(context), node, options, target, signal, progress));
  }

  doctor(context: string | undefined, text: string, defaultNamespace: string): Promise<{ findings: DoctorFinding[]; docs: Omit<ManifestDoc, 'object'>[]; mended: string; ok: boolean; cluster: boolean }> {
    const strip = (report: { findings: DoctorFinding[]; docs: ManifestDoc[]; mended: string; ok: boolean }, cluster: boolean): { findings: DoctorFinding[]; docs: Omit<ManifestDoc, 'object'>[]; mended: string; ok: boolean; cluster: boolean } => ({
      findings: report.findings,
      docs: report.docs.map(({ object: _object, ...rest }) => rest),
      mended: report.mended,
      ok: report.ok,
      cluster,
    });
    if (!context) return Promise.resolve(strip(examine(text, { defaultNamespace }), false));
    return this.with(context, async (c) => strip(await doctorWithCluster(c, this.catalog(c), text, defaultNamespace), true));
  }

  apply(context: string, text: string, mode: ApplyMode, dryRun: boolean, defaultNamespace: string, target: Target): Promise<ApplyResult> {
    return this.with(context, (c) => applyText(c, this.catalog(c), text, { mode, dryRun, defaultNamespace, ...(target.context ? { context: target.context } : {}) }));
  }

  grants(context: string, subject: RbacSubjectRef): Promise<Grant[]> {
    return this.with(context, (c) => grants(c, subject));
  }

  canI(context: string, question: AccessQuestionParams, target: Target): Promise<AccessAnswer> {
    return this.with(context, (c) => canI(c, question, target));
  }

  logs(context: string, params: LogParams, emit: (batch: KubeLogBatch) => void, end: () => void): () => void {
    return openLogs(this.connection(context), params, emit, end);
  }

  openSession(context: string, params: { namespace: string; pod: string; container: string; command: string[]; cols: number; rows: number }): { session: string } {
    return this.sessions.open(this.connection(context), params);
  }

  runSession(id: string, emit: (event: SessionEvent) => void): () => void {
    return this.sessions.run(id, emit);
  }

  /**
   * Lists for the exercise checks, from the context the learner worked with last (else the kubeconfig's
   * current one, else the practice cluster); undefined when none answers.
   */
  async reader(): Promise<{ context: string; list: <R extends KubeResource>(resource: R, namespace?: string) => Promise<KubeObjectOf[R][]> } | undefined> {
    const { contexts, current } = await this.contexts();
    const known = (name: string | undefined): name is string => name !== undefined && contexts.some((c) => c.name === name);
    const context = known(this.lastUsed) ? this.lastUsed : known(current) ? current : contexts.find((c) => c.practice)?.name;
    if (!context || (await this.state(context)).status !== 'connected') return undefined;
    return {
      context,
      list: <R extends KubeResource>(resource: R, namespace?: string) =>
        this.with(context, async (c) => ((await c.raw.get<{ items?: unknown[] }>(collectionPath(resource, namespace))).items ?? []).map((item) => toDto(resource, item))),
    };
  }

  startPractice(): Promise<PracticeState> {
    return this.practice.start();
  }

  stopPractice(): Promise<PracticeState> {
    return this.practice.stop();
  }

  dispose(): Promise<void> {
    for (const connection of this.connections.values()) connection.dispose();
    this.connections.clear();
    return this.practice.dispose();
  }
}
