import { parseQuantity as parseShared } from '@shared/kube/quantity';

/**
 * Kubernetes resource quantities as the scheduler and kubelet use them: CPU in cores, memory in bytes;
 * an absent quantity counts as 0, a malformed one is NaN (the grammar is the one in shared/kube/quantity.ts).
 */
export function parseQuantity(value: string | number | undefined | null): number {
  if (value === undefined || value === null) return 0;
  return parseShared(value) ?? Number.NaN;
}

export function isQuantity(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(parseQuantity(value));
}
