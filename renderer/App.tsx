import { Center, Loader } from '@mantine/core';
import { type ReactElement, Suspense, useEffect } from 'react';

import { navigationArea, type NavigationAreaId } from '@shared/areas';

import { api } from './api';
import { CommandPalette } from './components/CommandPalette';
import { Shell } from './components/Shell';
import { useBackend } from './stores/backend';
import { useConcept } from './stores/concept';
import { useDashboardStore } from './stores/dashboard';
import { useEngineStore } from './stores/engine';
import { connectJournal } from './stores/journal';
import { useNavigation } from './stores/navigation';
import { BackendUnreachableView } from './views/BackendUnreachableView';
import { OnboardingView } from './views/onboarding/OnboardingView';
import { areaViews } from './views/registry';


export function App(): ReactElement {
  const watchEngine = useEngineStore((s) => s.watch);
  const engine = useEngineStore((s) => s.state);
  const area = useNavigation((s) => s.area);
  const watchHash = useNavigation((s) => s.watchHash);

  useEffect(() => watchEngine(), [watchEngine]);
  // The dashboard's counts are asked for beside the engine's state, not after it.
  const followCounts = useDashboardStore((s) => s.followCounts);
  useEffect(() => (area === 'dashboard' ? followCounts() : undefined), [area, followCounts]);
  useEffect(() => watchHash(), [watchHash]);
  useEffect(() => connectJournal(api), []);
  const selectedConcept = useConcept((s) => s.selected);
  const resetConcept = useConcept((s) => s.reset);
  useEffect(() => resetConcept(), [area, resetConcept]);

  const backend = useBackend();
  const noEngineYet = engine !== undefined && !engine.everConnected && engine.status === 'disconnected';
  return (
    <>
      <CommandPalette />
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
