import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, 'tests/lint-fixtures');

/**
 * Each folder of tests/lint-fixtures holds files that break one boundary (violates/) and files
 * that keep it (clean/), each at the path below those folders that it is linted as.
 */
const boundaries: Record<string, { rule: string; message: RegExp }> = {
  'services-import-router': { rule: '@typescript-eslint/no-restricted-imports', message: /Services never import the router/ },
  'stores-import-views': { rule: '@typescript-eslint/no-restricted-imports', message: /Stores never import views/ },
  'views-import-other-area': { rule: '@typescript-eslint/no-restricted-imports', message: /One area's views never import another's/ },
  'kube-imports-practice-cluster': { rule: '@typescript-eslint/no-restricted-imports', message: /never by importing the practice cluster/ },
  'practice-cluster-imports-kube': { rule: '@typescript-eslint/no-restricted-imports', message: /never imports the Kubernetes service/ },
  'renderer-node-builtins': { rule: '@typescript-eslint/no-restricted-imports', message: /without Node\.js built-ins/ },
  'relative-across-top-level': { rule: '@typescript-eslint/no-restricted-imports', message: /A relative import leaves (electron|renderer|shared)\/: shared\/ is reached through @shared/ },
  'kube-client-values-lazy': { rule: '@typescript-eslint/no-restricted-imports', message: /its values come from clientNode\(\)/ },
  'backend-imports-node-http': { rule: '@typescript-eslint/no-restricted-imports', message: /Require node:http/ },
  'engine-objects-outside-paths': { rule: 'no-restricted-syntax', message: /through containerOf\/imageOf\/networkOf\/volumeOf/ },
};

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function fixturesOf(boundary: string, kind: 'violates' | 'clean'): { at: string; text: string }[] {
  const dir = join(fixtures, boundary, kind);
  return filesBelow(dir).map((file) => ({ at: relative(dir, file), text: readFileSync(file, 'utf8') }));
}

// The project's own config; type information is left out, as the fixtures' paths do not exist.
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
  // Loading the config and the parser takes a while once; each lint after that is quick.
  await eslint.lintText('export {};\n', { filePath: join(root, 'shared/loading.ts') });
}, 120_000);

async function lintAt(at: string, text: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(text, { filePath: join(root, at) });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

describe('lint boundaries', () => {
  it('has a fixture folder for each boundary, with files that break it and files that keep it', () => {
    const folders = readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(Object.keys(boundaries).sort());
    for (const boundary of folders) {
      expect(fixturesOf(boundary, 'violates').length, boundary).toBeGreaterThan(0);
      expect(fixturesOf(boundary, 'clean').length, boundary).toBeGreaterThan(0);
    }
  });

  describe.each(Object.entries(boundaries))('%s', (boundary, { rule, message }) => {
    it.each(fixturesOf(boundary, 'violates'))('refuses $at', async ({ at, text }) => {
      const messages = await lintAt(at, text);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toEqual({ ruleId: rule, message: expect.stringMatching(message) as string });
    });

    it.each(fixturesOf(boundary, 'clean'))('accepts $at', async ({ at, text }) => {
      expect(await lintAt(at, text)).toEqual([]);
    });
  });

  it('holds every source file to its top-level folder', async () => {
    const sources = ['electron', 'renderer', 'shared'].flatMap((top) => filesBelow(join(root, top))).filter((file) => /\.tsx?$/.test(file));
    expect(sources.length).toBeGreaterThan(100);
    const unbound: string[] = [];
    for (const file of sources) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> };
      const options = config.rules?.['@typescript-eslint/no-restricted-imports'] as [unknown, { patterns?: { message?: string }[] }] | undefined;
      if (!options?.[1].patterns?.some((p) => p.message?.startsWith('A relative import leaves'))) unbound.push(relative(root, file));
    }
    expect(unbound).toEqual([]);
  });
});
