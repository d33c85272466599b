import type { TooltipProps } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';

import { useSettled } from '../stores/settled';

const HintTooltip = lazy(() => import('./HintTooltip').then((m) => ({ default: m.HintTooltip })));

/**
 * A tooltip that is there once the window has settled (stores/settled.ts): until then its target is
 * drawn alone. Mantine's Tooltip and its floating positioning (floating-ui) are a chunk that is loaded
 * then, not part of the first load, and no tooltip is set up before anyone can point at one.
 */
export function Hint(props: TooltipProps): ReactNode {
  const settled = useSettled((s) => s.settled);
  if (!settled) return props.children;
  return (
    <Suspense fallback={props.children}>
      <HintTooltip {...props} />
    </Suspense>
  );
}
