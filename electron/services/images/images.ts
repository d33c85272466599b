import type Docker from 'dockerode';

import type {
  AnalysisProgress,
  ImageFamily,
  ImageHistory,
  ImageSummary,
  InspectSections,
  LayerAnalysis,
  RemoveResult,
} from '@shared/dto/images';
import { LotseError } from '@shared/errors';
import { containerDisplayName } from '@shared/rules/containers';
import { splitReference } from '@shared/rules/names';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { eachLimited } from '../docker/limit';
import { imageOf } from '../docker/paths';
import { familyOf, type FamilyInput } from './family';
import { buildHistoryRows, type EngineHistoryEntry, reconstructDockerfile } from './history';
import { type AnalysisMode, builtWorkerPath, runAnalysis } from './layers/run';

export interface ImagesServiceOptions {
  /** 'worker' in the app (off the main thread); 'inline' where no built worker exists (tests from sources). */
  analysis?: AnalysisMode;
  /** Analyses kept, by image ID (an image ID names immutable content). */
  cacheSize?: number;
}

interface InspectInfo {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Architecture?: string;
  Os?: string;
  Size?: number;
  Config?: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    User?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
  } | null;
  RootFS?: { Layers?: string[] | null };
}

export interface AnalyzeContext {
  signal?: AbortSignal;
  progress?: (value: AnalysisProgress) => void;
}

/** What never changes about an image: an image ID names immutable content. */
interface KnownImage {
  id: string;
  layers: string[];
  sizeBytes: number;
}

const tagsOf = (tags: string[] | null | undefined): string[] => (tags ?? []).filter((t) => t !== '<none>:<none>');

/** Images: the list, inspect, history, the layer explorer's analysis, the family tree, tag and remove. */
export class ImagesService {
  private readonly analyses = new Map<string, LayerAnalysis>();
  private readonly known = new Map<string, KnownImage>();
  private readonly mode: AnalysisMode;
  private readonly workerPath: string | undefined;

  constructor(
    private readonly engine: EngineService,
    private readonly options: ImagesServiceOptions = {},
  ) {
    this.workerPath = builtWorkerPath();
    this.mode = options.analysis ?? (this.workerPath ? 'worker' : 'inline');
  }

  private docker(): Docker {
    return this.engine.docker();
  }

  async list(): Promise<ImageSummary[]> {
    const docker = this.docker();
    const [images, containers] = await Promise.all([
      docker.listImages({ all: false, 'shared-size': true } as Docker.ListImagesOptions),
      docker.listContainers({ all: true }),
    ]);
    const using = new Map<string, number>();
    for (const c of containers) using.set(c.ImageID, (using.get(c.ImageID) ?? 0) + 1);
    return images.map((image) => ({
      id: image.Id,
      tags: tagsOf(image.RepoTags),
      digests: (image.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
      created: image.Created * 1000,
      sizeBytes: image.Size,
      sharedBytes: image.SharedSize,
      containers: using.get(image.Id) ?? 0,
      labels: image.Labels ?? {},
    }));
  }

  /**
   * Shared bytes per image ID from /system/df, for engines before API 1.42 whose image list says -1.
   * Separate from the list because df also sizes every container and can take seconds.
   */
  async sharedSizes(signal?: AbortSignal): Promise<Record<string, number>> {
    const docker = this.docker();
    const df = (await (docker.df as (options: { abortSignal?: AbortSignal }) => Promise<unknown>).call(docker, signal ? { abortSignal: signal } : {})) as {
      Images?: { Id: string; SharedSize: number }[] | null;
    };
    return Object.fromEntries((df.Images ?? []).map((i) => [i.Id, i.SharedSize]));
  }

  private async inspectRaw(ref: string): Promise<InspectInfo> {
    try {
      const info = (await imageOf(this.docker(), ref).inspect()) as unknown as InspectInfo;
      this.remember(info);
      return info;
    } catch (error) {
      throw notFound(error, ref);
    }
  }

  /**
   * The image a reference names. A tag is inspected (it may point elsewhere tomorrow); an image ID
   * seen before needs no request. The explorer resolves once and passes the ID on.
   */
  private async resolve(ref: string): Promise<KnownImage> {
    return this.known.get(ref) ?? this.remember((await imageOf(this.docker(), ref).inspect()) as unknown as InspectInfo);
  }

  private remember(info: InspectInfo): KnownImage {
    const image = { id: info.Id, layers: info.RootFS?.Layers ?? [], sizeBytes: info.Size ?? 0 };
    this.known.set(image.id, image);
    return image;
  }

  async inspect(ref: string): Promise<InspectSections> {
    const info = await this.inspectRaw(ref);
    const config = info.Config ?? {};
    return {
      id: info.Id,
      tags: tagsOf(info.RepoTags),
      digests: info.RepoDigests ?? [],
      created: Date.parse(info.Created ?? '') || 0,
      architecture: info.Architecture ?? '',
      os: info.Os ?? '',
      sizeBytes: info.Size ?? 0,
      env: config.Env ?? [],
      cmd: config.Cmd ?? [],
      entrypoint: config.Entrypoint ?? [],
      exposedPorts: Object.keys(config.ExposedPorts ?? {}),
      volumes: Object.keys(config.Volumes ?? {}),
      user: config.User ?? '',
      workingDir: config.WorkingDir ?? '',
      labels: config.Labels ?? {},
      layers: info.RootFS?.Layers ?? [],
      raw: JSON.stringify(info, null, 2),
    };
  }

  async history(ref: string): Promise<ImageHistory> {
    let entries: EngineHistoryEntry[];
    let image: KnownImage;
    try {
      [entries, image] = await Promise.all([imageOf(this.docker(), ref).history() as Promise<EngineHistoryEntry[]>, this.resolve(ref)]);
    } catch (error) {
      throw notFound(error, ref);
    }
    const diffIds = image.layers;
    let rows = buildHistoryRows(entries, diffIds);
    if (rows.filter((r) => r.filesystem).length !== diffIds.length || needsIntermediates(entries, diffIds.length)) {
      // Zero-byte steps are ambiguous: the intermediate images (classic builder) know their layer count.
      const counts = new Map<string, number>();
      await Promise.all(
        entries
          .filter((e) => e.Id !== '<missing>')
          .map(async (e) => {
            const layers = await this.layersOf(e.Id).catch(() => undefined);
            if (layers) counts.set(e.Id, layers.length);
          }),
      );
      rows = buildHistoryRows(entries, diffIds, counts);
    }
    return { imageId: image.id, rows, diffIds, dockerfile: reconstructDockerfile(rows) };
  }

  private async layersOf(id: string): Promise<string[]> {
    return (await this.resolve(id)).layers;
  }

  /** The layer explorer: reads the export as a stream (off the main thread) and caches by image ID. */
  async analyze(ref: string, ctx: AnalyzeContext = {}): Promise<LayerAnalysis> {
    const image = await this.resolve(ref).catch((error: unknown) => {
      throw notFound(error, ref);
    });
    const cached = this.analyses.get(image.id);
    if (cached) {
      this.analyses.delete(image.id);
      this.analyses.set(image.id, cached);
      return cached;
    }
    const totalBytes = image.sizeBytes;
    ctx.progress?.({ phase: 'export', bytes: 0, totalBytes, layers: 0 });
    const analysis = await runAnalysis({ engine: this.engine.connection(), imageId: image.id }, {
      mode: this.mode,
      workerPath: this.workerPath,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (p) => ctx.progress?.({ phase: 'analyse', bytes: p.bytes, totalBytes, layers: p.layers }),
    });
    this.analyses.set(image.id, analysis);
    while (this.analyses.size > (this.options.cacheSize ?? 16)) {
      const oldest = this.analyses.keys().next().value;
      if (oldest === undefined) break;
      this.analyses.delete(oldest);
    }
    return analysis;
  }

  /** The images on this engine that share base layers with `ref`, as a tree. */
  async family(ref: string): Promise<ImageFamily> {
    const { id } = await this.resolve(ref).catch((error: unknown) => {
      throw notFound(error, ref);
    });
    const images = await this.docker().listImages({ all: false });
    const inputs: FamilyInput[] = [];
    await eachLimited(images, 8, async (image) => {
      const layers = await this.layersOf(image.Id).catch(() => undefined);
      if (layers) inputs.push({ id: image.Id, tags: tagsOf(image.RepoTags), created: image.Created, sizeBytes: image.Size, diffIds: layers });
    });
    return { imageId: id, nodes: familyOf(id, inputs) };
  }

  async tag(source: string, target: string): Promise<void> {
    const { name, tag = 'latest', digest } = splitReference(target);
    // Older engines drop a digest silently and tag anyway.
    if (digest !== undefined) throw new LotseError('INVALID_PARAMS', `"${target}" has a digest: a tag is a name, a digest names content.`, 'Leave out the @… part.');
    try {
      await imageOf(this.docker(), source).tag({ repo: name, tag });
    } catch (error) {
      throw notFound(error, source);
    }
  }

  /** The containers that use an image: why `docker rmi` refuses, and what `--force` would orphan. */
  async usage(ref: string): Promise<{ id: string; name: string; state: string }[]> {
    const info = await this.inspectRaw(ref);
    const containers = await this.docker().listContainers({ all: true });
    return containers
      .filter((c) => c.ImageID === info.Id)
      .map((c) => ({ id: c.Id, name: containerDisplayName(c), state: c.State }));
  }

  async remove(ref: string, force: boolean): Promise<RemoveResult> {
    try {
      const answer = (await imageOf(this.docker(), ref).remove({ force })) as { Untagged?: string; Deleted?: string }[];
      return {
        untagged: answer.flatMap((a) => (a.Untagged ? [a.Untagged] : [])),
        deleted: answer.flatMap((a) => (a.Deleted ? [a.Deleted] : [])),
      };
    } catch (error) {
      const lotse = notFound(error, ref);
      if (lotse.code !== 'CONFLICT') throw lotse;
      if (/running container/.test(lotse.message)) {
        throw new LotseError('CONFLICT', lotse.message, 'A running container uses this image. Stop and remove the container first; even --force cannot remove the image of a running container.');
      }
      if (/multiple repositories/.test(lotse.message)) {
        throw new LotseError('CONFLICT', lotse.message, 'This image has several tags. Remove one tag by its name (repo:tag), or force removal to untag all of them.');
      }
      throw new LotseError('CONFLICT', lotse.message, 'A stopped container still uses this image. Remove the container first, or force: the image loses its name and stays on disk until the container is gone.');
    }
  }
}

function needsIntermediates(entries: EngineHistoryEntry[], layerCount: number): boolean {
  const withBytes = entries.filter((e) => e.Size > 0).length;
  return withBytes !== layerCount && entries.some((e) => e.Id !== '<missing>');
}

function notFound(error: unknown, ref: string): LotseError {
  const lotse = toLotseError(error);
  if (lotse.code === 'NOT_FOUND') {
    return new LotseError('NOT_FOUND', `There is no image "${ref}" on this engine.`, 'Check the name and tag (`docker image ls`), or pull the image first.', {
      reason: 'noSuchImage',
      detail: lotse.message,
    });
  }
  return lotse;
}
