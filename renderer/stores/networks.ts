import { create } from 'zustand';

import type { NetworkSummary, Topology } from '@shared/dto/networks';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

/** Container events that change an address, a port or a network membership. */
const CONTAINER_ACTIONS = /^(create|start|restart|die|stop|kill|pause|unpause|rename|destroy)/;

interface NetworksStore {
  list: NetworkSummary[];
  topology: Topology | undefined;
  loaded: boolean;
  error: ErrorData | undefined;
  load: () => Promise<void>;
  /** Re-reads list and topology on network and container events (debounced); returns the disposer. */
  watchEvents: () => () => void;
}

export const useNetworks = create<NetworksStore>((set, get) => ({
  list: [],
  topology: undefined,
  loaded: false,
  error: undefined,
  load: async () => {
    try {
      const [list, topology] = await Promise.all([api.call('networks.list', {}), api.call('networks.topology', {})]);
      set({ list, topology, loaded: true, error: undefined });
    } catch (error) {
      set({ error: toErrorData(error) });
    }
  },
  watchEvents: () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dispose = api.subscribe('docker.events', { types: ['network', 'container'] }, (event) => {
      if (event.type === 'container' && !CONTAINER_ACTIONS.test(event.action)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void get().load(), 150);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  },
}));
