import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Exec plugins (gke-gcloud-auth-plugin, aws, kubelogin …) are looked up as the user's terminal would find
 * them: a desktop app started from a launcher has a short PATH, so the login shell is asked for its PATH
 * once, and both are searched.
 */

const MARK = '__LOTSE_PATH__';

/** The login shell's PATH (`$SHELL -ilc`), or undefined when there is no such shell or it does not answer in time. */
export function loginShellPath(env: NodeJS.ProcessEnv = process.env, timeoutMs = 3000): Promise<string | undefined> {
  if (process.platform === 'win32') return Promise.resolve(undefined);
  const shell = env.SHELL || '/bin/sh';
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(shell, ['-ilc', `printf '%s%s%s' ${MARK} "$PATH" ${MARK}`], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', () => {
      clearTimeout(timer);
      const m = new RegExp(`${MARK}(.*)${MARK}`, 's').exec(out);
      resolve(m?.[1] || undefined);
    });
  });
}

/** Both PATHs, the process's first, each folder once. */
export function mergePaths(...paths: (string | undefined)[]): string {
  const seen = new Set<string>();
  for (const p of paths) for (const dir of (p ?? '').split(delimiter)) if (dir) seen.add(dir);
  return [...seen].join(delimiter);
}

function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of a command on a PATH, or undefined. */
export function findCommand(command: string, path: string): string | undefined {
  if (isAbsolute(command) || command.includes('/')) return executable(command) ? command : undefined;
  const extensions = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = join(dir, command + ext);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** How to get the exec plugins learners meet most. */
export const PLUGIN_HINTS: Record<string, string> = {
  'gke-gcloud-auth-plugin': 'gcloud components install gke-gcloud-auth-plugin',
  aws: 'Install the AWS CLI v2 (https://aws.amazon.com/cli/) and run aws configure',
  'aws-iam-authenticator': 'Install aws-iam-authenticator (https://github.com/kubernetes-sigs/aws-iam-authenticator)',
  kubelogin: 'az aks install-cli (or brew install Azure/kubelogin/kubelogin)',
  'kubectl-oidc_login': 'kubectl krew install oidc-login',
  doctl: 'Install doctl (https://docs.digitalocean.com/reference/doctl/how-to/install/)',
};
