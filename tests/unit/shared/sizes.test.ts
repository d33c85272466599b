import { describe, expect, it } from 'vitest';

import { parseBytes } from '@shared/rules/sizes';

describe('sizes', () => {
  it('parses memory like the CLI: binary units, 200x refused', () => {
    expect(parseBytes('256m')).toBe(256 * 1024 * 1024);
    expect(parseBytes('1g')).toBe(1024 ** 3);
    expect(parseBytes('512KiB')).toBe(512 * 1024);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('1000')).toBe(1000);
    expect(parseBytes('200x')).toBeUndefined();
    expect(parseBytes('')).toBeUndefined();
  });
});
