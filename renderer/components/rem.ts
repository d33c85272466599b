import { useMemo } from 'react';

import { useTrainer } from '../stores/trainer';

/**
 * Pixels per rem: 16, more in presentation mode, whose larger root type scales every rem-sized
 * text. Fixed pixel sizes that must hold such text (a virtual list's row height) multiply by it / 16.
 */
export function useRem(): number {
  const presentation = useTrainer((s) => s.presentation);
  // The presentation switch sets the root's type before the store changes: read it after.
  return useMemo(() => (presentation ? Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16 : 16), [presentation]);
}
