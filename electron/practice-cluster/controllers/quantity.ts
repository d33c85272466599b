/** Kubernetes resource quantities (`100m`, `0.5`, `128Mi`, `1G`) as numbers: CPU in cores, memory in bytes. */
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function parseQuantity(value: string | number | undefined | null): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(value.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * (SUFFIX[m[2] ?? ''] ?? 1);
}

export function isQuantity(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(parseQuantity(value));
}
