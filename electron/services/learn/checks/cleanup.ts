import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import type { EngineEvent } from '@shared/dto/engine';
import { containerDisplayName } from '@shared/rules/containers';

import { parseEvent } from '../../docker/engine';
import { type CheckFn, fail, isHelloWorld, learnerContainers, pass } from './common';

/** The engine's remembered events of some types since a moment (the engine keeps the last few hundred). */
async function pastEvents(docker: Docker, since: number, types: ('container' | 'image')[]): Promise<EngineEvent[]> {
  const stream = (await docker.getEvents({
    since: Math.floor(since / 1000),
    until: Math.ceil(Date.now() / 1000),
    filters: { type: types },
  })) as unknown as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .map((line) => (line.trim() ? parseEvent(line) : undefined))
    .filter((e): e is EngineEvent => e !== undefined && e.time >= since);
}

/** Removing containers and images: exercise 2. */
export const cleanupChecks: Record<string, Record<string, CheckFn>> = {
  cleanup: {
    'hello-world-containers-removed': async ({ docker, since }) => {
      const left = (await learnerContainers(docker, true)).filter((c) => isHelloWorld(c.Image));
      if (left.length) return fail('hello-world-containers-left', { containers: left.map(containerDisplayName).join(', ') });
      const destroyed = (await pastEvents(docker, since, ['container'])).filter(
        (e) => e.action === 'destroy' && isHelloWorld(e.attributes.image ?? ''),
      );
      if (!destroyed.length) return fail('hello-world-containers-never-removed');
      return pass('hello-world-containers-removed', { containers: destroyed.map((e) => e.name ?? e.id.slice(0, 12)).join(', ') });
    },
    'hello-world-image-removed': async ({ docker, since }) => {
      const images = await docker.listImages();
      const tags = images.flatMap((i) => i.RepoTags ?? []).filter(isHelloWorld);
      if (tags.length) return fail('hello-world-image-left', { tags: tags.join(', ') });
      const events = await pastEvents(docker, since, ['container', 'image']);
      // The image was here during the exercise (a container from it made or removed, pulled, tagged) and was untagged or deleted after that.
      const seen = events.findIndex(
        (e) =>
          (e.type === 'container' && (e.action === 'create' || e.action === 'destroy') && isHelloWorld(e.attributes.image ?? '')) ||
          (e.type === 'image' && ['pull', 'tag', 'load'].includes(e.action) && isHelloWorld(e.name ?? e.id)),
      );
      if (seen < 0) return fail('hello-world-image-never-seen');
      const removed = events.slice(seen).some((e) => e.type === 'image' && (e.action === 'untag' || e.action === 'delete'));
      return removed ? pass('hello-world-image-removed') : fail('hello-world-image-never-seen');
    },
  },
};
