import { create } from 'zustand';

import type { DiskUsage, ResourceCounts } from '@shared/dto/engine';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

const COUNTED_TYPES = ['container', 'image', 'network', 'volume'];

interface DashboardStore {
  counts: ResourceCounts | undefined;
  countsError: ErrorData | undefined;
  disk: DiskUsage | undefined;
  diskLoading: boolean;
  diskError: ErrorData | undefined;
  loadCounts: () => Promise<void>;
  loadDisk: () => Promise<void>;
  /** Re-reads the counts when the engine reports a change to what they count. */
  watchEvents: () => () => void;
}

export const useDashboardStore = create<DashboardStore>((set, get) => ({
  counts: undefined,
  countsError: undefined,
  disk: undefined,
  diskLoading: false,
  diskError: undefined,
  loadCounts: async () => {
    try {
      set({ counts: await api.call('system.counts', {}), countsError: undefined });
    } catch (error) {
      set({ countsError: toErrorData(error) });
    }
  },
  loadDisk: async () => {
    if (get().diskLoading) return;
    set({ diskLoading: true });
    try {
      set({ disk: await api.call('system.df', {}), diskError: undefined });
    } catch (error) {
      set({ diskError: toErrorData(error) });
    } finally {
      set({ diskLoading: false });
    }
  },
  watchEvents: () => {
    // Events are hints: a burst (compose up, prune) is coalesced into one re-read.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dispose = api.subscribe('docker.events', { types: COUNTED_TYPES }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void get().loadCounts(), 150);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  },
}));
