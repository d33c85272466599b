import { z } from 'zod';

import { DiskUsage } from './engine';

/** What a prune removes: one kind, or all of them (`docker system prune`). */
export const PruneKind = z.enum(['containers', 'images', 'volumes', 'networks', 'buildCache', 'system']);
export type PruneKind = z.infer<typeof PruneKind>;

/** A label filter: `key` or `key=value`. */
const LabelFilter = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^=\s][^=]*(=.*)?$/, 'A label filter is key or key=value.');

export const PruneFilters = z
  .object({
    /** `until`: a Go duration (24h, 90m), an RFC 3339 date, or Unix seconds. Only older objects go. */
    until: z.string().trim().min(1).max(64).optional(),
    /** `label=…`: every one must match. */
    labels: z.array(LabelFilter).max(16).optional(),
    /** `label!=…`: the object stays when it matches all of them. */
    notLabels: z.array(LabelFilter).max(16).optional(),
  })
  .strict();
export type PruneFilters = z.infer<typeof PruneFilters>;

export const PruneRequest = z
  .object({
    kind: PruneKind,
    /** `-a`: images: all unused, not only dangling; volumes (API ≥ 1.42): named ones too; build cache: all. */
    all: z.boolean().default(false),
    /** `system prune --volumes`. */
    volumes: z.boolean().default(false),
    filters: PruneFilters.default({}),
  })
  .strict();
export type PruneRequest = z.infer<typeof PruneRequest>;
export type PruneRequestInput = z.input<typeof PruneRequest>;

export const PruneObjectType = z.enum(['container', 'image', 'volume', 'network', 'buildCache']);
export type PruneObjectType = z.infer<typeof PruneObjectType>;

/** One object the prune takes away: delete it, or (images) only remove a tag from it. */
export const PruneItem = z.object({
  type: PruneObjectType,
  action: z.enum(['delete', 'untag']),
  /** Full id (sha256:… for images, the network id), the name for volumes (a volume's name is its id). */
  id: z.string(),
  /** What a learner recognises: container name, image tag, volume or network name. */
  name: z.string(),
  /** Bytes this object gives back on its own (0 for an untag). */
  sizeBytes: z.number(),
  /** Why it goes: 'stopped', 'dangling', 'unused', 'parent-of-removed', 'no-endpoints', 'unreferenced', 'anonymous'. */
  reason: z.string(),
  labels: z.record(z.string(), z.string()).optional(),
  /** Epoch milliseconds. */
  created: z.number().optional(),
});
export type PruneItem = z.infer<typeof PruneItem>;

/** An object the prune looked at and leaves alone, with the engine's reason. */
export const PruneKept = z.object({
  type: PruneObjectType,
  id: z.string(),
  name: z.string(),
  /** 'running', 'used-by-container', 'tagged', 'has-children', 'too-new', 'label-mismatch', 'predefined', 'has-endpoints', 'not-local', 'named-volume', 'in-use', 'shared' */
  reason: z.string(),
  /** The container (name) that holds it, when that is the reason. */
  heldBy: z.string().optional(),
});
export type PruneKept = z.infer<typeof PruneKept>;

export const PruneKindTotal = z.object({ count: z.number(), untagged: z.number(), bytes: z.number() });
export type PruneKindTotal = z.infer<typeof PruneKindTotal>;

export const PrunePreview = z.object({
  /** Names this preview for prune.run, which removes exactly its items; kept until validUntil, for one run. */
  id: z.string(),
  /** Epoch milliseconds: after this the preview can no longer be run (preview again). */
  validUntil: z.number(),
  /** The request as this preview evaluated it (`until` fixed to Unix seconds). */
  request: PruneRequest,
  apiVersion: z.string(),
  items: z.array(PruneItem),
  /** Objects kept, with reasons (the first 500). */
  kept: z.array(PruneKept),
  keptTotal: z.number(),
  totals: z.record(PruneObjectType, PruneKindTotal),
  reclaimableBytes: z.number(),
  /** Image layers that go with the images (chain ids), counted in reclaimableBytes. */
  layers: z.number(),
  /** Facts the UI explains: 'volumes-all-unused' (API < 1.42), 'volumes-anonymous-only', 'buildcache-empty', 'image-untag-inuse'. */
  notes: z.array(z.string()),
  /** The docker CLI commands that do the same. */
  commands: z.array(z.string()),
  timings: z.object({ engineMs: z.number(), dfMs: z.number(), computeMs: z.number() }),
});
export type PrunePreview = z.infer<typeof PrunePreview>;

/** prune.run takes the preview the learner confirmed, never filters: the engine's state may have moved on since. */
export const PruneRunRequest = z.object({ previewId: z.uuid() }).strict();
export type PruneRunRequest = z.infer<typeof PruneRunRequest>;

/** A previewed object the run left alone because it changed since the preview. */
export const PruneSkipped = z.object({
  item: PruneItem,
  /**
   * 'running', 'used-by-container', 'has-endpoints', 'has-children', 'tagged' (the rules' kept reasons, as the
   * engine's state is now), 'in-use' (the engine refused), 'gone', 'replaced' (a new object with the same name),
   * 'changed' (a tag now names another image, or other changes), 'failed'.
   */
  reason: z.string(),
  /** The container (name) that holds it, when that is the reason. */
  heldBy: z.string().optional(),
  /** The engine's own words when it refused. */
  detail: z.string().optional(),
});
export type PruneSkipped = z.infer<typeof PruneSkipped>;

export const PruneResult = z.object({
  previewId: z.string(),
  request: PruneRequest,
  /** What went, one by one through the engine's remove endpoints; sizeBytes is what each gave back. */
  removed: z.array(PruneItem),
  /** Previewed objects that stayed, with the reason. */
  skipped: z.array(PruneSkipped),
  /** Objects the filters match now that were not in the preview: not touched. */
  untouched: z.array(PruneItem),
  /** Image layers the engine deleted with the images. */
  layersDeleted: z.number(),
  /**
   * Space given back: containers' writable layers and volumes as /system/df measured them when the run
   * started, the diff sizes of the image layers the engine reported deleted, the build cache records' sizes.
   */
  spaceReclaimedBytes: z.number(),
  byType: z.record(PruneObjectType, z.object({ count: z.number(), bytes: z.number() })),
  /** The docker CLI commands for the same filters (the CLI evaluates them anew when it runs). */
  commands: z.array(z.string()),
  durationMs: z.number(),
});
export type PruneResult = z.infer<typeof PruneResult>;

/** The run's progress: objects handled of those it removes, and the kind it is at. */
export const PruneProgress = z.object({ step: PruneObjectType, done: z.number(), total: z.number() });
export type PruneProgress = z.infer<typeof PruneProgress>;

/** One of the biggest objects for the disk usage view. */
export const DiskItem = z.object({
  type: PruneObjectType,
  id: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  /** Not used by any container (or, for containers, not running). */
  reclaimable: z.boolean(),
});
export type DiskItem = z.infer<typeof DiskItem>;

export const DiskDetails = z.object({
  /** The same totals as system.df, from the same /system/df answer. */
  usage: DiskUsage,
  images: z.array(DiskItem),
  containers: z.array(DiskItem),
  volumes: z.array(DiskItem),
  buildCache: z.array(DiskItem),
});
export type DiskDetails = z.infer<typeof DiskDetails>;
