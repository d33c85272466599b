import {
  IconBook,
  IconBox,
  IconDatabase,
  IconGauge,
  IconHexagons,
  IconLayersSubtract,
  IconNetwork,
  IconSitemap,
  IconStack2,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

import type { AreaId } from './areas';

export const areaIcons: Record<AreaId, ComponentType<{ size?: number }>> = {
  dashboard: IconGauge,
  images: IconLayersSubtract,
  containers: IconBox,
  networks: IconNetwork,
  volumes: IconDatabase,
  compose: IconStack2,
  swarm: IconHexagons,
  kubernetes: IconSitemap,
  learn: IconBook,
};
