import { createHash } from 'node:crypto';

import type Docker from 'dockerode';

import { pruneCommands, resolveUntil } from '@shared/cli/prune';
import type {
  DiskDetails,
  DiskItem,
  PruneItem,
  PruneObjectType,
  PruneProgress,
  PrunePreview,
  PruneRequest,
  PruneResult,
} from '@shared/dto/prune';
import { LotseError } from '@shared/errors';

import type { EngineService } from '../docker/engine';
import { summarizeDiskUsage } from '../docker/system';
import { readDf } from '../docker/df';
import {
  type BuildCacheFact,
  type ContainerFact,
  type EngineFacts,
  type ImageFact,
  type LabelFilters,
  type NetworkFact,
  planPrune,
  totalsOf,
  type VolumeFact,
} from './rules';

interface RawContainer {
  Id: string;
  Names?: string[];
  ImageID?: string;
  Labels?: Record<string, string> | null;
  State?: string;
  Created?: number;
  SizeRw?: number;
  Mounts?: { Type?: string; Name?: string }[] | null;
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string; EndpointID?: string }> | null } | null;
}
interface RawImage {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Labels?: Record<string, string> | null;
  Created?: number;
  Size?: number;
  Containers?: number;
}
interface RawVolume {
  Name: string;
  Driver?: string;
  Labels?: Record<string, string> | null;
  CreatedAt?: string;
  UsageData?: { Size?: number; RefCount?: number } | null;
}
interface RawBuildCache {
  ID: string;
  Type?: string;
  Description?: string;
  InUse?: boolean;
  Shared?: boolean;
  Size?: number;
  CreatedAt?: string;
  LastUsedAt?: string | null;
}
export interface RawDf {
  LayersSize?: number;
  Images?: RawImage[] | null;
  Containers?: RawContainer[] | null;
  Volumes?: RawVolume[] | null;
  BuildCache?: RawBuildCache[] | null;
}
interface HistoryEntry {
  Size?: number;
  CreatedBy?: string;
}

const MAX_KEPT = 500;
const LAYER_CACHE_MAX = 20_000;
const BUSY_RETRIES = 40;

type Step = PruneObjectType;
const STEP_ORDER: Step[] = ['container', 'network', 'volume', 'image', 'buildCache'];

/**
 * Prune with an exact preview: the preview simulates the engine's own rules (daemon/prune.go,
 * daemon/images/image_prune.go, volume service Prune) on the engine's current state; the prune
 * itself goes through the engine's prune endpoints with the same filters.
 */
export class PruneService {
  /** Image id → its layers (chain id, diff size); image ids are content addresses, so this never goes stale. */
  private readonly layerCache = new Map<string, { chainId: string; size: number }[]>();

  constructor(private readonly engine: EngineService) {}

  /** Validates the request against this engine and fixes `until` to Unix seconds. */
  normalize(request: PruneRequest, nowMs = Date.now()): PruneRequest {
    const { until } = request.filters;
    const volumes = request.kind === 'volumes' || (request.kind === 'system' && request.volumes);
    if (until !== undefined && volumes) {
      throw new LotseError(
        'INVALID_PARAMS',
        'The until filter does not work for volumes: the engine does not record when a volume was last used.',
        'Remove the until filter, or prune volumes separately with a label filter.',
      );
    }
    if (until === undefined) return request;
    const seconds = resolveUntil(until, nowMs);
    if (seconds === undefined) {
      throw new LotseError(
        'INVALID_PARAMS',
        `'${until}' is not a time the engine understands.`,
        'Use a duration such as 24h or 90m, a date such as 2026-01-31, or Unix seconds.',
      );
    }
    return { ...request, filters: { ...request.filters, until: String(seconds) } };
  }

  async preview(raw: PruneRequest, signal?: AbortSignal): Promise<PrunePreview> {
    const request = this.normalize(raw);
    const apiVersion = this.apiVersion();
    const started = performance.now();
    const { facts, dfMs } = await this.gather(request, signal);
    const engineMs = performance.now() - started;
    const computeStart = performance.now();
    const plan = planPrune(request, facts, labelFilters(request));
    const totals = totalsOf(plan.items);
    return {
      request,
      apiVersion,
      items: plan.items,
      kept: plan.kept.slice(0, MAX_KEPT),
      keptTotal: plan.kept.length,
      totals,
      reclaimableBytes: Object.values(totals).reduce((sum, t) => sum + t.bytes, 0),
      layers: plan.layers,
      notes: plan.notes,
      commands: pruneCommands(raw, apiVersion),
      timings: { engineMs, dfMs, computeMs: performance.now() - computeStart },
    };
  }

  async run(raw: PruneRequest, options: { signal?: AbortSignal; progress?: (p: PruneProgress) => void } = {}): Promise<PruneResult> {
    const request = this.normalize(raw);
    const apiVersion = this.apiVersion();
    const docker = this.engine.docker();
    const started = performance.now();
    const [containers, images] = await Promise.all([
      docker.listContainers({ all: true }) as Promise<RawContainer[]>,
      docker.listImages({ all: true }) as Promise<RawImage[]>,
    ]);
    const containerNames = new Map(containers.map((c) => [c.Id, containerName(c)]));
    const imageIds = new Set(images.map((i) => i.Id));
    const refToImage = new Map<string, string>();
    for (const i of images) for (const ref of refsOf(i)) refToImage.set(ref, i.Id);

    const steps = STEP_ORDER.filter((s) => stepRuns(request, s));
    const removed: PruneItem[] = [];
    const byType = emptyByType();
    let layersDeleted = 0;
    let space = 0;
    for (const [index, step] of steps.entries()) {
      if (options.signal?.aborted) throw new LotseError('CANCELLED', 'The prune was cancelled; the steps before this one ran.');
      options.progress?.({ step, done: index, total: steps.length });
      const filters = engineFilters(request, step, apiVersion);
      const signalOpt = options.signal ? { abortSignal: options.signal } : {};
      switch (step) {
        case 'container': {
          const report = (await busyRetry(() => docker.pruneContainers({ filters, ...signalOpt }))) as {
            ContainersDeleted?: string[] | null;
            SpaceReclaimed?: number;
          };
          for (const id of report.ContainersDeleted ?? []) {
            removed.push(item('container', 'delete', id, containerNames.get(id) ?? id.slice(0, 12)));
          }
          byType.container = { count: report.ContainersDeleted?.length ?? 0, bytes: report.SpaceReclaimed ?? 0 };
          break;
        }
        case 'network': {
          const report = (await busyRetry(() => docker.pruneNetworks({ filters, ...signalOpt }))) as { NetworksDeleted?: string[] | null };
          for (const name of report.NetworksDeleted ?? []) removed.push(item('network', 'delete', name, name));
          byType.network = { count: report.NetworksDeleted?.length ?? 0, bytes: 0 };
          break;
        }
        case 'volume': {
          const report = (await busyRetry(() => docker.pruneVolumes({ filters, ...signalOpt }))) as {
            VolumesDeleted?: string[] | null;
            SpaceReclaimed?: number;
          };
          for (const name of report.VolumesDeleted ?? []) removed.push(item('volume', 'delete', name, name));
          byType.volume = { count: report.VolumesDeleted?.length ?? 0, bytes: report.SpaceReclaimed ?? 0 };
          break;
        }
        case 'image': {
          const report = (await busyRetry(() => docker.pruneImages({ filters, ...signalOpt }))) as {
            ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null;
            SpaceReclaimed?: number;
          };
          let count = 0;
          for (const entry of report.ImagesDeleted ?? []) {
            if (entry.Untagged) removed.push(item('image', 'untag', refToImage.get(entry.Untagged) ?? '', entry.Untagged));
            if (entry.Deleted && imageIds.has(entry.Deleted)) {
              count++;
              removed.push(item('image', 'delete', entry.Deleted, entry.Deleted.replace(/^sha256:/, '').slice(0, 12)));
            } else if (entry.Deleted) layersDeleted++;
          }
          byType.image = { count, bytes: report.SpaceReclaimed ?? 0 };
          break;
        }
        case 'buildCache': {
          const report = await busyRetry(() => pruneBuildCache(docker, request.all, filters, options.signal));
          for (const id of report.CachesDeleted ?? []) removed.push(item('buildCache', 'delete', id, id.slice(0, 12)));
          byType.buildCache = { count: report.CachesDeleted?.length ?? 0, bytes: report.SpaceReclaimed ?? 0 };
          break;
        }
      }
      space += byType[step].bytes;
    }
    options.progress?.({ step: steps.at(-1) ?? 'container', done: steps.length, total: steps.length });
    return {
      request,
      removed,
      layersDeleted,
      spaceReclaimedBytes: space,
      byType,
      commands: pruneCommands(request, apiVersion),
      durationMs: performance.now() - started,
    };
  }

  /** The biggest images, containers, volumes and build cache records, from one /system/df. */
  async diskDetails(limit: number, signal?: AbortSignal): Promise<DiskDetails> {
    const df = await this.df(signal);
    const top = (items: DiskItem[]): DiskItem[] => items.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, limit);
    return {
      usage: summarizeDiskUsage(df),
      images: top(
        (df.Images ?? []).map((i) => ({
          type: 'image',
          id: i.Id,
          name: refsOf(i).find((r) => !r.includes('@')) ?? i.Id.replace(/^sha256:/, '').slice(0, 12),
          sizeBytes: i.Size ?? 0,
          reclaimable: (i.Containers ?? 0) === 0,
        })),
      ),
      containers: top(
        (df.Containers ?? []).map((c) => ({
          type: 'container',
          id: c.Id,
          name: containerName(c),
          sizeBytes: Math.max(0, c.SizeRw ?? 0),
          reclaimable: !['running', 'paused', 'restarting'].includes(c.State ?? ''),
        })),
      ),
      volumes: top(
        (df.Volumes ?? []).map((v) => ({
          type: 'volume',
          id: v.Name,
          name: v.Name,
          sizeBytes: Math.max(0, v.UsageData?.Size ?? 0),
          reclaimable: (v.UsageData?.RefCount ?? 0) === 0,
        })),
      ),
      buildCache: top(
        (df.BuildCache ?? []).map((b) => ({
          type: 'buildCache',
          id: b.ID,
          name: b.Description || b.ID.slice(0, 12),
          sizeBytes: b.Size ?? 0,
          reclaimable: !b.InUse,
        })),
      ),
    };
  }

  private apiVersion(): string {
    return this.engine.state.info?.apiVersion ?? '1.41';
  }

  private df(signal?: AbortSignal): Promise<RawDf> {
    if (signal?.aborted) return Promise.reject(new LotseError('CANCELLED', 'Cancelled.'));
    return readDf<RawDf>(this.engine.docker());
  }

  /** Reads what the rules need; /system/df only when sizes or volume and cache records matter. */
  private async gather(request: PruneRequest, signal?: AbortSignal): Promise<{ facts: EngineFacts; dfMs: number }> {
    const docker = this.engine.docker();
    const needs = (step: Step): boolean => stepRuns(request, step);
    const needDf = needs('container') || needs('volume') || needs('buildCache');
    let dfMs = 0;
    const dfPromise = needDf
      ? (async () => {
          const t = performance.now();
          const df = await this.df(signal);
          dfMs = performance.now() - t;
          return df;
        })()
      : Promise.resolve(undefined);
    const [df, rawContainers, rawImages, rawNetworks] = await Promise.all([
      dfPromise,
      needDf ? Promise.resolve(undefined) : (docker.listContainers({ all: true }) as Promise<RawContainer[]>),
      needs('image') ? (docker.listImages({ all: true }) as Promise<RawImage[]>) : Promise.resolve([]),
      needs('network')
        ? (docker.listNetworks() as Promise<{ Id: string; Name: string; Created?: string; Labels?: Record<string, string> | null; ConfigOnly?: boolean }[]>)
        : Promise.resolve([]),
    ]);
    const containers = (df?.Containers ?? rawContainers ?? []).map(toContainerFact);
    const images = needs('image') ? await this.imageFacts(docker, rawImages, signal) : [];
    const networks: NetworkFact[] = rawNetworks.map((n) => ({
      id: n.Id,
      name: n.Name,
      labels: n.Labels ?? {},
      created: n.Created ? Date.parse(n.Created) : 0,
      configOnly: n.ConfigOnly ?? false,
    }));
    const volumes: VolumeFact[] = (df?.Volumes ?? []).map((v) => ({
      name: v.Name,
      driver: v.Driver ?? 'local',
      labels: v.Labels ?? {},
      sizeBytes: Math.max(0, v.UsageData?.Size ?? 0),
      created: v.CreatedAt ? Date.parse(v.CreatedAt) : undefined,
    }));
    const buildCache: BuildCacheFact[] = (df?.BuildCache ?? []).map((b) => ({
      id: b.ID,
      type: b.Type ?? 'regular',
      description: b.Description ?? '',
      inUse: b.InUse ?? false,
      shared: b.Shared ?? false,
      size: b.Size ?? 0,
      lastUsed: Date.parse(b.LastUsedAt ?? b.CreatedAt ?? '') || 0,
    }));
    return { facts: { apiVersion: this.apiVersion(), images, containers, volumes, networks, buildCache }, dfMs };
  }

  private async imageFacts(docker: Docker, raw: RawImage[], signal?: AbortSignal): Promise<ImageFact[]> {
    const missing = raw.filter((i) => !this.layerCache.has(i.Id)).map((i) => i.Id);
    await inBatches(missing, 8, async (id) => {
      if (signal?.aborted) return;
      try {
        this.remember(id, await readLayers(docker, id));
      } catch {
        // Gone between list and inspect: it cannot be pruned either.
      }
    });
    return raw.map((i) => ({
      id: i.Id,
      parentId: i.ParentId ?? '',
      refs: refsOf(i),
      labels: i.Labels ?? {},
      created: i.Created ?? 0,
      layers: this.layerCache.get(i.Id) ?? [],
    }));
  }

  private remember(id: string, layers: { chainId: string; size: number }[]): void {
    if (this.layerCache.size >= LAYER_CACHE_MAX) this.layerCache.delete(this.layerCache.keys().next().value ?? '');
    this.layerCache.set(id, layers);
  }
}

/** Which prune steps a request runs. */
export function stepRuns(request: PruneRequest, step: Step): boolean {
  if (request.kind === 'system') return step !== 'volume' || request.volumes;
  const single: Record<Exclude<PruneRequest['kind'], 'system'>, Step> = {
    containers: 'container',
    images: 'image',
    volumes: 'volume',
    networks: 'network',
    buildCache: 'buildCache',
  };
  return single[request.kind] === step;
}

function labelFilters(request: PruneRequest): LabelFilters {
  const until = request.filters.until === undefined ? undefined : Number(request.filters.until);
  return { labels: request.filters.labels ?? [], notLabels: request.filters.notLabels ?? [], until };
}

/** The filters object the engine's prune endpoint gets for one step. */
export function engineFilters(request: PruneRequest, step: Step, apiVersion: string): Record<string, string[]> {
  const f = request.filters;
  const filters: Record<string, string[]> = {};
  if (f.labels?.length) filters.label = f.labels;
  if (f.notLabels?.length) filters['label!'] = f.notLabels;
  if (f.until !== undefined && step !== 'volume') filters.until = [f.until];
  if (step === 'image' && request.all) filters.dangling = ['false'];
  const [major = 0, minor = 0] = apiVersion.split('.').map(Number);
  if (step === 'volume' && request.all && (major > 1 || minor >= 42)) filters.all = ['true'];
  return filters;
}

async function pruneBuildCache(
  docker: Docker,
  all: boolean,
  filters: Record<string, string[]>,
  signal?: AbortSignal,
): Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }> {
  // dockerode's pruneBuilder sends no query: dial the endpoint with it ourselves.
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build/prune?',
        method: 'POST',
        options: { all, filters },
        ...(signal ? { abortSignal: signal } : {}),
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      },
      (error, data) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(data as never)),
    );
  });
}

/** The engine runs one prune at a time (any client): wait for the other one instead of failing. */
async function busyRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const e = error as { statusCode?: number; json?: { message?: string } | null; message?: string };
      const message = e.json?.message ?? e.message ?? '';
      if (!message.includes('prune operation is already running') || attempt >= BUSY_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function readLayers(docker: Docker, id: string): Promise<{ chainId: string; size: number }[]> {
  const image = docker.getImage(id);
  const [inspect, history] = await Promise.all([image.inspect(), image.history() as Promise<HistoryEntry[]>]);
  const diffIds = inspect.RootFS?.Layers ?? [];
  const sizes = layerSizes(diffIds.length, history);
  const layers: { chainId: string; size: number }[] = [];
  let chain = '';
  for (const [index, diffId] of diffIds.entries()) {
    chain = index === 0 ? diffId : `sha256:${createHash('sha256').update(`${chain} ${diffId}`).digest('hex')}`;
    layers.push({ chainId: chain, size: sizes[index] ?? 0 });
  }
  return layers;
}

const METADATA_STEP = /(^|#\(nop\)\s+)(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|VOLUME|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\b/;

/**
 * The diff size of each layer, from the history (newest first). The API does not say which
 * history entries made a layer: entries with bytes did; of the empty ones, those that are
 * not metadata-only instructions fill the remaining layers (they weigh 0 bytes either way).
 */
export function layerSizes(layerCount: number, history: HistoryEntry[]): number[] {
  const entries = [...history].reverse();
  const positive = entries.filter((h) => (h.Size ?? 0) > 0).length;
  let zeroLayers = Math.max(0, layerCount - positive);
  const isLayer = entries.map((h) => (h.Size ?? 0) > 0);
  for (const [index, h] of entries.entries()) {
    if (zeroLayers === 0) break;
    if (!isLayer[index] && !METADATA_STEP.test(h.CreatedBy ?? '')) {
      isLayer[index] = true;
      zeroLayers--;
    }
  }
  for (const [index] of entries.entries()) {
    if (zeroLayers === 0) break;
    if (!isLayer[index]) {
      isLayer[index] = true;
      zeroLayers--;
    }
  }
  return entries.filter((_, index) => isLayer[index]).map((h) => h.Size ?? 0);
}

function refsOf(image: RawImage): string[] {
  return [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])].filter((r) => !r.startsWith('<none>'));
}

function containerName(c: RawContainer): string {
  return (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
}

function toContainerFact(c: RawContainer): ContainerFact {
  const endpoints: Record<string, string> = {};
  for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) if (n.NetworkID) endpoints[n.NetworkID] = n.EndpointID ?? '';
  return {
    id: c.Id,
    name: containerName(c),
    state: c.State ?? '',
    imageId: c.ImageID ?? '',
    labels: c.Labels ?? {},
    created: c.Created ?? 0,
    sizeRw: Math.max(0, c.SizeRw ?? 0),
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name ?? ''),
    endpoints,
  };
}

function item(type: PruneObjectType, action: 'delete' | 'untag', id: string, name: string): PruneItem {
  return { type, action, id, name, sizeBytes: 0, reason: 'pruned' };
}

function emptyByType(): Record<PruneObjectType, { count: number; bytes: number }> {
  return {
    container: { count: 0, bytes: 0 },
    image: { count: 0, bytes: 0 },
    volume: { count: 0, bytes: 0 },
    network: { count: 0, bytes: 0 },
    buildCache: { count: 0, bytes: 0 },
  };
}

async function inBatches<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const current = items[next++] as T;
      await fn(current);
    }
  });
  await Promise.all(workers);
}

