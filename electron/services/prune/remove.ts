import type Docker from 'dockerode';

import type { PruneItem, PruneProgress, PruneSkipped } from '@shared/dto/prune';
import { LotseError } from '@shared/errors';

import { containerOf, imageOf, networkOf, volumeOf } from '../docker/paths';

export interface RemoveOptions {
  /** `-a` of the request: the build cache prune then takes shared records too. */
  all: boolean;
  /** Image ids on the engine when the run started: a `Deleted` entry that is none of them is a layer. */
  imageIds: Set<string>;
  /** Layer chain id → the size of its diff, for the layers the engine reports deleted. */
  layerSizes: Map<string, number>;
  signal?: AbortSignal;
  progress?: (p: PruneProgress) => void;
}

export interface Removal {
  removed: PruneItem[];
  skipped: PruneSkipped[];
  layersDeleted: number;
}

interface ImageDeleteRecord {
  Untagged?: string;
  Deleted?: string;
}

/**
 * Removes exactly these objects, one by one, through the engine's remove endpoints: never force,
 * images with noprune (untagged parents go only as their own items). What the engine refuses
 * (started, in use, gone since) is skipped with its words; nothing else is touched.
 */
export async function removeItems(docker: Docker, items: PruneItem[], options: RemoveOptions): Promise<Removal> {
  const removal: Removal = { removed: [], skipped: [], layersDeleted: 0 };
  const untagged = new Set<string>();
  /** Image id → bytes of the layers that went with it. */
  const deletedImages = new Map<string, number>();
  const absorb = (records: ImageDeleteRecord[]): void => {
    let bytes = 0;
    const images: string[] = [];
    for (const record of records) {
      if (record.Untagged) untagged.add(record.Untagged);
      if (!record.Deleted) continue;
      if (options.imageIds.has(record.Deleted)) images.push(record.Deleted);
      else {
        removal.layersDeleted++;
        bytes += options.layerSizes.get(record.Deleted) ?? 0;
      }
    }
    // With noprune one call deletes at most one image: its layers are what it gave back.
    for (const [index, id] of images.entries()) deletedImages.set(id, index === 0 ? bytes : 0);
  };
  const skip = (item: PruneItem, reason: string, detail?: string): void => {
    removal.skipped.push({ item, reason, ...(detail ? { detail } : {}) });
  };

  const total = items.length;
  const cache = items.filter((i) => i.type === 'buildCache');
  let done = 0;
  for (const item of items) {
    if (item.type === 'buildCache') continue;
    cancelled(options.signal, done, total);
    options.progress?.({ step: item.type, done, total });
    try {
      const outcome = await removeOne(docker, item, { untagged, deletedImages, absorb });
      if (outcome !== true) skip(item, outcome);
      else if (item.type === 'image') removal.removed.push({ ...item, sizeBytes: item.action === 'delete' ? (deletedImages.get(item.id) ?? 0) : 0 });
      else removal.removed.push(item);
    } catch (error) {
      const refused = refusal(error, item);
      if (!refused) throw error;
      skip(item, refused.reason, refused.detail);
    }
    done++;
  }
  if (cache.length > 0) {
    cancelled(options.signal, done, total);
    options.progress?.({ step: 'buildCache', done, total });
    const gone = await pruneCacheRecords(docker, cache.map((i) => i.id), options.all, options.signal);
    for (const item of cache) {
      if (gone.has(item.id)) removal.removed.push(item);
      else skip(item, 'in-use');
    }
  }
  options.progress?.({ step: items.at(-1)?.type ?? 'container', done: total, total });
  return removal;
}

interface ImageBook {
  untagged: Set<string>;
  deletedImages: Map<string, number>;
  absorb: (records: ImageDeleteRecord[]) => void;
}

/** true when it went; otherwise the reason it stayed. Engine refusals throw. */
async function removeOne(docker: Docker, item: PruneItem, images: ImageBook): Promise<true | string> {
  switch (item.type) {
    case 'container':
      await containerOf(docker, item.id).remove();
      return true;
    case 'network':
      await networkOf(docker, item.id).remove();
      return true;
    case 'volume':
      await volumeOf(docker, item.id).remove();
      return true;
    case 'image': {
      if (item.action === 'untag') {
        if (images.untagged.has(item.name)) return true;
        // A tag is a name: check it still names the previewed image before taking it away.
        const target = (await imageOf(docker, item.name).inspect()) as { Id?: string };
        if (target.Id !== item.id) return 'changed';
        images.absorb((await imageOf(docker, item.name).remove({ noprune: true })) as ImageDeleteRecord[]);
        return true;
      }
      if (!images.deletedImages.has(item.id)) {
        // Deleting by id would also take a single new tag: an image tagged since the preview stays.
        const current = (await imageOf(docker, item.id).inspect()) as { RepoTags?: string[] | null; RepoDigests?: string[] | null };
        if ((current.RepoTags ?? []).some((t) => !t.startsWith('<none>')) || (current.RepoDigests ?? []).some((d) => !d.startsWith('<none>'))) return 'tagged';
        images.absorb((await imageOf(docker, item.id).remove({ noprune: true })) as ImageDeleteRecord[]);
      }
      return true;
    }
    case 'buildCache':
      return 'changed';
  }
}

/** The engine's refusal as a skip reason; undefined for errors that are not about this object (engine gone). */
function refusal(error: unknown, item: PruneItem): { reason: string; detail: string } | undefined {
  const e = error as { statusCode?: number; json?: { message?: string } | null; message?: string };
  if (typeof e.statusCode !== 'number') return undefined;
  const detail = (e.json?.message ?? e.message ?? '').trim();
  if (e.statusCode === 404) return { reason: 'gone', detail };
  if (e.statusCode === 409 || e.statusCode === 403) {
    const running = item.type === 'container' && /running|paused|restarting/i.test(detail);
    return { reason: running ? 'running' : 'in-use', detail };
  }
  return { reason: 'failed', detail };
}

function cancelled(signal: AbortSignal | undefined, done: number, total: number): void {
  if (signal?.aborted) {
    throw new LotseError('CANCELLED', `The prune was cancelled after ${done} of ${total} objects; those are removed, the others stay.`);
  }
}

/**
 * Build cache records have no remove endpoint: the builder prune with an `id` filter removes the one
 * record and nothing else (the engine matches the id as a pattern; ids are random and all the same
 * length, so a whole id matches only itself). A record whose child is still there stays until the
 * child goes, so the rounds repeat while they remove something.
 */
async function pruneCacheRecords(docker: Docker, ids: string[], all: boolean, signal?: AbortSignal): Promise<Set<string>> {
  const gone = new Set<string>();
  let pending = ids.filter((id) => /^[a-zA-Z0-9]+$/.test(id));
  for (;;) {
    const before = gone.size;
    for (const id of pending) {
      if (signal?.aborted) throw new LotseError('CANCELLED', 'The prune was cancelled in the build cache; what went before stays removed.');
      const report = await buildPrune(docker, all, { id: [id] }, signal);
      for (const deleted of report.CachesDeleted ?? []) gone.add(deleted);
    }
    pending = pending.filter((id) => !gone.has(id));
    if (gone.size === before || pending.length === 0) return gone;
  }
}

function buildPrune(
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
