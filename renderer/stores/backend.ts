import { create } from 'zustand';

import { api } from '../api';

interface BackendStore {
  /** undefined until the transport has said anything; IPC never does, and is always reachable. */
  open: boolean | undefined;
  everOpen: boolean;
}

/** Whether the UI reaches Lotse's backend at all (separate from whether the backend reaches Docker). */
export const useBackend = create<BackendStore>(() => ({ open: undefined, everOpen: false }));

api.onStatus((open) => useBackend.setState((s) => ({ open, everOpen: s.everOpen || open })));
