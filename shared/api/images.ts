import { z } from 'zod';

import {
  AnalysisProgress,
  ImageFamily,
  ImageHistory,
  ImageSummary,
  InspectSections,
  LayerAnalysis,
  PullProgress,
  RemoveResult,
} from '../dto/images';
import { ImageRef, ImageReference } from '../rules/names';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

/** A registry as `docker login` takes it: a host name (labels of letters, digits and inner hyphens) or [IPv6], with an optional port. */
const RegistryServer = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/,
    'A registry is a host name with an optional port, like 127.0.0.1:5000.',
  );

export const RegistryAccount = z.object({
  server: z.string(),
  username: z.string(),
  /** Where the credentials live: Lotse's own store, docker's config.json, or a credential helper. */
  source: z.enum(['lotse', 'docker-config', 'credential-helper']),
});
export type RegistryAccount = z.infer<typeof RegistryAccount>;

export const BuildLine = z.object({
  /** `#3 [2/4] RUN …` style step number, when known. */
  step: z.number().optional(),
  text: z.string(),
  cached: z.boolean().optional(),
  error: z.boolean().optional(),
});
export type BuildLine = z.infer<typeof BuildLine>;

/** Images: list, inspect, history, layer analysis, family tree, tag, remove, pull, push, registries, build. */
export const imagesMethods = {
  'images.list': {
    summary: 'Every image with its tags, sizes (shared and unique) and how many containers use it.',
    params: NoParams,
    result: z.array(ImageSummary),
  },
  'images.sharedSizes': {
    summary: 'Bytes each image shares with others, from /system/df (older engines leave them out of the list).',
    params: NoParams,
    result: z.record(z.string(), z.number()),
  },
  'images.inspect': {
    summary: '`docker image inspect` as readable sections plus the raw JSON.',
    params: z.object({ ref: ImageRef }).strict(),
    result: InspectSections,
  },
  'images.history': {
    summary: '`docker image history` in build order, with readable instructions and diff IDs.',
    params: z.object({ ref: ImageRef }).strict(),
    result: ImageHistory,
  },
  'images.analyze': {
    summary: 'The layer explorer: reads the export, reports files per layer, wasted space, secrets and hints. Sends $/progress.',
    params: z.object({ ref: ImageRef }).strict(),
    result: LayerAnalysis,
    progress: AnalysisProgress,
  },
  'images.family': {
    summary: 'The local images that share base layers with this one, as a tree.',
    params: z.object({ ref: ImageRef }).strict(),
    result: ImageFamily,
  },
  'images.usage': {
    summary: 'The containers that use an image (why it cannot be removed).',
    params: z.object({ ref: ImageRef }).strict(),
    result: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })),
  },
  'images.tag': {
    summary: '`docker tag SOURCE TARGET`.',
    params: z.object({ source: ImageRef, target: ImageReference }).strict(),
    result: z.object({ target: z.string() }),
  },
  'images.remove': {
    summary: '`docker image rm [--force] REF`.',
    params: z.object({ ref: ImageRef, force: z.boolean().default(false) }).strict(),
    result: RemoveResult,
  },
  'images.pull': {
    summary: '`docker pull REF` with per-layer progress ($/progress), cancellable.',
    params: z.object({ ref: ImageReference }).strict(),
    result: z.object({ ref: z.string(), id: z.string() }),
    progress: PullProgress,
  },
  'images.push': {
    summary: '`docker push REF` with per-layer progress ($/progress), cancellable.',
    params: z.object({ ref: ImageReference }).strict(),
    result: z.object({ ref: z.string(), digest: z.string().optional() }),
    progress: PullProgress,
  },
  'registry.accounts': {
    summary: 'The registries with credentials (user names only, never passwords).',
    params: NoParams,
    result: z.array(RegistryAccount),
  },
  'registry.login': {
    summary: '`docker login SERVER`: checks the credentials with the engine, then stores them encrypted.',
    params: z.object({ server: RegistryServer, username: z.string().min(1).max(255), password: z.string().min(1).max(4096) }).strict(),
    result: RegistryAccount,
  },
  'registry.logout': {
    summary: '`docker logout SERVER`: forgets the credentials Lotse stored.',
    params: z.object({ server: RegistryServer }).strict(),
    result: z.object({ removed: z.boolean() }),
  },
  'images.build': {
    summary: '`docker build` of a folder: the log streams as $/progress (BuildLine), cache hits marked.',
    params: z
      .object({
        contextDir: z.string().min(1),
        dockerfile: z.string().min(1).default('Dockerfile'),
        tag: ImageReference.optional(),
        buildArgs: z.record(z.string(), z.string()).default({}),
        target: z.string().max(128).optional(),
        labels: z.record(z.string(), z.string()).default({}),
      })
      .strict(),
    result: z.object({ id: z.string(), tag: z.string().optional(), cachedSteps: z.number(), steps: z.number() }),
    progress: BuildLine,
  },
} as const satisfies Record<string, MethodSpec>;

export const imagesTopics = {} as const satisfies Record<string, TopicSpec>;
