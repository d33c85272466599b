import { type ComponentType, lazy, type ReactElement } from 'react';

import type { NavigationAreaId } from '@shared/areas';

import { ErrorBoundary } from '../components/ErrorBoundary';
import { DashboardView } from './dashboard/DashboardView';

/** An area's view inside an error boundary: a failure to load or render shows a reload, never a blank page. */
function guarded(View: ComponentType): ComponentType {
  return function Guarded(): ReactElement {
    return (
      <ErrorBoundary>
        <View />
      </ErrorBoundary>
    );
  };
}

/**
 * The view of each area in the navigation, keyed by the area list (shared/areas.ts): an area left
 * out fails tsc. The dashboard is in the first bundle; each other area loads when it is first
 * opened, so start-up stays fast.
 */
export const areaViews = {
  dashboard: guarded(DashboardView),
  images: guarded(lazy(() => import('./images/ImagesView').then((m) => ({ default: m.ImagesView })))),
  containers: guarded(lazy(() => import('./containers/ContainersView').then((m) => ({ default: m.ContainersView })))),
  networks: guarded(lazy(() => import('./networks/NetworksView').then((m) => ({ default: m.NetworksView })))),
  volumes: guarded(
    lazy(async () => {
      const [{ VolumesView }, { PruneView }] = await Promise.all([import('./volumes/VolumesView'), import('./prune/PruneView')]);
      // Prune has no place in the navigation: its view is the volumes area's cleanup tab.
      return { default: () => <VolumesView cleanup={<PruneView />} /> };
    }),
  ),
  compose: guarded(lazy(() => import('./compose/ComposeView').then((m) => ({ default: m.ComposeView })))),
  swarm: guarded(lazy(() => import('./swarm/SwarmView').then((m) => ({ default: m.SwarmView })))),
  kube: guarded(lazy(() => import('./kube/KubeView').then((m) => ({ default: m.KubeView })))),
  learn: guarded(lazy(() => import('./learn/LearnView').then((m) => ({ default: m.LearnView })))),
} satisfies Record<NavigationAreaId, ComponentType>;
