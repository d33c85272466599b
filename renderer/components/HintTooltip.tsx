import { Tooltip, type TooltipProps } from '@mantine/core';
import type { ReactElement } from 'react';

/** Mantine's Tooltip, in a chunk of its own with its floating positioning (loaded by Hint.tsx). */
export function HintTooltip(props: TooltipProps): ReactElement {
  return <Tooltip {...props} />;
}
