import { z } from 'zod';

import { VolumeName } from '../rules/names';

export const VolumeUser = z.object({
  containerId: z.string(),
  name: z.string(),
  state: z.string(),
  destination: z.string(),
  readOnly: z.boolean(),
});
export type VolumeUser = z.infer<typeof VolumeUser>;

export const VolumeSummary = z.object({
  name: z.string(),
  driver: z.string(),
  /** Where the data lives on the engine's host (inside the VM with Docker Desktop). */
  mountpoint: z.string(),
  scope: z.string(),
  /** Epoch milliseconds. */
  created: z.number(),
  labels: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  /** Made by the engine for a `-v /path` or VOLUME without a name. */
  anonymous: z.boolean(),
  usedBy: z.array(VolumeUser),
});
export type VolumeSummary = z.infer<typeof VolumeSummary>;

const Labels = z.record(z.string().min(1).max(256), z.string().max(1024)).default({});

export const CreateVolume = z
  .object({
    /** Empty: the engine makes up a 64-character name (an anonymous volume). */
    name: z.string().trim().pipe(VolumeName).optional(),
    driver: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9_./:-]{1,128}$/)
      .default('local'),
    options: z.record(z.string().min(1).max(128), z.string().max(1024)).default({}),
    labels: Labels,
  })
  .strict();
export type CreateVolume = z.infer<typeof CreateVolume>;
export type CreateVolumeInput = z.input<typeof CreateVolume>;

/** A path inside a volume: absolute, no `..`. */
export const VolumePath = z
  .string()
  .max(1024)
  .regex(/^\/[^\0]*$/, 'An absolute path inside the volume, such as / or /html.')
  .refine((p) => !p.split('/').includes('..'), 'Paths with .. are not allowed.');

export const VolumeEntry = z.object({
  name: z.string(),
  type: z.enum(['file', 'dir', 'link', 'other']),
  size: z.number(),
  mode: z.string(),
  /** Epoch milliseconds. */
  modified: z.number(),
});
export type VolumeEntry = z.infer<typeof VolumeEntry>;

export const VolumeListing = z.object({
  volume: z.string(),
  path: z.string(),
  entries: z.array(VolumeEntry),
  truncated: z.boolean(),
  /** The helper image the listing ran in. */
  image: z.string(),
  command: z.string(),
});
export type VolumeListing = z.infer<typeof VolumeListing>;

export const VolumeFile = z.object({
  volume: z.string(),
  path: z.string(),
  content: z.string(),
  truncated: z.boolean(),
  binary: z.boolean(),
  image: z.string(),
  command: z.string(),
});
export type VolumeFile = z.infer<typeof VolumeFile>;

export const ContainerMount = z.object({
  type: z.string(),
  /** Host path (bind), volume name (volume), or '' (tmpfs). */
  source: z.string(),
  destination: z.string(),
  readOnly: z.boolean(),
});
export const ContainerMounts = z.object({
  containerId: z.string(),
  name: z.string(),
  state: z.string(),
  mounts: z.array(ContainerMount),
});
export type ContainerMounts = z.infer<typeof ContainerMounts>;
