import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { parse, stringify } from 'yaml';

import { writeFileAtomic } from './fsutil';
import type { Pki } from './pki';

export const CONTEXT_NAME = 'lotse-practice';

interface Named {
  name: string;
  [key: string]: unknown;
}
interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  'current-context'?: string;
  preferences?: object;
  [key: string]: unknown;
}

const b64 = (pem: string): string => Buffer.from(pem).toString('base64');

/** The practice cluster's own kubeconfig document: one cluster, one admin user, one context. */
export function kubeconfigFor(server: string, pki: Pki): KubeconfigDoc {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server, 'certificate-authority-data': b64(pki.caCert) } }],
    users: [{ name: `${CONTEXT_NAME}-admin`, user: { 'client-certificate-data': b64(pki.clientCert), 'client-key-data': b64(pki.clientKey) } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: `${CONTEXT_NAME}-admin` } }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  };
}

export function writeKubeconfig(path: string, server: string, pki: Pki): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, stringify(kubeconfigFor(server, pki)), 0o600);
}

export interface MergePlan {
  target: string;
  /** Entries of the target that carry the practice cluster's names and would be replaced. */
  replaces: string[];
  backup?: string;
}

function upsert(list: Named[] | undefined, entries: Named[] | undefined, replaced: string[], kind: string): Named[] {
  const out = [...(list ?? [])];
  for (const entry of entries ?? []) {
    const at = out.findIndex((e) => e.name === entry.name);
    if (at >= 0) {
      replaced.push(`${kind} ${entry.name}`);
      out[at] = entry;
    } else out.push(entry);
  }
  return out;
}

/**
 * Merges the practice cluster's entries into another kubeconfig (e.g. ~/.kube/config). Only entries with the
 * practice cluster's names change; everything else, including current-context, stays. The old file is copied to
 * a backup first. With `dryRun`, nothing is written and the plan says what would change.
 */
export function mergeKubeconfig(target: string, server: string, pki: Pki, options: { dryRun?: boolean; now?: Date } = {}): MergePlan {
  const ours = kubeconfigFor(server, pki);
  const existing = existsSync(target) ? ((parse(readFileSync(target, 'utf8')) as KubeconfigDoc | null) ?? {}) : {};
  if (typeof existing !== 'object' || Array.isArray(existing)) throw new Error(`${target} is not a kubeconfig file`);
  const replaces: string[] = [];
  const merged: KubeconfigDoc = {
    apiVersion: 'v1',
    kind: 'Config',
    ...existing,
    clusters: upsert(existing.clusters, ours.clusters, replaces, 'cluster'),
    users: upsert(existing.users, ours.users, replaces, 'user'),
    contexts: upsert(existing.contexts, ours.contexts, replaces, 'context'),
  };
  if (!merged['current-context']) merged['current-context'] = CONTEXT_NAME;
  const plan: MergePlan = { target, replaces };
  if (options.dryRun) return plan;
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) {
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    plan.backup = `${target}.lotse-backup-${stamp}`;
    copyFileSync(target, plan.backup);
  }
  writeFileAtomic(target, stringify(merged), 0o600);
  return plan;
}
