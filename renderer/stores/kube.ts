import { useEffect } from 'react';
import { create } from 'zustand';

import type { Target } from '@shared/cli/kube';
import type { KubeConnection, KubeContexts, KubeObjectOf, KubeResource, PracticeState } from '@shared/dto/kube';
import type { ErrorData } from '@shared/errors';
import { applyWatchEvent, emptyList, type ListState } from '@shared/kube/reducer';

import { api } from '../api';
import { toErrorData } from './errors';

const CONTEXT_KEY = 'lotse.kube.context';
const NAMESPACE_KEY = 'lotse.kube.namespace';

function stored(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Private mode: the choice lasts until the page closes.
  }
}

interface KubeStore {
  contexts: KubeContexts | undefined;
  contextsError: ErrorData | undefined;
  /** The context this window works with (each window chooses its own). */
  context: string | undefined;
  /** '' for every namespace. */
  namespace: string;
  connection: KubeConnection | undefined;
  practice: PracticeState | undefined;
  /** Live lists by `context|resource|namespace`. */
  lists: Record<string, ListState>;
  loadContexts: () => Promise<void>;
  selectContext: (context: string) => void;
  selectNamespace: (namespace: string) => void;
}

export const useKube = create<KubeStore>((set, get) => ({
  contexts: undefined,
  contextsError: undefined,
  context: stored(CONTEXT_KEY),
  namespace: stored(NAMESPACE_KEY) ?? '',
  connection: undefined,
  practice: undefined,
  lists: {},
  loadContexts: async () => {
    try {
      const contexts = await api.call('kube.contexts', {});
      const chosen = get().context;
      const names = contexts.contexts.map((c) => c.name);
      const context = chosen && names.includes(chosen) ? chosen : (contexts.current && names.includes(contexts.current) ? contexts.current : undefined) ?? contexts.contexts.find((c) => c.practice)?.name ?? names[0];
      set({ contexts, contextsError: undefined, context });
      store(CONTEXT_KEY, context);
    } catch (error) {
      set({ contextsError: toErrorData(error) });
    }
  },
  selectContext: (context) => {
    store(CONTEXT_KEY, context);
    const ns = get().contexts?.contexts.find((c) => c.name === context)?.namespace;
    store(NAMESPACE_KEY, ns === 'default' ? '' : ns);
    set({ context, namespace: ns && ns !== 'default' ? ns : '', connection: undefined });
  },
  selectNamespace: (namespace) => {
    store(NAMESPACE_KEY, namespace);
    set({ namespace });
  },
}));

/** How commands name this window's context and namespace (no --context for the kubeconfig's current one). */
export function kubeTarget(namespace?: string): Target {
  const { context, contexts } = useKube.getState();
  const plain = !context || context === contexts?.current || ownKubeconfig(contexts, context) !== undefined;
  return { ...(plain ? {} : { context }), ...(namespace ? { namespace } : {}) };
}

/** The practice cluster's kubeconfig when its context comes from there (not from the learner's files): a terminal needs it exported. */
export function ownKubeconfig(contexts: KubeContexts | undefined, context: string): string | undefined {
  const entry = contexts?.contexts.find((c) => c.name === context);
  return entry?.practice && !contexts?.files.includes(entry.file) ? entry.file : undefined;
}

/** Follows the practice cluster and the chosen context's connection; the contexts are read again when either changes. */
export function connectKube(): () => void {
  const offPractice = api.subscribe('kube.practice', {}, (practice) => {
    const before = useKube.getState().practice?.status;
    useKube.setState({ practice });
    if (before !== practice.status && (practice.status === 'running' || practice.status === 'stopped')) void useKube.getState().loadContexts();
  });
  let offConnection: (() => void) | undefined;
  let watched: string | undefined;
  const follow = (context: string | undefined): void => {
    if (context === watched) return;
    offConnection?.();
    offConnection = undefined;
    watched = context;
    if (!context) return;
    offConnection = api.subscribe('kube.connection', { context }, (connection) => {
      if (useKube.getState().context === context) useKube.setState({ connection });
    });
  };
  follow(useKube.getState().context);
  const offStore = useKube.subscribe((s) => follow(s.context));
  void useKube.getState().loadContexts();
  return () => {
    offStore();
    offConnection?.();
    offPractice();
  };
}

const subscribers = new Map<string, { count: number; dispose: () => void }>();

const listKey = (context: string, resource: KubeResource, namespace: string | undefined): string => `${context}|${resource}|${namespace ?? ''}`;

/** Watches a resource of the chosen context while a view needs it; several views share one watch. */
function retain(context: string, resource: KubeResource, namespace: string | undefined): () => void {
  const key = listKey(context, resource, namespace);
  let entry = subscribers.get(key);
  if (!entry) {
    const dispose = api.subscribe('kube.watch', { context, resource, ...(namespace ? { namespace } : {}) }, (event) => {
      useKube.setState((s) => ({ lists: { ...s.lists, [key]: applyWatchEvent(s.lists[key] ?? emptyList(), event) } }));
    });
    entry = { count: 0, dispose };
    subscribers.set(key, entry);
  }
  entry.count++;
  const held = entry;
  return () => {
    if (--held.count > 0) return;
    held.dispose();
    subscribers.delete(key);
    useKube.setState((s) => {
      const lists = { ...s.lists };
      delete lists[key];
      return { lists };
    });
  };
}

/** A resource of the chosen context, live (`namespace` undefined: every namespace). Undefined until listed. */
export function useKubeList<R extends KubeResource>(resource: R, namespace?: string): ListState<KubeObjectOf[R]> | undefined {
  const context = useKube((s) => s.context);
  useEffect(() => {
    // Held while the connection is down too: the backend re-lists when it is back.
    if (!context) return undefined;
    return retain(context, resource, namespace || undefined);
  }, [context, resource, namespace]);
  return useKube((s) => (context ? (s.lists[listKey(context, resource, namespace || undefined)] as ListState<KubeObjectOf[R]> | undefined) : undefined));
}
