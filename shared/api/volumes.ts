import { z } from 'zod';

import { ContainerMounts, CreateVolume, VolumeFile, VolumeListing, VolumePath, VolumeSummary } from '../dto/volumes';
import { VolumeName } from '../rules/names';
import { NoParams } from './common';
import type { MethodSpec, TopicSpec } from './common';

const Name = z.object({ name: VolumeName }).strict();

/** Volumes, where they live, who mounts them, and a read-only look inside. */
export const volumesMethods = {
  'volumes.list': {
    summary: 'All volumes with driver, mountpoint, created, labels and the containers that mount them.',
    params: NoParams,
    result: z.array(VolumeSummary),
  },
  'volumes.sizes': {
    summary: 'Volume sizes from /system/df (name → bytes, -1 when the engine does not know); slow, so loaded lazily.',
    params: NoParams,
    result: z.record(z.string(), z.number()),
  },
  'volumes.inspect': { summary: 'One volume.', params: Name, result: VolumeSummary },
  'volumes.create': { summary: 'Creates a volume (name, driver, driver options, labels).', params: CreateVolume, result: VolumeSummary },
  'volumes.remove': {
    summary: 'Removes a volume; refuses while a container (running or stopped) mounts it.',
    params: z.object({ name: VolumeName, force: z.boolean().default(false) }).strict(),
    result: z.null(),
  },
  'volumes.browse': {
    summary: "Lists a folder of a volume through a short-lived helper container that mounts it read-only.",
    params: z.object({ name: VolumeName, path: VolumePath.default('/') }).strict(),
    result: VolumeListing,
  },
  'volumes.readFile': {
    summary: 'The first 64 KB of a file in a volume, read through a helper container (read-only).',
    params: z.object({ name: VolumeName, path: VolumePath }).strict(),
    result: VolumeFile,
  },
  'volumes.mounts': {
    summary: "Every container's mounts: volumes, bind mounts and tmpfs.",
    params: NoParams,
    result: z.array(ContainerMounts),
  },
} as const satisfies Record<string, MethodSpec>;

export const volumesTopics = {} as const satisfies Record<string, TopicSpec>;
