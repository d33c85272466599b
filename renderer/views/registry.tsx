import type { ReactElement } from 'react';

import type { AreaId } from './areas';
import { ContainersView } from './containers/ContainersView';
import { DashboardView } from './dashboard/DashboardView';
import { ImagesView } from './images/ImagesView';
import { LearnView } from './learn/LearnView';
import { NetworksView } from './networks/NetworksView';
import { VolumesView } from './volumes/VolumesView';

/** The view of each area that exists; the others say what will come (ComingSoonView). */
export const areaViews: Partial<Record<AreaId, () => ReactElement>> = {
  dashboard: DashboardView,
  containers: ContainersView,
  images: ImagesView,
  learn: LearnView,
  networks: NetworksView,
  volumes: VolumesView,
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
