/** Appends to a bounded list: the oldest entries fall out once it holds `limit`. */
export function ringPush<T>(list: readonly T[], item: T, limit: number): T[] {
  return [...list.slice(Math.max(0, list.length - limit + 1)), item];
}
