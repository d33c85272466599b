import { describe, expect, it } from 'vitest';

import { searchConcepts } from '../../../renderer/learn/concept-search';
import { loadConcepts } from '../../../renderer/learn/concepts';
import { composeExerciseChecks } from '../../../electron/services/learn/checks/compose';
import { dockerExerciseChecks } from '../../../electron/services/learn/checks/index';
import { kubeExerciseChecks } from '../../../electron/services/learn/checks/kube';
import { swarmExerciseChecks } from '../../../electron/services/learn/checks/swarm';
import { exercise, exercises } from '../../../renderer/learn/exercises';

describe('the Learn area’s catalogues', () => {
  it('lists the 14 exercises in course order, and the backend checks every check each one shows', () => {
    expect(exercises().map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const byArea: Record<string, Record<string, Record<string, unknown>>> = { docker: dockerExerciseChecks, compose: composeExerciseChecks, swarm: swarmExerciseChecks, kube: kubeExerciseChecks };
    for (const e of exercises()) {
      const checks = byArea[e.area]?.[e.id];
      expect(Object.keys(checks ?? {}).sort(), `exercise ${String(e.number)} (${e.id})`).toEqual(e.checks.map((c) => c.id).sort());
    }
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
