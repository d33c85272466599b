import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse, stringify } from 'yaml';

import { KubeService, type KubeServiceOptions } from '../../../electron/services/kube/kube';
import { PracticeLauncher } from '../../../electron/services/kube/practice';
import { type TestCluster } from '../practice-cluster/harness';

export { startCluster, waitFor } from '../practice-cluster/harness';

/** A KubeService that sees exactly the given kubeconfig files (and a practice folder of its own). */
export function serviceFor(files: string[], options: KubeServiceOptions = {}): { service: KubeService; dir: string; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-kube-'));
  const service = new KubeService({
    kubeconfig: { env: { KUBECONFIG: files.join(':') }, home: dir },
    practice: new PracticeLauncher({ dataDir: join(dir, 'practice') }),
    searchPath: () => Promise.resolve(process.env.PATH ?? ''),
    initialBackoffMs: 200,
    maxBackoffMs: 500,
    ...options,
  });
  return {
    service,
    dir,
    dispose: async () => {
      await service.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The cluster's kubeconfig with its context renamed (so several can be merged). */
export function renamedKubeconfig(t: TestCluster, name: string, dir: string, edit?: (doc: Record<string, unknown>) => void): string {
  const doc = parse(readFileSync(t.cluster.kubeconfigPath, 'utf8')) as Record<string, unknown>;
  const text = stringify(doc).replaceAll('lotse-practice', name);
  const renamed = parse(text) as Record<string, unknown>;
  edit?.(renamed);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(renamed));
  return file;
}

export const CONTEXT = 'lotse-practice';
