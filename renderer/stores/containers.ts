import { create } from 'zustand';

import type { ContainerSummary } from '@shared/dto/containers';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

/** Container events that change what the list shows; exec_*, attach, resize, top and the like do not. */
const LIST_ACTIONS = /^(create|start|restart|die|stop|kill|pause|unpause|rename|destroy|update|oom|health_status)/;

interface ContainersStore {
  byId: Record<string, ContainerSummary>;
  loaded: boolean;
  loading: boolean;
  error: ErrorData | undefined;
  /** The container whose details are open. */
  openId: string | undefined;
  selected: string[];
  load: () => Promise<void>;
  /** Follows the engine's container events: re-reads only the containers they name; returns the disposer. */
  watchEvents: () => () => void;
  open: (id: string | undefined) => void;
  setSelected: (ids: string[]) => void;
  toggleSelected: (id: string) => void;
}

export const useContainers = create<ContainersStore>((set, get) => ({
  byId: {},
  loaded: false,
  loading: false,
  error: undefined,
  openId: undefined,
  selected: [],
  load: async () => {
    if (get().loading) return;
    set({ loading: true });
    try {
      const list = await api.call('containers.list', {});
      set({ byId: Object.fromEntries(list.map((c) => [c.id, c])), loaded: true, error: undefined });
    } catch (error) {
      set({ error: toErrorData(error) });
    } finally {
      set({ loading: false });
    }
  },
  watchEvents: () => {
    // Events are hints: the ids of a burst are collected for a moment and re-read in one call.
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async (): Promise<void> => {
      timer = undefined;
      const ids = [...pending];
      pending.clear();
      try {
        const fresh = await api.call('containers.list', { ids });
        const byId = { ...get().byId };
        for (const id of ids) delete byId[id];
        for (const c of fresh) byId[c.id] = c;
        set({ byId });
      } catch (error) {
        set({ error: toErrorData(error) });
      }
    };
    const dispose = api.subscribe('docker.events', { types: ['container'] }, (event) => {
      if (!LIST_ACTIONS.test(event.action)) return;
      if (event.action === 'destroy') {
        pending.delete(event.id);
        const byId = { ...get().byId };
        delete byId[event.id];
        set({ byId, selected: get().selected.filter((id) => id !== event.id), openId: get().openId === event.id ? undefined : get().openId });
        return;
      }
      pending.add(event.id);
      if (pending.size >= 400) void refresh();
      else timer ??= setTimeout(() => void refresh(), 30);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  },
  open: (id) => set({ openId: id }),
  setSelected: (ids) => set({ selected: ids }),
  toggleSelected: (id) => {
    const selected = get().selected;
    set({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] });
  },
}));
