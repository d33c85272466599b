import { Center, Loader } from '@mantine/core';
import { lazy, type ReactElement, Suspense, useEffect } from 'react';

import { navigationArea, type NavigationAreaId } from '@shared/areas';

import { PaletteHost } from './components/PaletteHost';
import { Shell } from './components/Shell';
import { useBackend } from './stores/backend';
import { useConcept } from './stores/concept';
import { useEngineStore } from './stores/engine';
import { useNavigation } from './stores/navigation';
import { settleWhenIdle, useSettled } from './stores/settled';
import { BackendUnreachableView } from './views/BackendUnreachableView';
import { OnboardingView } from './views/onboarding/OnboardingView';
import { areaViews } from './views/registry';

// Mounted once the window has settled: notifications asked for before that wait in their store, and
// dialogs (actions/modals.ts) settle the window at once and wait for their provider.
const NotificationsHost = lazy(() => import('./components/NotificationsHost').then((m) => ({ default: m.NotificationsHost })));
const ModalsHost = lazy(() => import('./components/ModalsHost').then((m) => ({ default: m.ModalsHost })));

export function App(): ReactElement {
  // What the window follows (engine, journal, address, counts) starts before the first render: renderer/startup.ts.
  const engine = useEngineStore((s) => s.state);
  const area = useNavigation((s) => s.area);
  const selectedConcept = useConcept((s) => s.selected);
  const resetConcept = useConcept((s) => s.reset);
  useEffect(() => resetConcept(), [area, resetConcept]);
  // After the first picture is committed: what it did not need is set up when the browser is idle.
  useEffect(() => settleWhenIdle(), []);

  const settled = useSettled((s) => s.settled);
  const backend = useBackend();
  const noEngineYet = engine !== undefined && !engine.everConnected && engine.status === 'disconnected';
  return (
    <>
      <PaletteHost />
      {settled ? (
        <Suspense fallback={null}>
          <NotificationsHost />
          <ModalsHost />
        </Suspense>
      ) : null}
      <Shell conceptId={noEngineYet ? 'docker-desktop-vs-engine' : (selectedConcept ?? navigationArea[area].concept)}>
        {backend.open === false && (engine === undefined || !backend.everOpen) ? (
          <BackendUnreachableView wasOpen={backend.everOpen} />
        ) : engine === undefined ? (
          <Center h={240}>
            <Loader />
          </Center>
        ) : noEngineYet ? (
          <OnboardingView />
        ) : (
          <AreaView area={area} />
        )}
      </Shell>
    </>
  );
}

function AreaView({ area }: { area: NavigationAreaId }): ReactElement {
  const View = areaViews[area];
  return (
    <Suspense
      fallback={
        <Center h={240}>
          <Loader />
        </Center>
      }
    >
      <View />
    </Suspense>
  );
}
