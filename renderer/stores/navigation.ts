import { create } from 'zustand';

import { type AreaId, areaIds } from '../views/areas';

function areaFromHash(hash: string): AreaId {
  const id = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (areaIds as readonly string[]).includes(id) ? (id as AreaId) : 'dashboard';
}

interface NavigationStore {
  area: AreaId;
  go: (area: AreaId) => void;
  /** Follows the address bar's hash (back/forward); returns the disposer. */
  watchHash: () => () => void;
}

export const useNavigation = create<NavigationStore>((set) => ({
  area: areaFromHash(window.location.hash),
  go: (area) => {
    // Keep the query (the bridge's token) and change only the hash.
    if (window.location.hash !== `#/${area}`) window.location.hash = `/${area}`;
    set({ area });
  },
  watchHash: () => {
    const onHash = (): void => set({ area: areaFromHash(window.location.hash) });
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  },
}));
