import { describe, expect, it } from 'vitest';

import { formatBytes } from '../../../renderer/format';

describe('formatBytes', () => {
  it('uses decimal units like the docker CLI', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_200_000)).toBe('12.2 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatBytes(12_200_000, 'de')).toBe('12,2 MB');
  });
});
