import type { DiskUsage, DiskUsageEntry, ResourceCounts } from '@shared/dto/engine';

import { readDf } from './df';
import type { EngineService } from './engine';

interface DfImage {
  Size?: number;
  SharedSize?: number;
  Containers?: number;
}
interface DfContainer {
  SizeRw?: number;
  State?: string;
}
interface DfVolume {
  UsageData?: { Size?: number; RefCount?: number } | null;
}
interface DfBuildCache {
  Size?: number;
  InUse?: boolean;
  Shared?: boolean;
}
interface DfResponse {
  LayersSize?: number;
  Images?: DfImage[] | null;
  Containers?: DfContainer[] | null;
  Volumes?: DfVolume[] | null;
  BuildCache?: DfBuildCache[] | null;
}

/** Engine-wide facts: counts for the dashboard and `docker system df`. */
export class SystemService {
  /** The last read of the counts and the engine's change mark taken before it began. */
  private lastCounts: { mark: number; counts: Promise<ResourceCounts> } | undefined;

  constructor(private readonly engine: EngineService) {}

  /**
   * The counts as of the last event the engine sent: the last read is shared while no event has
   * arrived since it began (a window loaded again, a second window), and read anew after any event.
   */
  counts(): Promise<ResourceCounts> {
    const mark = this.engine.changeMark();
    if (mark !== undefined && this.lastCounts?.mark === mark) return this.lastCounts.counts;
    const counts = this.readCounts();
    const entry = mark === undefined ? undefined : { mark, counts };
    this.lastCounts = entry;
    counts.catch(() => {
      if (this.lastCounts === entry) this.lastCounts = undefined;
    });
    return counts;
  }

  private async readCounts(): Promise<ResourceCounts> {
    const docker = this.engine.docker();
    const [images, containers, networks, volumes] = await Promise.all([
      docker.listImages(),
      docker.listContainers({ all: true }),
      docker.listNetworks(),
      docker.listVolumes(),
    ]);
    const running = containers.filter((c) => c.State === 'running').length;
    const paused = containers.filter((c) => c.State === 'paused').length;
    return {
      images: images.length,
      containers: { total: containers.length, running, paused, stopped: containers.length - running - paused },
      networks: networks.length,
      volumes: (volumes.Volumes ?? []).length,
    };
  }

  /** Shares a running /system/df with other callers: the engine refuses a second one meanwhile. */
  async diskUsage(): Promise<DiskUsage> {
    return summarizeDiskUsage(await readDf<DfResponse>(this.engine.docker()));
  }
}

/** The same totals `docker system df` prints (docker/cli formatter/disk_usage.go). */
export function summarizeDiskUsage(df: DfResponse): DiskUsage {
  const images = df.Images ?? [];
  const imagesSize = df.LayersSize ?? 0;
  // The CLI counts the unique size of images in use as used; everything else could be reclaimed.
  const imagesUsed = images
    .filter((i) => (i.Containers ?? 0) > 0 && (i.Size ?? -1) >= 0 && (i.SharedSize ?? -1) >= 0)
    .reduce((sum, i) => sum + (i.Size ?? 0) - (i.SharedSize ?? 0), 0);

  const containers = df.Containers ?? [];
  const containersSize = containers.reduce((sum, c) => sum + Math.max(0, c.SizeRw ?? 0), 0);
  const containersReclaimable = containers
    .filter((c) => c.State !== 'running' && c.State !== 'paused' && c.State !== 'restarting')
    .reduce((sum, c) => sum + Math.max(0, c.SizeRw ?? 0), 0);

  const volumes = df.Volumes ?? [];
  const volumeSize = (v: DfVolume): number => Math.max(0, v.UsageData?.Size ?? 0);
  const volumesSize = volumes.reduce((sum, v) => sum + volumeSize(v), 0);
  const volumesReclaimable = volumes
    .filter((v) => (v.UsageData?.RefCount ?? 0) === 0)
    .reduce((sum, v) => sum + volumeSize(v), 0);

  const cache = df.BuildCache ?? [];
  const cacheSize = cache.filter((b) => !b.Shared).reduce((sum, b) => sum + (b.Size ?? 0), 0);
  const cacheReclaimable = cache.filter((b) => !b.InUse && !b.Shared).reduce((sum, b) => sum + (b.Size ?? 0), 0);

  const entry = (count: number, active: number, sizeBytes: number, reclaimableBytes: number): DiskUsageEntry => ({
    count,
    active,
    sizeBytes,
    reclaimableBytes: Math.max(0, Math.min(sizeBytes, reclaimableBytes)),
  });
  return {
    images: entry(images.length, images.filter((i) => (i.Containers ?? 0) > 0).length, imagesSize, imagesSize - imagesUsed),
    containers: entry(
      containers.length,
      containers.filter((c) => c.State === 'running').length,
      containersSize,
      containersReclaimable,
    ),
    volumes: entry(
      volumes.length,
      volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      volumesSize,
      volumesReclaimable,
    ),
    buildCache: entry(cache.length, cache.filter((b) => b.InUse).length, cacheSize, cacheReclaimable),
  };
}
