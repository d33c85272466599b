import { api } from './api';
import { useBackend } from './stores/backend';
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

/**
 * Resolves when the first answers the first view shows are there: the engine's state and, on the
 * dashboard with an engine, its counts (or their error); or when the backend cannot be reached; at
 * the latest after `waitMs`. The first render waits for this, so the window's first picture is the
 * view with its numbers, instead of a spinner that React draws and then draws again (on a 2-core
 * machine each pass over the whole frame costs 50–100 ms). A slow backend still gets the frame after
 * `waitMs`, and the numbers when they come.
 */
export function firstAnswers(waitMs: number): Promise<void> {
  const answered = (): boolean => {
    if (useBackend.getState().open === false) return true;
    const engine = useEngineStore.getState().state;
    if (!engine) return false;
    if (engine.status !== 'connected' || useNavigation.getState().area !== 'dashboard') return true;
    const { counts, countsError } = useDashboardStore.getState();
    return counts !== undefined || countsError !== undefined;
  };
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    const done = (): void => {
      for (const stop of stops) stop();
      resolve();
    };
    if (answered()) return done();
    const check = (): void => {
      if (answered()) done();
    };
    const timer = setTimeout(done, waitMs);
    stops.push(() => clearTimeout(timer), useBackend.subscribe(check), useEngineStore.subscribe(check), useDashboardStore.subscribe(check));
    return undefined;
  });
}
