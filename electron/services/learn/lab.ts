import type Docker from 'dockerode';

import { EXERCISE_LABEL, HELPER_LABEL } from '@shared/rules/learn';
import type { LabItem, LabItemKind, LabResetResult } from '@shared/dto/learn';
import { containerDisplayName } from '@shared/rules/containers';

import { containerOf, imageOf, networkOf, volumeOf } from '../docker/paths';
import { isHelloWorld, repositoryName } from './checks/common';

/** Names the exercises' steps tell the learner to use (resources/exercises/0[1-7]-*.json). */
export const PRESCRIBED = {
  containers: [
    { name: 'web1', exercise: 'bridge-network' },
    { name: 'web2', exercise: 'bridge-network' },
  ],
  networks: [{ name: 'mynetwork', exercise: 'bridge-network' }],
  volumes: [{ name: 'foo', exercise: 'volumes' }],
  /** Image repositories by name: every tag of them. */
  images: [
    { repository: 'hello-world', exercise: 'hello-world' },
    { repository: 'website', exercise: 'static-website' },
  ],
} as const;

const key = (kind: LabItemKind, ref: string): string => `${kind}\u0000${ref}`;

/** What "reset lab" finds: everything labelled lotse.exercise, and what carries a prescribed name. */
export async function labPreview(docker: Docker): Promise<LabItem[]> {
  const items = new Map<string, LabItem>();
  const add = (item: LabItem): void => {
    if (!items.has(key(item.kind, item.ref))) items.set(key(item.kind, item.ref), item);
  };

  const [containers, networks, volumeList, images] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listNetworks(),
    docker.listVolumes(),
    docker.listImages(),
  ]);
  const volumes = volumeList.Volumes ?? [];
  const mine = containers.filter((c) => !c.Labels[HELPER_LABEL]);

  for (const c of mine) {
    const exercise = c.Labels[EXERCISE_LABEL];
    if (exercise) add({ kind: 'container', ref: c.Id, name: containerDisplayName(c), why: 'label', exercise });
  }
  for (const n of networks) {
    const exercise = n.Labels?.[EXERCISE_LABEL];
    if (exercise) add({ kind: 'network', ref: n.Id, name: n.Name, why: 'label', exercise });
  }
  for (const v of volumes) {
    const exercise = v.Labels?.[EXERCISE_LABEL];
    if (exercise) add({ kind: 'volume', ref: v.Name, name: v.Name, why: 'label', exercise });
  }
  for (const image of images) {
    const exercise = image.Labels?.[EXERCISE_LABEL];
    if (!exercise) continue;
    for (const tag of (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>')) {
      add({ kind: 'image', ref: tag, name: tag, why: 'label', exercise });
    }
  }

  for (const { name, exercise } of PRESCRIBED.containers) {
    const c = mine.find((x) => containerDisplayName(x) === name);
    if (c) add({ kind: 'container', ref: c.Id, name, why: 'name', exercise });
  }
  for (const { name, exercise } of PRESCRIBED.networks) {
    const n = networks.find((x) => x.Name === name);
    if (!n) continue;
    add({ kind: 'network', ref: n.Id, name, why: 'name', exercise });
    // A network with containers attached cannot go; those containers were made for the exercise.
    for (const c of mine.filter((x) => Object.values(x.NetworkSettings.Networks).some((e) => e.NetworkID === n.Id))) {
      add({ kind: 'container', ref: c.Id, name: containerDisplayName(c), why: 'uses', exercise });
    }
  }
  for (const { name, exercise } of PRESCRIBED.volumes) {
    if (!volumes.some((v) => v.Name === name)) continue;
    add({ kind: 'volume', ref: name, name, why: 'name', exercise });
    for (const c of mine.filter((x) => x.Mounts.some((m) => m.Type === 'volume' && m.Name === name))) {
      add({ kind: 'container', ref: c.Id, name: containerDisplayName(c), why: 'uses', exercise });
    }
  }
  for (const { repository, exercise } of PRESCRIBED.images) {
    for (const image of images) {
      for (const tag of (image.RepoTags ?? []).filter((t) => repositoryName(t) === repository)) {
        add({ kind: 'image', ref: tag, name: tag, why: 'name', exercise });
      }
      // Containers from it block its removal (hello-world leaves exited ones behind).
      const tags = image.RepoTags ?? [];
      if (!tags.some((t) => repositoryName(t) === repository)) continue;
      for (const c of mine.filter((x) => x.ImageID === image.Id && (tags.includes(x.Image) || repositoryName(x.Image) === repository))) {
        add({ kind: 'container', ref: c.Id, name: containerDisplayName(c), why: 'uses', exercise });
      }
    }
  }
  // hello-world containers whose image is already gone still name it.
  for (const c of mine.filter((x) => isHelloWorld(x.Image))) {
    add({ kind: 'container', ref: c.Id, name: containerDisplayName(c), why: 'uses', exercise: 'hello-world' });
  }
  const order: Record<LabItemKind, number> = { container: 0, network: 1, volume: 2, image: 3 };
  return [...items.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

/** Removes the confirmed items that are still in the preview, containers first; nothing else. */
export async function labReset(docker: Docker, requested: { kind: LabItemKind; ref: string }[]): Promise<LabResetResult> {
  const preview = await labPreview(docker);
  const allowed = new Map(preview.map((item) => [key(item.kind, item.ref), item]));
  const result: LabResetResult = { removed: [], failed: [], skipped: [] };
  const chosen: LabItem[] = [];
  for (const request of requested) {
    const item = allowed.get(key(request.kind, request.ref));
    if (item) chosen.push(item);
    else result.skipped.push({ kind: request.kind, ref: request.ref });
  }
  const order: LabItemKind[] = ['container', 'network', 'volume', 'image'];
  for (const kind of order) {
    for (const item of chosen.filter((i) => i.kind === kind)) {
      try {
        if (kind === 'container') await containerOf(docker, item.ref).remove({ force: true, v: false });
        else if (kind === 'network') await networkOf(docker, item.ref).remove();
        else if (kind === 'volume') await volumeOf(docker, item.ref).remove();
        // By tag: untags, and deletes the image only when this was its last name.
        else await imageOf(docker, item.ref).remove({ noprune: false });
        result.removed.push(item);
      } catch (error) {
        result.failed.push({ item, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return result;
}
