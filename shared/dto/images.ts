import { z } from 'zod';

/** One row of the image list: an image ID with all its repo:tags (none when dangling). */
export const ImageSummary = z.object({
  id: z.string(),
  /** repo:tag names; empty for a dangling image (`<none>:<none>`). */
  tags: z.array(z.string()),
  digests: z.array(z.string()),
  /** Epoch milliseconds. */
  created: z.number(),
  sizeBytes: z.number(),
  /** Bytes in layers other images use too; -1 when the engine did not compute it. */
  sharedBytes: z.number(),
  /** Containers (any state) created from this image. */
  containers: z.number(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

/** The kinds of Dockerfile instruction a history row can stand for. */
export const InstructionKind = z.enum([
  'FROM', 'RUN', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER',
  'WORKDIR', 'VOLUME', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER', 'UNKNOWN',
]);
export type InstructionKind = z.infer<typeof InstructionKind>;

export const HistoryRow = z.object({
  /** Position in build order (0 = the base's first step). */
  index: z.number(),
  /** The intermediate image ID, or `<missing>` when it is not on this engine. */
  imageId: z.string(),
  /** Exactly what the engine reports (`docker image history --no-trunc`). */
  createdBy: z.string(),
  kind: InstructionKind,
  /** The instruction as it reads in a Dockerfile: `CMD ["sh"]`. */
  instruction: z.string(),
  /** True for rows written by BuildKit (`# buildkit` comment or `RUN |n ARG=… /bin/sh -c`). */
  buildkit: z.boolean(),
  created: z.number(),
  sizeBytes: z.number(),
  comment: z.string(),
  tags: z.array(z.string()),
  /** True when the row made a filesystem layer; false when it only changed metadata. */
  filesystem: z.boolean(),
  /** The layer's diff ID (RootFS.Layers) for filesystem rows. */
  diffId: z.string().optional(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const ImageHistory = z.object({
  imageId: z.string(),
  /** In build order: the base at index 0. */
  rows: z.array(HistoryRow),
  diffIds: z.array(z.string()),
  /** The Dockerfile as far as the history can tell. */
  dockerfile: z.string(),
});
export type ImageHistory = z.infer<typeof ImageHistory>;

export const FileKind = z.enum(['file', 'dir', 'symlink', 'hardlink', 'other']);
export type FileKind = z.infer<typeof FileKind>;

/** What a layer did to one path. */
export const FileChange = z.object({
  path: z.string(),
  kind: FileKind,
  change: z.enum(['added', 'modified', 'deleted']),
  /** Bytes of the file; for a deletion the bytes it hid (a directory's whole content). */
  sizeBytes: z.number(),
  /** A deletion by an opaque whiteout (`.wh..wh..opq`): the directory's lower content is hidden. */
  opaque: z.boolean().optional(),
  linkTarget: z.string().optional(),
  mode: z.number().optional(),
});
export type FileChange = z.infer<typeof FileChange>;

export const LayerReport = z.object({
  index: z.number(),
  /** sha256 of the uncompressed tar: the layer's diff ID. */
  diffId: z.string(),
  /** Bytes of the uncompressed layer tar. */
  tarBytes: z.number(),
  /** Bytes of the files it adds or modifies. */
  sizeBytes: z.number(),
  compression: z.enum(['none', 'gzip', 'zstd']),
  /** Index into the config's history (build order) of the step that made it. */
  historyIndex: z.number().optional(),
  createdBy: z.string().optional(),
  changes: z.array(FileChange),
});
export type LayerReport = z.infer<typeof LayerReport>;

export const WastedFile = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  /** The layer that shipped this copy. */
  addedIn: z.number(),
  /** The layer that overwrote or deleted it. */
  hiddenIn: z.number(),
  how: z.enum(['overwritten', 'deleted', 'deleted-with-directory', 'opaque-directory']),
});
export type WastedFile = z.infer<typeof WastedFile>;

export const SecretFinding = z.object({
  kind: z.enum(['private-key', 'env-file', 'credentials', 'env-var']),
  /** The file's path, or the variable's name for env-var. */
  path: z.string(),
  /** The layer the file is in; absent for ENV values (they live in the config). */
  layer: z.number().optional(),
  /** The layer that deleted it again (it still ships). */
  deletedIn: z.number().optional(),
  /** For env-var: the first characters, the rest masked. */
  preview: z.string().optional(),
  reason: z.string(),
});
export type SecretFinding = z.infer<typeof SecretFinding>;

export const ImageHint = z.object({
  kind: z.enum(['cache-order', 'many-run-layers', 'multi-stage', 'deleted-later']),
  /** History indexes (build order) the hint is about. */
  steps: z.array(z.number()),
  bytes: z.number().optional(),
  count: z.number().optional(),
});
export type ImageHint = z.infer<typeof ImageHint>;

export const LayerAnalysis = z.object({
  imageId: z.string(),
  layout: z.enum(['classic', 'oci']),
  layers: z.array(LayerReport),
  /** Sum of the uncompressed layer tars. */
  totalTarBytes: z.number(),
  /** Bytes of the files in the final filesystem. */
  finalBytes: z.number(),
  /** Bytes of all file copies in all layers. */
  shippedBytes: z.number(),
  wasted: z.object({ bytes: z.number(), files: z.array(WastedFile) }),
  /** dive's numbers for comparison: efficiency = Σ smallest size / Σ all sizes per path. */
  dive: z.object({ efficiency: z.number(), wastedBytes: z.number(), paths: z.number() }),
  secrets: z.array(SecretFinding),
  hints: z.array(ImageHint),
  /** The Env of the image config (names and values) — values of secret-looking names masked. */
  env: z.array(z.string()),
});
export type LayerAnalysis = z.infer<typeof LayerAnalysis>;

export const AnalysisProgress = z.object({
  phase: z.enum(['export', 'analyse']),
  bytes: z.number(),
  /** Expected bytes when known (the image's size). */
  totalBytes: z.number().optional(),
  layers: z.number(),
});
export type AnalysisProgress = z.infer<typeof AnalysisProgress>;

export const FamilyNode = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  layers: z.number(),
  sizeBytes: z.number(),
  /** The image whose layers are a prefix of this image's layers (the closest one). */
  parentId: z.string().optional(),
  /** Bytes of the layers shared with the parent. */
  sharedBytes: z.number(),
  /** Bytes of the layers this image adds on top of its parent. */
  ownBytes: z.number(),
});
export type FamilyNode = z.infer<typeof FamilyNode>;

export const ImageFamily = z.object({
  /** The image asked about. */
  imageId: z.string(),
  nodes: z.array(FamilyNode),
});
export type ImageFamily = z.infer<typeof ImageFamily>;

export const InspectSections = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  digests: z.array(z.string()),
  created: z.number(),
  architecture: z.string(),
  os: z.string(),
  sizeBytes: z.number(),
  env: z.array(z.string()),
  cmd: z.array(z.string()),
  entrypoint: z.array(z.string()),
  exposedPorts: z.array(z.string()),
  volumes: z.array(z.string()),
  user: z.string(),
  workingDir: z.string(),
  labels: z.record(z.string(), z.string()),
  layers: z.array(z.string()),
  /** The engine's inspect answer as JSON text, unchanged. */
  raw: z.string(),
});
export type InspectSections = z.infer<typeof InspectSections>;

export const RemoveResult = z.object({
  /** What the engine reports: `Untagged: …` and `Deleted: …`. */
  untagged: z.array(z.string()),
  deleted: z.array(z.string()),
});
export type RemoveResult = z.infer<typeof RemoveResult>;

export const PullProgress = z.object({
  /** Layer ID (short), or empty for image-wide status lines. */
  id: z.string(),
  status: z.string(),
  phase: z.enum(['waiting', 'downloading', 'extracting', 'exists', 'done', 'pushing', 'info']),
  current: z.number().optional(),
  total: z.number().optional(),
});
export type PullProgress = z.infer<typeof PullProgress>;
