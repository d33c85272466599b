import { createSpotlight } from '@mantine/spotlight';

/** Whether the command palette is open: opened by Ctrl+K and the header's button, read by the palette. */
export const [paletteStore, palette] = createSpotlight();
