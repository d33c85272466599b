import { describe, expect, it } from 'vitest';

import { PruneRequest, type PruneRequestInput } from '@shared/dto/prune';

import { confirmPreview } from '../../../electron/services/prune/confirm';
import { type ContainerFact, type EngineFacts, type ImageFact, planPrune, type VolumeFact } from '../../../electron/services/prune/rules';

const none = { labels: [], notLabels: [], until: undefined };

function container(id: string, state: string, over: Partial<ContainerFact> = {}): ContainerFact {
  return { id, name: `n-${id}`, state, imageId: 'img', labels: {}, created: 100, sizeRw: 5, volumes: [], endpoints: {}, ...over };
}
function volume(name: string, created: number): VolumeFact {
  return { name, driver: 'local', labels: {}, sizeBytes: 7, created };
}
function image(id: string, refs: string[], over: Partial<ImageFact> = {}): ImageFact {
  return { id, parentId: '', refs, labels: {}, created: 100, layers: [{ chainId: `c-${id}`, size: 10 }], ...over };
}
function facts(over: Partial<EngineFacts>): EngineFacts {
  return { apiVersion: '1.41', images: [], containers: [], volumes: [], networks: [], buildCache: [], ...over };
}

/** The preview on `before`, confirmed on `after`. */
function confirm(input: PruneRequestInput, before: EngineFacts, after: EngineFacts): ReturnType<typeof confirmPreview> {
  const request = PruneRequest.parse(input);
  const preview = planPrune(request, before, none);
  return confirmPreview(preview.items, planPrune(request, after, none), after);
}

describe('a confirmed preview against the engine as it is now', () => {
  it('keeps a container started since, leaves a new one alone, removes the rest at its size now', () => {
    const result = confirm(
      { kind: 'containers' },
      facts({ containers: [container('a', 'exited'), container('c', 'exited')] }),
      facts({ containers: [container('a', 'running'), container('c', 'exited', { sizeRw: 9 }), container('b', 'exited')] }),
    );
    expect(result.confirmed.map((i) => [i.id, i.sizeBytes])).toEqual([['c', 9]]);
    expect(result.skipped).toEqual([{ item: expect.objectContaining({ id: 'a' }) as unknown, reason: 'running' }]);
    expect(result.untouched.map((i) => i.id)).toEqual(['b']);
  });

  it('says gone for a container removed since', () => {
    const result = confirm({ kind: 'containers' }, facts({ containers: [container('a', 'exited')] }), facts({}));
    expect(result.skipped.map((s) => s.reason)).toEqual(['gone']);
    expect(result.confirmed).toEqual([]);
  });

  it('volumes: one mounted since is held by its container; one created again under the same name is another volume', () => {
    const result = confirm(
      { kind: 'volumes' },
      facts({ volumes: [volume('used', 1), volume('again', 1), volume('same', 1)] }),
      facts({ volumes: [volume('used', 1), volume('again', 2), volume('same', 1)], containers: [container('d', 'exited', { volumes: ['used'] })] }),
    );
    expect(result.confirmed.map((i) => i.id)).toEqual(['same']);
    expect(result.skipped.map((s) => [s.item.id, s.reason, s.heldBy])).toEqual([
      ['used', 'used-by-container', 'n-d'],
      ['again', 'replaced', undefined],
    ]);
    expect(result.untouched.map((i) => [i.id, i.created])).toEqual([['again', 2]]);
  });

  it('images: a tag that now names another image is not taken; a dangling image tagged since stays', () => {
    const result = confirm(
      { kind: 'images', all: true },
      facts({ images: [image('x', ['app:1']), image('d', [])] }),
      facts({ images: [image('x', []), image('y', ['app:1']), image('d', ['keep:1'])] }),
    );
    const key = (i: { action: string; id: string; name: string }): string => (i.action === 'untag' ? `untag:${i.id}:${i.name}` : `delete:${i.id}`);
    expect(result.skipped.map((s) => [key(s.item), s.reason])).toEqual([
      ['untag:x:app:1', 'changed'],
      ['delete:d', 'tagged'],
    ]);
    // x lost its tag meanwhile: it is unused and still goes, as previewed.
    expect(result.confirmed.map(key)).toEqual(['delete:x']);
    expect(result.untouched.map(key).sort()).toEqual(['delete:y', 'untag:d:keep:1', 'untag:y:app:1']);

    const dangling = confirm({ kind: 'images' }, facts({ images: [image('d', [])] }), facts({ images: [image('d', ['keep:1'])] }));
    expect(dangling.skipped.map((s) => s.reason)).toEqual(['tagged']);
  });
});
