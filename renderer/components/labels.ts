/** `key=value` entries of a tags field (labels, driver options) as a record; an entry without `=` has an empty value. */
export function parseLabels(items: string[]): Record<string, string> {
  return Object.fromEntries(items.map((item) => {
    const at = item.indexOf('=');
    return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
  }));
}
