import { useHotkeys } from '@mantine/hooks';
import { useSpotlight } from '@mantine/spotlight';
import { type ComponentType, lazy, type ReactElement, Suspense, useEffect, useState } from 'react';

import { palette, paletteStore } from '../stores/palette';
import { useSettled } from '../stores/settled';

const loadPalette = (): Promise<{ default: ComponentType }> => import('./CommandPalette').then((m) => ({ default: m.CommandPalette }));
const CommandPalette = lazy(loadPalette);

/**
 * Ctrl+K and the header's search button open the command palette. The palette itself (Mantine's
 * Spotlight, its actions and styles) is not part of the first paint: it mounts when it is first
 * opened, and its chunk is fetched once the window has settled, so that opening it does not wait.
 */
export function PaletteHost(): ReactElement | null {
  const { opened } = useSpotlight(paletteStore);
  const [wanted, setWanted] = useState(false);
  if (opened && !wanted) setWanted(true);
  // Ignored while typing in a field, as Spotlight's own shortcut would be.
  useHotkeys([['mod+K', () => palette.toggle()]], ['INPUT', 'TEXTAREA', 'SELECT']);
  const settled = useSettled((s) => s.settled);
  useEffect(() => {
    if (settled) loadPalette().catch(() => undefined);
  }, [settled]);
  return wanted ? (
    <Suspense fallback={null}>
      <CommandPalette />
    </Suspense>
  ) : null;
}
