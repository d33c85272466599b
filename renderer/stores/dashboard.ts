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
  /**
   * Reads the counts at once (beside the engine's state, not after it) and keeps them current: read
   * again when the engine reports a change to what they count, and when it connects again.
   */
  followCounts: () => () => void;
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
  followCounts: () => {
    // Events are hints: a burst (compose up, prune) is coalesced into one re-read.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offEvents = api.subscribe('docker.events', { types: COUNTED_TYPES }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void get().loadCounts(), 150);
    });
    let connected: boolean | undefined;
    const offState = api.subscribe('engine.state', {}, (state) => {
      const now = state.status === 'connected';
      // The first state arrives with the first read; only a connection made later asks again.
      if (now && connected === false) void get().loadCounts();
      connected = now;
    });
    void get().loadCounts();
    return () => {
      clearTimeout(timer);
      offEvents();
      offState();
    };
  },
}));
