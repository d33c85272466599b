import { randomUUID } from 'node:crypto';

import { pruneCommands, resolveUntil } from '@shared/cli/prune';
import type { DiskDetails, PruneItem, PruneObjectType, PruneProgress, PrunePreview, PruneRequest, PruneResult } from '@shared/dto/prune';
import { LotseError } from '@shared/errors';

import type { EngineService } from '../docker/engine';
import { confirmPreview } from './confirm';
import { diskDetailsOf } from './disk';
import { engineApiVersion, FactReader } from './facts';
import { removeItems } from './remove';
import { type LabelFilters, planPrune, totalsOf } from './rules';

const MAX_KEPT = 500;
/** How long a preview can be run, and how many are kept at once. */
const PREVIEW_TTL_MS = 15 * 60_000;
const PREVIEWS_KEPT = 16;

/**
 * Prune with an exact preview: the preview simulates the engine's own rules (daemon/prune.go,
 * daemon/images/image_prune.go, volume service Prune) on the engine's current state. The run takes
 * that preview by its id and removes exactly its items, one by one through the engine's remove
 * endpoints: the engine's prune endpoints would evaluate the filters anew and take objects the
 * learner never saw. The preview stays here and the client only names it, so a client cannot hand
 * in objects of its own choosing (the run would become a remove-anything call), and a preview of
 * thousands of objects does not travel back. The engine's state is read in facts.ts, judged by the
 * rules in rules.ts, and /system/df's biggest items are picked in disk.ts.
 */
export class PruneService {
  private readonly facts: FactReader;
  /** Previews that can still be run, by id (insertion order: oldest first). */
  private readonly previews = new Map<string, PrunePreview>();

  constructor(private readonly engine: EngineService) {
    this.facts = new FactReader(engine);
  }

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
    const apiVersion = engineApiVersion(this.engine);
    const started = performance.now();
    const { facts, dfMs } = await this.facts.gather(request, signal);
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
    const { facts } = await this.facts.gather(request, options.signal);
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
    return diskDetailsOf(await this.facts.df(signal), limit);
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
}

function labelFilters(request: PruneRequest): LabelFilters {
  const until = request.filters.until === undefined ? undefined : Number(request.filters.until);
  return { labels: request.filters.labels ?? [], notLabels: request.filters.notLabels ?? [], until };
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
