import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createPracticeCluster } from './index';
import { mergeKubeconfig } from './kubeconfig';

/**
 * `npm run cluster`: starts the practice cluster in the foreground, prints `KUBECONFIG=<path>` once it serves,
 * and stops cleanly (removing its containers) on SIGINT or SIGTERM.
 */
export function defaultDataDir(env = process.env, platform = process.platform, home = homedir()): string {
  if (env.LOTSE_PRACTICE_DIR) return env.LOTSE_PRACTICE_DIR;
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'Lotse', 'practice-cluster');
}

const USAGE = `usage: npm run cluster -- [options]
  --data-dir DIR        where certificates, kubeconfig and objects are kept (default: ${defaultDataDir()})
  --port N              port on 127.0.0.1 (default 26443; 0 picks a free one)
  --workers N           worker nodes (default 2)
  --no-runtime          do not run containers (objects only)
  --merge-kubeconfig    merge the context lotse-practice into ~/.kube/config (a backup is written first)
  --reset               remove every object and container of the practice cluster before starting`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        workers: { type: 'string' },
        'no-runtime': { type: 'boolean' },
        'merge-kubeconfig': { type: 'boolean' },
        reset: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(args.port ?? 26443);
  const workers = Number(args.workers ?? 2);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${args.port ?? ''}`);
  if (!Number.isInteger(workers) || workers < 1 || workers > 10) throw new Error(`--workers must be 1 to 10, got ${args.workers ?? ''}`);
  const cluster = await createPracticeCluster({
    dataDir: args['data-dir'] ?? defaultDataDir(),
    port,
    nodes: { workers },
    runtime: args['no-runtime'] ? 'none' : 'docker',
    log: (line) => process.stderr.write(`practice-cluster: ${line}\n`),
  });
  if (args.reset) {
    const preview = await cluster.resetPreview();
    const kinds = Object.entries(preview.objects).map(([r, n]) => `${n} ${r}`);
    process.stderr.write(`practice-cluster: reset removes ${kinds.length ? kinds.join(', ') : 'no objects'} and ${preview.containers} container(s)\n`);
    await cluster.reset();
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`practice-cluster: ${signal}: stopping\n`);
    cluster
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`practice-cluster: stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await cluster.start();
  if (args['merge-kubeconfig']) {
    const plan = mergeKubeconfig(join(homedir(), '.kube', 'config'), cluster.url, cluster.pki);
    process.stderr.write(`practice-cluster: merged the context lotse-practice into ${plan.target}${plan.backup ? ` (backup: ${plan.backup})` : ''}\n`);
  }
  process.stdout.write(`KUBECONFIG=${cluster.kubeconfigPath}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`practice-cluster: ${(error as Error).message}\n`);
  process.exit(1);
});
