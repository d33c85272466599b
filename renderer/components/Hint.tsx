import { Tooltip, type TooltipProps } from '@mantine/core';
import type { ReactNode } from 'react';

import { useSettled } from '../stores/settled';

/**
 * Mantine's Tooltip, mounted once the window has settled (stores/settled.ts): until then its target
 * is drawn alone. Each tooltip sets up its floating positioning when it mounts, and the frame and the
 * dashboard show a handful of them before anyone can point at one.
 */
export function Hint(props: TooltipProps): ReactNode {
  const settled = useSettled((s) => s.settled);
  return settled ? <Tooltip {...props} /> : props.children;
}
