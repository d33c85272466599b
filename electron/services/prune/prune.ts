import { createHash, randomUUID } from 'node:crypto';

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
import { containerDisplayName } from '@shared/rules/containers';

import type { EngineService } from '../docker/engine';
import { eachLimited } from '../docker/limit';
import { imageOf } from '../docker/paths';
import { summarizeDiskUsage } from '../docker/system';
import { readDf } from '../docker/df';
import { confirmPreview } from './confirm';
import { removeItems } from './remove';
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
/** How long a preview can be run, and how many are kept at once. */
const PREVIEW_TTL_MS = 15 * 60_000;
const PREVIEWS_KEPT = 16;

type Step = PruneObjectType;

/**
 * Prune with an exact preview: the preview simulates the engine's own rules (daemon/prune.go,
 * daemon/images/image_prune.go, volume service Prune) on the engine's current state. The run takes
 * that preview by its id and removes exactly its items, one by one through the engine's remove
 * endpoints: the engine's prune endpoints would evaluate the filters anew and take objects the
 * learner never saw. The preview stays here and the client only names it, so a client cannot hand
 * in objects of its own choosing (the run would become a remove-anything call), and a preview of
 * thousands of objects does not travel back.
 */
export class PruneService {
  /** Image id → its layers (chain id, diff size); image ids are content addresses, so this never goes stale. */
  private readonly layerCache = new Map<string, { chainId: string; size: number }[]>();
  /** Previews that can still be run, by id (insertion order: oldest first). */
  private readonly previews = new Map<string, PrunePreview>();

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
    const preview: PrunePreview = {
      id: randomUUID(),
      validUntil: Date.now() + PREVIEW_TTL_MS,
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
    this.keep(preview);
    return preview;
  }

  /**
   * Removes exactly what the preview showed. The engine's state is read again first: what changed
   * since (started, now in use, gone, replaced) is skipped with the reason the rules give now, and
   * what the filters match now but the preview did not show is reported and left alone.
   */
  async run(previewId: string, options: { signal?: AbortSignal; progress?: (p: PruneProgress) => void } = {}): Promise<PruneResult> {
    const preview = this.take(previewId);
    const { request } = preview;
    const started = performance.now();
    const { facts } = await this.gather(request, options.signal);
    const now = planPrune(request, facts, labelFilters(request));
    const { confirmed, skipped, untouched } = confirmPreview(preview.items, now, facts);
    const layerSizes = new Map<string, number>();
    for (const image of facts.images) for (const layer of image.layers) layerSizes.set(layer.chainId, layer.size);
    const removal = await removeItems(this.engine.docker(), confirmed, {
      all: request.all,
      imageIds: new Set(facts.images.map((i) => i.id)),
      layerSizes,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    const byType = byTypeOf(removal.removed);
    return {
      previewId,
      request,
      removed: removal.removed,
      skipped: [...skipped, ...removal.skipped],
      untouched,
      layersDeleted: removal.layersDeleted,
      spaceReclaimedBytes: Object.values(byType).reduce((sum, t) => sum + t.bytes, 0),
      byType,
      commands: preview.commands,
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
          name: containerDisplayName(c),
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

  private keep(preview: PrunePreview): void {
    for (const [id, kept] of this.previews) if (kept.validUntil <= Date.now()) this.previews.delete(id);
    while (this.previews.size >= PREVIEWS_KEPT) this.previews.delete(this.previews.keys().next().value ?? '');
    this.previews.set(preview.id, preview);
  }

  /** The preview to run, once: a second run of the same preview would find its items gone anyway. */
  private take(id: string): PrunePreview {
    const preview = this.previews.get(id);
    this.previews.delete(id);
    if (!preview || preview.validUntil <= Date.now()) {
      throw new LotseError(
        'NOT_FOUND',
        'This preview can no longer be run: a preview is kept for 15 minutes and runs once.',
        'Preview again, check what would go, then prune.',
      );
    }
    return preview;
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
    await eachLimited(missing, 8, async (id) => {
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

async function readLayers(docker: Docker, id: string): Promise<{ chainId: string; size: number }[]> {
  const image = imageOf(docker, id);
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

function toContainerFact(c: RawContainer): ContainerFact {
  const endpoints: Record<string, string> = {};
  for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) if (n.NetworkID) endpoints[n.NetworkID] = n.EndpointID ?? '';
  return {
    id: c.Id,
    name: containerDisplayName(c),
    state: c.State ?? '',
    imageId: c.ImageID ?? '',
    labels: c.Labels ?? {},
    created: c.Created ?? 0,
    sizeRw: Math.max(0, c.SizeRw ?? 0),
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name ?? ''),
    endpoints,
  };
}

/** Count and bytes of what went, per kind (an untag counts no object and gives back nothing). */
function byTypeOf(removed: PruneItem[]): Record<PruneObjectType, { count: number; bytes: number }> {
  const byType: Record<PruneObjectType, { count: number; bytes: number }> = {
    container: { count: 0, bytes: 0 },
    image: { count: 0, bytes: 0 },
    volume: { count: 0, bytes: 0 },
    network: { count: 0, bytes: 0 },
    buildCache: { count: 0, bytes: 0 },
  };
  for (const item of removed) {
    if (item.action !== 'delete') continue;
    byType[item.type].count++;
    byType[item.type].bytes += item.sizeBytes;
  }
  return byType;
}
