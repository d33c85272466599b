import { Stack } from '@mantine/core';
import type { ReactElement } from 'react';

import { DiskUsagePanel } from './DiskUsagePanel';
import { PrunePanel } from './PrunePanel';

/** Disk usage in detail and prune with its exact preview: the volumes area's cleanup tab. */
export function PruneView(): ReactElement {
  return (
    <Stack gap="xl">
      <DiskUsagePanel />
      <PrunePanel />
    </Stack>
  );
}
