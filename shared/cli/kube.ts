import type { ApplyMode, DrainOptions, RbacSubjectRef } from '../dto/kube';
import { cli } from './shell';

/**
 * The `kubectl` command each Kubernetes action stands for. `context` is given when the window works with
 * a context other than the kubeconfig's current one, so the command does the same in a terminal.
 */
export interface Target {
  context?: string | undefined;
  namespace?: string | undefined;
}

const kubectl = (target: Target, ...words: (string | false | undefined)[]): string =>
  cli('kubectl', ...(target.context ? ['--context', target.context] : []), ...words, ...(target.namespace ? ['-n', target.namespace] : []));

export type ScalableKind = 'deployment' | 'replicaset';

export const scaleCommand = (t: Target, kind: ScalableKind, name: string, replicas: number): string =>
  kubectl(t, 'scale', `${kind}/${name}`, `--replicas=${replicas}`);

export const rolloutStatusCommand = (t: Target, name: string): string => kubectl(t, 'rollout', 'status', `deployment/${name}`);

export const rolloutHistoryCommand = (t: Target, name: string, revision?: number): string =>
  kubectl(t, 'rollout', 'history', `deployment/${name}`, revision !== undefined && `--revision=${revision}`);

export const rolloutUndoCommand = (t: Target, name: string, toRevision?: number): string =>
  kubectl(t, 'rollout', 'undo', `deployment/${name}`, toRevision !== undefined && toRevision > 0 && `--to-revision=${toRevision}`);

export const rolloutCommand = (t: Target, verb: 'restart' | 'pause' | 'resume', name: string): string => kubectl(t, 'rollout', verb, `deployment/${name}`);

export const setImageCommand = (t: Target, name: string, container: string, image: string): string =>
  kubectl(t, 'set', 'image', `deployment/${name}`, `${container}=${image}`);

export const cordonCommand = (t: Target, node: string, cordon: boolean): string => kubectl(t, cordon ? 'cordon' : 'uncordon', node);

export function drainCommand(t: Target, node: string, options: Partial<DrainOptions>): string {
  return kubectl(
    t,
    'drain',
    node,
    options.ignoreDaemonsets === true && '--ignore-daemonsets',
    options.deleteEmptydirData === true && '--delete-emptydir-data',
    options.force === true && '--force',
    options.gracePeriod !== undefined && `--grace-period=${options.gracePeriod}`,
    options.timeout ? `--timeout=${options.timeout}s` : undefined,
  );
}

export interface LogsOptions {
  container?: string | undefined;
  follow?: boolean;
  previous?: boolean;
  tail?: number | undefined;
}

export const logsCommand = (t: Target, pod: string, o: LogsOptions): string =>
  kubectl(t, 'logs', pod, o.container && '-c', o.container, o.follow === true && '-f', o.previous === true && '--previous', o.tail !== undefined && `--tail=${o.tail}`);

export const execCommand = (t: Target, pod: string, container: string | undefined, command: string[]): string =>
  cli('kubectl', ...(t.context ? ['--context', t.context] : []), 'exec', '-it', pod, ...(container ? ['-c', container] : []), ...(t.namespace ? ['-n', t.namespace] : []), '--', ...command);

/** The file name stands for the editor's text (kubectl reads it from a file or `-f -`). */
export function applyCommand(t: Target, mode: ApplyMode, file: string, dryRun: boolean): string {
  const target = { context: t.context };
  if (mode === 'create') return kubectl(target, 'create', '-f', file, dryRun && '--dry-run=server');
  return kubectl(target, 'apply', '--server-side', '-f', file, dryRun && '--dry-run=server');
}

export const diffCommand = (t: Target, file: string): string => kubectl({ context: t.context }, 'diff', '--server-side', '-f', file);

export function subjectUser(subject: RbacSubjectRef): string {
  if (subject.kind === 'ServiceAccount') return `system:serviceaccount:${subject.namespace ?? 'default'}:${subject.name}`;
  return subject.name;
}

export function canICommand(t: Target, verb: string, resource: string, subject?: RbacSubjectRef): string {
  return kubectl(
    t,
    'auth',
    'can-i',
    verb,
    resource,
    subject && (subject.kind === 'Group' ? `--as-group=${subject.name}` : `--as=${subjectUser(subject)}`),
    subject?.kind === 'Group' && '--as=lotse-check',
  );
}

export const canIListCommand = (t: Target, subject?: RbacSubjectRef): string =>
  kubectl(t, 'auth', 'can-i', '--list', subject && subject.kind !== 'Group' && `--as=${subjectUser(subject)}`);

export const switchContextCommand = (context: string): string => cli('kubectl', 'config', 'use-context', context);

export const getCommand = (t: Target, resource: string, name?: string, allNamespaces = false): string =>
  kubectl(allNamespaces ? { context: t.context } : t, 'get', resource, name, allNamespaces && '-A');

export const describeCommand = (t: Target, resource: string, name: string): string => kubectl(t, 'describe', resource, name);

export const deletePodCommand = (t: Target, name: string): string => kubectl(t, 'delete', 'pod', name);

/** How Lotse's practice cluster is started from a terminal. */
export const practiceClusterCommand = (): string => cli('npm', 'run', 'cluster');
