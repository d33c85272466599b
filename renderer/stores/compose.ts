import { create } from 'zustand';

import type { ComposeCliInfo, ComposeProject } from '@shared/compose/dto';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { applyProjects, projectOfEvent } from './compose-list';
import { toErrorData } from './errors';

interface ComposeStore {
  cli: ComposeCliInfo | undefined;
  byName: Record<string, ComposeProject>;
  loaded: boolean;
  error: ErrorData | undefined;
  /** The project whose detail is open. */
  openName: string | undefined;
  /** Unsaved editor texts by file path: kept while the learner looks elsewhere. */
  drafts: Record<string, string>;
  setDraft: (path: string, text: string | undefined) => void;
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
  drafts: {},
  setDraft: (path, text) => {
    const drafts = { ...get().drafts };
    if (text === undefined) delete drafts[path];
    else drafts[path] = text;
    set({ drafts });
  },
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
