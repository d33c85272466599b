import { describe, expect, it } from 'vitest';

import { searchConcepts } from '../../../renderer/learn/concept-search';
import { loadConcepts } from '../../../renderer/learn/concepts';
import { exercise, exercises, isLive } from '../../../renderer/learn/exercises';

describe('the Learn area’s catalogues', () => {
  it('lists the 14 exercises in course order, the Docker and Swarm ones live', () => {
    expect(exercises().map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(exercises().filter(isLive).map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 11, 12, 13]);
    expect(exercise('volumes')?.title.de).toBeTruthy();
  });

  it('finds concepts by words in either spelling of umlauts, title hits first', async () => {
    const de = (await loadConcepts('de')).all;
    expect(searchConcepts(de, '').length).toBe(de.length);
    const volume = searchConcepts(de, 'volume');
    expect(volume[0]?.title.toLowerCase()).toContain('volume');
    const fold = searchConcepts(de, 'schichten');
    expect(fold.some((c) => c.id === 'image-layers')).toBe(true);
    expect(searchConcepts(de, 'ueberlagerung').map((c) => c.id)).toEqual(searchConcepts(de, 'überlagerung').map((c) => c.id));
    expect(searchConcepts((await loadConcepts('en')).all, 'routing mesh')[0]?.id).toBe('routing-mesh');
    expect(searchConcepts(de, 'xyzzy-nothing')).toEqual([]);
  });
});
