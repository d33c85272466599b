import { create } from 'zustand';

import type { ContainerMounts, VolumeSummary } from '@shared/dto/volumes';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

interface VolumesStore {
  list: VolumeSummary[];
  mounts: ContainerMounts[];
  /** Name → bytes from /system/df; undefined until asked for (it walks every volume). */
  sizes: Record<string, number> | undefined;
  sizesLoading: boolean;
  loaded: boolean;
  error: ErrorData | undefined;
  load: () => Promise<void>;
  loadSizes: () => Promise<void>;
  watchEvents: () => () => void;
}

export const useVolumes = create<VolumesStore>((set, get) => ({
  list: [],
  mounts: [],
  sizes: undefined,
  sizesLoading: false,
  loaded: false,
  error: undefined,
  load: async () => {
    try {
      const [list, mounts] = await Promise.all([api.call('volumes.list', {}), api.call('volumes.mounts', {})]);
      set({ list, mounts, loaded: true, error: undefined });
    } catch (error) {
      set({ error: toErrorData(error) });
    }
  },
  loadSizes: async () => {
    if (get().sizesLoading) return;
    set({ sizesLoading: true });
    try {
      set({ sizes: await api.call('volumes.sizes', {}) });
    } catch (error) {
      set({ error: toErrorData(error) });
    } finally {
      set({ sizesLoading: false });
    }
  },
  watchEvents: () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dispose = api.subscribe('docker.events', { types: ['volume', 'container'] }, (event) => {
      if (event.type === 'container' && !/^(create|destroy|start|die)/.test(event.action)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void get().load();
        // Sizes stay as they were until asked again; new or removed volumes show without one.
      }, 150);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  },
}));
