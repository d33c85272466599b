import { create } from 'zustand';

import type { EngineState } from '@shared/dto/engine';

import { api } from '../api';

interface EngineStore {
  state: EngineState | undefined;
  /** Subscribes once to the engine's connection state; returns the disposer. */
  watch: () => () => void;
  retryNow: () => Promise<void>;
}

export const useEngineStore = create<EngineStore>((set) => ({
  state: undefined,
  watch: () => api.subscribe('engine.state', {}, (state) => set({ state })),
  retryNow: async () => {
    set({ state: await api.call('engine.reconnect', {}) });
  },
}));

export const isConnected = (state: EngineState | undefined): boolean => state?.status === 'connected';
