import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { dockerExerciseChecks } from '../../../electron/services/learn/checks';

const dir = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'exercises');

interface ExerciseFile {
  id: string;
  number: number;
  area: string;
  checks: { id: string; de: string; en: string }[];
  title: { de: string; en: string };
  goal: { de: string; en: string };
  steps: { de: string; en: string }[];
  hints: { de: string; en: string }[];
}

const exercises = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as ExerciseFile) }));

describe('exercise files and their checks', () => {
  it('has the course’s 14 exercises, numbered as the files are', () => {
    expect(exercises.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    for (const e of exercises) expect(e.file).toBe(`${String(e.number).padStart(2, '0')}-${e.id}.json`);
  });

  it('has a check function for every check of every Docker exercise, and none without a check in a file', () => {
    for (const e of exercises.filter((x) => x.area === 'docker')) {
      expect(Object.keys(dockerExerciseChecks[e.id] ?? {}).sort(), e.id).toEqual(e.checks.map((c) => c.id).sort());
    }
    expect(Object.keys(dockerExerciseChecks).sort()).toEqual(exercises.filter((x) => x.area === 'docker').map((x) => x.id).sort());
  });

  it('belongs to an area with checks: Docker, Compose, Swarm or Kubernetes', () => {
    expect(exercises.filter((x) => x.area !== 'docker' && x.area !== 'compose' && x.area !== 'kube' && x.area !== 'swarm').map((x) => x.id)).toEqual([]);
  });

  it('is complete in German and English', () => {
    for (const e of exercises) {
      for (const text of [e.title, e.goal, ...e.steps, ...e.hints, ...e.checks]) {
        expect(text.de.trim(), e.id).not.toBe('');
        expect(text.en.trim(), e.id).not.toBe('');
      }
      expect(e.hints.length, e.id).toBeGreaterThan(0);
    }
  });
});
