import { type ComponentType, lazy } from 'react';

import type { AreaId } from './areas';
import { DashboardView } from './dashboard/DashboardView';

/**
 * The view of each area that exists; the others say what will come (ComingSoonView). The dashboard
 * is in the first bundle; each other area loads when it is first opened, so start-up stays fast.
 */
export const areaViews: Partial<Record<AreaId, ComponentType>> = {
  dashboard: DashboardView,
  containers: lazy(() => import('./containers/ContainersView').then((m) => ({ default: m.ContainersView }))),
  images: lazy(() => import('./images/ImagesView').then((m) => ({ default: m.ImagesView }))),
  learn: lazy(() => import('./learn/LearnView').then((m) => ({ default: m.LearnView }))),
  networks: lazy(() => import('./networks/NetworksView').then((m) => ({ default: m.NetworksView }))),
  volumes: lazy(() => import('./volumes/VolumesView').then((m) => ({ default: m.VolumesView }))),
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
