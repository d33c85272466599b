import { describe, expect, it } from 'vitest';

import { apiAtLeast } from '@shared/rules/api-version';

describe('apiAtLeast', () => {
  it('compares part by part as numbers', () => {
    expect(apiAtLeast('1.42', '1.42')).toBe(true);
    expect(apiAtLeast('1.43', '1.42')).toBe(true);
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('1.9', '1.10')).toBe(false);
    expect(apiAtLeast('2.0', '1.42')).toBe(true);
    expect(apiAtLeast('0.99', '1.42')).toBe(false);
    expect(apiAtLeast('1', '1.0')).toBe(true);
  });

  it('counts what is no version as older than any', () => {
    expect(apiAtLeast('', '1.42')).toBe(false);
    expect(apiAtLeast('unknown', '1.42')).toBe(false);
    expect(apiAtLeast('1.x', '1.0')).toBe(false);
    expect(apiAtLeast('1.42 ', '1.42')).toBe(false);
  });
});
