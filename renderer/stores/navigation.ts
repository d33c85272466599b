import { create } from 'zustand';

import { type NavigationAreaId, navigationAreas } from '@shared/areas';

function areaFromHash(hash: string): NavigationAreaId {
  const id = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return navigationAreas.find((area) => area.id === id)?.id ?? 'dashboard';
}

interface NavigationStore {
  area: NavigationAreaId;
  go: (area: NavigationAreaId) => void;
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
