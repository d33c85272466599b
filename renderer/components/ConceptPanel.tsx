import { Loader } from '@mantine/core';
import { lazy, type ReactElement, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useDashboardStore } from '../stores/dashboard';
import { isConnected, useEngineStore } from '../stores/engine';
import { useNavigation } from '../stores/navigation';
import { afterNextPaint } from './afterPaint';

const ConceptBody = lazy(() => import('./ConceptBody').then((m) => ({ default: m.ConceptBody })));

/** The side panel that explains the concept behind the current view or object. */
export function ConceptPanel({ conceptId }: { conceptId: string }): ReactElement {
  const { t } = useTranslation();
  const started = useStartedAfterFirstView();
  return (
    // The page's own scrollbar, not a drawn one: nothing to load before the first paint.
    <div className="lotse-concept-panel" data-testid="concept-panel">
      <div className="lotse-concept-panel-body">
        <p className="lotse-text lotse-xs lotse-dimmed lotse-caps">{t('shell.concept.title')}</p>
        {started ? (
          <Suspense fallback={<Loader size="sm" />}>
            <ConceptBody conceptId={conceptId} />
          </Suspense>
        ) : (
          <Loader size="sm" />
        )}
      </div>
    </div>
  );
}

/** Once started, the panel stays started (hiding and showing it again loads nothing twice). */
let startedOnce = false;
/** However the first view fares, the panel does not wait longer than this. */
const LONGEST_WAIT_MS = 3000;

/**
 * The concept texts and the Markdown renderer are not needed for the first paint: on start the panel
 * loads them after the frame in which the first view shows what it came for (on the dashboard, the
 * engine's counts), right away in any other area or without an engine.
 */
function useStartedAfterFirstView(): boolean {
  const [started, setStarted] = useState(startedOnce);
  const area = useNavigation((s) => s.area);
  const counted = useDashboardStore((s) => s.counts !== undefined || s.countsError !== undefined);
  const engine = useEngineStore((s) => s.state);
  const due = area !== 'dashboard' || counted || (engine !== undefined && !isConnected(engine));
  useEffect(() => {
    if (started) return undefined;
    const start = (): void => {
      startedOnce = true;
      setStarted(true);
    };
    const stopWaiting = due ? afterNextPaint(start) : undefined;
    const longest = setTimeout(start, LONGEST_WAIT_MS);
    return () => {
      stopWaiting?.();
      clearTimeout(longest);
    };
  }, [due, started]);
  return started;
}
