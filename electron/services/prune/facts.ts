import { createHash } from 'node:crypto';

import type Docker from 'dockerode';

import type { PruneObjectType, PruneRequest } from '@shared/dto/prune';
import { LotseError } from '@shared/errors';
import { containerDisplayName } from '@shared/rules/containers';

import type { EngineService } from '../docker/engine';
import { readDf } from '../docker/df';
import { eachLimited } from '../docker/limit';
import { imageOf } from '../docker/paths';
import type { BuildCacheFact, ContainerFact, EngineFacts, ImageFact, NetworkFact, VolumeFact } from './rules';

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

const LAYER_CACHE_MAX = 20_000;

type Step = PruneObjectType;

/** The API version the engine speaks (the oldest Lotse supports while it is not known). */
export function engineApiVersion(engine: EngineService): string {
  return engine.state.info?.apiVersion ?? '1.41';
}

/** Reads the engine's state as the prune rules need it (rules.ts): plain facts, gathered in parallel. */
export class FactReader {
  /** Image id → its layers (chain id, diff size); image ids are content addresses, so this never goes stale. */
  private readonly layerCache = new Map<string, { chainId: string; size: number }[]>();

  constructor(private readonly engine: EngineService) {}

  df(signal?: AbortSignal): Promise<RawDf> {
    if (signal?.aborted) return Promise.reject(new LotseError('CANCELLED', 'Cancelled.'));
    return readDf<RawDf>(this.engine.docker());
  }

  /** Reads what the rules need; /system/df only when sizes or volume and cache records matter. */
  async gather(request: PruneRequest, signal?: AbortSignal): Promise<{ facts: EngineFacts; dfMs: number }> {
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
    return { facts: { apiVersion: engineApiVersion(this.engine), images, containers, volumes, networks, buildCache }, dfMs };
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
function stepRuns(request: PruneRequest, step: Step): boolean {
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

export function refsOf(image: RawImage): string[] {
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
