import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

import type { AuthKind, KubeconfigProblem, KubeContext, KubeContexts } from '@shared/dto/kube';

import { type ClientNode, clientNode } from './client';

/**
 * The kubeconfig as kubectl finds it: the files of KUBECONFIG (separated by `:`, `;` on Windows) merged in
 * order, the first file naming a cluster, user or context winning, and the first current-context winning;
 * without KUBECONFIG, ~/.kube/config. A file that is not YAML or not a kubeconfig is reported with its line,
 * and the others still count. Relative paths in a file are taken from its folder.
 */

export interface KubeconfigSource {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Further files that count after kubectl's (the practice cluster's, while it runs). */
  extra?: readonly { file: string; practice: boolean }[];
}

export interface LoadedKubeconfig {
  files: string[];
  source: 'KUBECONFIG' | 'default';
  current: string | undefined;
  problems: KubeconfigProblem[];
  clusters: Map<string, { cluster: Cluster; file: string }>;
  users: Map<string, { user: User; file: string }>;
  contexts: Map<string, { context: Context; file: string; practice: boolean }>;
}

export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env, home = homedir()): { files: string[]; source: 'KUBECONFIG' | 'default' } {
  const variable = env.KUBECONFIG;
  if (variable !== undefined && variable.trim() !== '') {
    const files = variable
      .split(delimiter)
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => resolve(f));
    return { files: [...new Set(files)], source: 'KUBECONFIG' };
  }
  return { files: [join(home, '.kube', 'config')], source: 'default' };
}

/** Reads and merges the kubeconfig files; never throws. */
export async function loadKubeconfig(options: KubeconfigSource = {}): Promise<LoadedKubeconfig> {
  const { KubeConfig } = await clientNode();
  const { files, source } = kubeconfigFiles(options.env, options.home);
  const out: LoadedKubeconfig = { files, source, current: undefined, problems: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  const all = [...files.map((file) => ({ file, practice: false })), ...(options.extra ?? [])];
  for (const { file, practice } of all) {
    if (!existsSync(file)) {
      // kubectl skips missing KUBECONFIG entries; the default file missing simply means no contexts.
      if (source === 'KUBECONFIG' && !practice) out.problems.push({ file, kind: 'missing', message: 'The file does not exist.' });
      continue;
    }
    readOne(file, practice, out, KubeConfig);
  }
  for (const [name, { context, file }] of out.contexts) {
    if (!out.clusters.has(context.cluster)) out.problems.push({ file, kind: 'reference', message: `Context "${name}" names the cluster "${context.cluster}", which no file defines.` });
    if (context.user && !out.users.has(context.user)) out.problems.push({ file, kind: 'reference', message: `Context "${name}" names the user "${context.user}", which no file defines.` });
  }
  return out;
}

function readOne(file: string, practice: boolean, out: LoadedKubeconfig, KubeConfig: ClientNode['KubeConfig']): void {
  let text: string;
  try {
    if (statSync(file).isDirectory()) {
      out.problems.push({ file, kind: 'shape', message: 'This is a folder, not a kubeconfig file.' });
      return;
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    out.problems.push({ file, kind: 'missing', message: (error as Error).message });
    return;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    out.problems.push({ file, line: at.line, column: at.col, kind: 'yaml', message: error.message.split('\n')[0] ?? '' });
    return;
  }
  if (doc.contents === null) return;
  if (!isMap(doc.contents)) {
    out.problems.push({ file, line: 1, column: 1, kind: 'shape', message: 'A kubeconfig is a mapping with clusters, users and contexts.' });
    return;
  }
  for (const key of ['clusters', 'users', 'contexts']) {
    const node = doc.get(key, true);
    if (node !== undefined && node !== null && !isSeq(node) && !(typeof node === 'object' && 'value' in node && node.value === null)) {
      const at = lines.linePos((node as { range?: [number, number, number] }).range?.[0] ?? 0);
      out.problems.push({ file, line: at.line, column: at.col, kind: 'shape', message: `"${key}" must be a list.` });
      return;
    }
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text, { onInvalidEntry: 'filter' });
  } catch (e) {
    out.problems.push({ file, line: 1, column: 1, kind: 'shape', message: (e as Error).message });
    return;
  }
  kc.makePathsAbsolute(dirname(file));
  for (const cluster of kc.getClusters()) if (!out.clusters.has(cluster.name)) out.clusters.set(cluster.name, { cluster, file });
  for (const user of kc.getUsers()) if (!out.users.has(user.name)) out.users.set(user.name, { user, file });
  for (const context of kc.getContexts()) if (!out.contexts.has(context.name)) out.contexts.set(context.name, { context, file, practice });
  const current = kc.getCurrentContext();
  if (!out.current && current && !practice) out.current = current;
}

export function authKind(user: User | undefined): AuthKind {
  if (!user) return 'none';
  if (user.exec) return 'exec';
  if (user.authProvider) return 'auth-provider';
  if (user.certData || user.certFile) return 'client-certificate';
  if (user.token || user.authProvider) return 'token';
  if (user.username) return 'basic';
  return 'none';
}

/** The contexts as the UI lists them. */
export function describeContexts(loaded: LoadedKubeconfig): KubeContexts {
  const contexts: KubeContext[] = [];
  for (const [name, { context, file, practice }] of loaded.contexts) {
    const user = loaded.users.get(context.user)?.user;
    const exec = user?.exec as { command?: string } | undefined;
    contexts.push({
      name,
      cluster: context.cluster,
      user: context.user,
      server: loaded.clusters.get(context.cluster)?.cluster.server ?? '',
      namespace: context.namespace ?? 'default',
      current: name === loaded.current,
      file,
      auth: authKind(user),
      ...(exec?.command ? { execCommand: exec.command } : {}),
      practice,
    });
  }
  return {
    contexts,
    files: loaded.files,
    source: loaded.source,
    ...(loaded.current ? { current: loaded.current } : {}),
    problems: loaded.problems,
  };
}

/** A client-node KubeConfig holding one context of the merged files, with its cluster and user. */
export async function kubeConfigFor(loaded: LoadedKubeconfig, name: string, user?: User): Promise<KubeConfig | undefined> {
  const entry = loaded.contexts.get(name);
  if (!entry) return undefined;
  const cluster = loaded.clusters.get(entry.context.cluster)?.cluster;
  if (!cluster) return undefined;
  const { KubeConfig } = await clientNode();
  const kc = new KubeConfig();
  const chosen = user ?? loaded.users.get(entry.context.user)?.user;
  kc.loadFromOptions({
    clusters: [cluster],
    users: chosen ? [chosen] : [],
    contexts: [entry.context],
    currentContext: name,
  });
  return kc;
}
