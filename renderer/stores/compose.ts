import { create } from 'zustand';

import { COMPOSE_LABELS, type ComposeCliInfo, type ComposeProject } from '@shared/compose/dto';
import type { EngineEvent } from '@shared/dto/engine';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

/** Container events that change a project's state; exec_*, attach, top and the like do not. */
const PROJECT_ACTIONS = /^(create|start|restart|die|stop|kill|pause|unpause|rename|destroy|health_status)/;

/** The project an engine event is about, when it is about a Compose container. */
export function projectOfEvent(event: EngineEvent): string | undefined {
  if (event.type !== 'container' || !PROJECT_ACTIONS.test(event.action)) return undefined;
  return event.attributes[COMPOSE_LABELS.project];
}

/** The list after a re-read of some projects: the fresh ones replace them, the ones gone (not even opened) drop out. */
export function applyProjects(byName: Record<string, ComposeProject>, names: string[], fresh: ComposeProject[]): Record<string, ComposeProject> {
  const next = { ...byName };
  for (const name of names) delete next[name];
  for (const project of fresh) next[project.name] = project;
  return next;
}

interface ComposeStore {
  cli: ComposeCliInfo | undefined;
  byName: Record<string, ComposeProject>;
  loaded: boolean;
  error: ErrorData | undefined;
  /** The project whose detail is open. */
  openName: string | undefined;
  loadCli: (refresh?: boolean) => Promise<void>;
  load: () => Promise<void>;
  /** Re-reads some projects now (after an action or an opened project). */
  refresh: (names: string[]) => Promise<void>;
  /** Follows the engine's container events: re-reads only the projects they name; returns the disposer. */
  watchEvents: () => () => void;
  open: (name: string | undefined) => void;
}

export const useCompose = create<ComposeStore>((set, get) => ({
  cli: undefined,
  byName: {},
  loaded: false,
  error: undefined,
  openName: undefined,
  loadCli: async (refresh = false) => {
    try {
      set({ cli: await api.call('compose.cli', { refresh }) });
    } catch (error) {
      set({ error: toErrorData(error) });
    }
  },
  load: async () => {
    try {
      const list = await api.call('compose.projects', {});
      set({ byName: Object.fromEntries(list.map((p) => [p.name, p])), loaded: true, error: undefined });
    } catch (error) {
      set({ error: toErrorData(error) });
    }
  },
  refresh: async (names) => {
    if (!names.length) return;
    try {
      const fresh = await api.call('compose.projects', { projects: names });
      set({ byName: applyProjects(get().byName, names, fresh) });
    } catch (error) {
      set({ error: toErrorData(error) });
    }
  },
  watchEvents: () => {
    // Events are hints: the projects of a burst are collected for a moment and re-read in one call.
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      const names = [...pending];
      pending.clear();
      void get().refresh(names);
    };
    const dispose = api.subscribe('docker.events', { types: ['container'] }, (event) => {
      const project = projectOfEvent(event);
      if (!project) return;
      pending.add(project);
      timer ??= setTimeout(flush, 30);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  },
  open: (name) => set({ openName: name }),
}));
