import { api } from './api';
import { useDashboardStore } from './stores/dashboard';
import { useEngineStore } from './stores/engine';
import { connectJournal } from './stores/journal';
import { useNavigation } from './stores/navigation';

/**
 * What a window follows for as long as it is open, whatever it shows: the engine's state, the journal,
 * the address, and the dashboard's counts while the dashboard is shown. Started before the first
 * render, so the first answers are on their way while the texts load and React draws the shell.
 */
export function startFollowing(): void {
  useEngineStore.getState().watch();
  connectJournal(api);
  useNavigation.getState().watchHash();
  // The counts are asked for beside the engine's state, not after it.
  let stopCounts: (() => void) | undefined;
  const follow = (area: string): void => {
    if (area === 'dashboard') stopCounts ??= useDashboardStore.getState().followCounts();
    else {
      stopCounts?.();
      stopCounts = undefined;
    }
  };
  follow(useNavigation.getState().area);
  useNavigation.subscribe((s) => follow(s.area));
}
