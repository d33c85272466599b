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
import type { ComponentType, ReactElement } from 'react';

import type { AreaIcon as AreaIconName } from '@shared/areas';

const icons: Record<AreaIconName, ComponentType<{ size?: number }>> = {
  gauge: IconGauge,
  layers: IconLayersSubtract,
  box: IconBox,
  network: IconNetwork,
  database: IconDatabase,
  stack: IconStack2,
  hexagons: IconHexagons,
  sitemap: IconSitemap,
  book: IconBook,
};

/** An area's icon, named in the area list (shared/areas.ts). */
export function AreaIcon({ icon, size }: { icon: AreaIconName; size: number }): ReactElement {
  const Icon = icons[icon];
  return <Icon size={size} />;
}
