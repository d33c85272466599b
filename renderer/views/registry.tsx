import { type ComponentType, lazy, type ReactElement } from 'react';

import { ErrorBoundary } from '../components/ErrorBoundary';
import type { AreaId } from './areas';
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
 * The view of each area that exists; the others say what will come (ComingSoonView). The dashboard
 * is in the first bundle; each other area loads when it is first opened, so start-up stays fast.
 */
export const areaViews: Partial<Record<AreaId, ComponentType>> = {
  dashboard: guarded(DashboardView),
  containers: guarded(lazy(() => import('./containers/ContainersView').then((m) => ({ default: m.ContainersView })))),
  images: guarded(lazy(() => import('./images/ImagesView').then((m) => ({ default: m.ImagesView })))),
  learn: guarded(lazy(() => import('./learn/LearnView').then((m) => ({ default: m.LearnView })))),
  networks: guarded(lazy(() => import('./networks/NetworksView').then((m) => ({ default: m.NetworksView })))),
  volumes: guarded(lazy(() => import('./volumes/VolumesView').then((m) => ({ default: m.VolumesView })))),
};

/** The concept each area opens in the side panel. */
export const areaConcepts: Record<AreaId, string> = {
  dashboard: 'disk-usage',
  images: 'image',
  containers: 'container',
  networks: 'networking',
  volumes: 'storage',
  compose: 'compose',
  swarm: 'swarm',
  kubernetes: 'kubernetes',
  learn: 'container-vs-vm',
};
