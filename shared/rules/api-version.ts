/**
 * Whether the engine's API version (`1.43`, as GET /version says it) is at least `min`. Versions
 * compare part by part as numbers (1.9 < 1.10); one that is no version counts as older than any.
 */
export function apiAtLeast(version: string, min: string): boolean {
  const have = parts(version);
  const need = parts(min);
  if (!have || !need) return false;
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

function parts(version: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(version) ? version.split('.').map(Number) : undefined;
}
