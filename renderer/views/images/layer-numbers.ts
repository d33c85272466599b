import type { HistoryRow } from '@shared/dto/images';

/**
 * The explorer's one numbering: filesystem layers counted from 1 at the base, in the order of the
 * image's RootFS.Layers (the analysis' layer index + 1). History steps that only changed metadata
 * make no layer and get no number. Returns the layer number of each history index.
 */
export function layerNumbers(rows: readonly HistoryRow[]): Map<number, number> {
  const numbers = new Map<number, number>();
  for (const row of [...rows].sort((a, b) => a.index - b.index)) if (row.filesystem) numbers.set(row.index, numbers.size + 1);
  return numbers;
}
