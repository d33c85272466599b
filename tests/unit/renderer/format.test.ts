import { describe, expect, it } from 'vitest';

import { formatBytes, formatNumber, formatPercent, shorten } from '../../../renderer/format';

describe('formatBytes', () => {
  it('uses decimal units like the docker CLI', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_200_000)).toBe('12.2 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });

  it('writes German sizes with a decimal comma', () => {
    expect(formatBytes(33_600_000, 'de')).toBe('33,6 MB');
    expect(formatBytes(12_200_000, 'de')).toBe('12,2 MB');
    expect(formatBytes(1_980_000, 'de')).toBe('1,98 MB');
  });
});

describe('formatNumber', () => {
  it('uses the German separators in German and the English ones in English', () => {
    expect(formatNumber(33.6, 'de', 1)).toBe('33,6');
    expect(formatNumber(12_345, 'de')).toBe('12.345');
    expect(formatNumber(33.6, 'en', 1)).toBe('33.6');
    expect(formatNumber(12_345, 'en')).toBe('12,345');
  });

  it('writes whole numbers below 1000 as the formatter of either language would, without building one', () => {
    for (const language of ['de', 'en']) {
      const intl = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
      for (let n = -999; n <= 999; n++) expect(formatNumber(n, language)).toBe(intl.format(n));
      expect(formatNumber(5, language, 2)).toBe('5');
    }
    expect(formatNumber(5, 'de', 2, 2)).toBe('5,00');
    expect(formatNumber(1000, 'de')).toBe('1.000');
  });

  it('writes every number as Intl.NumberFormat of either language would, without building one', () => {
    // A seeded walk over magnitudes, signs, halves and precisions: the hand-written path must agree
    // with the platform's formatter digit for digit, or the first paint would save time by lying.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = [0, -0.001, -0.5, 0.5, 1.5, 2.5, 1.005, 1.045, 999.95, 999_999.5, 1e15 + 0.5, 123_456_789_012_345_680_000, -1234.5678];
    for (let i = 0; i < 2000; i++) {
      const magnitude = 10 ** Math.floor(random() * 16 - 4);
      const value = (random() - 0.3) * magnitude;
      values.push(value, Math.round(value * 100) / 100, Math.round(value) + 0.5);
    }
    for (const language of ['de', 'en']) {
      for (const [max, min] of [[0, 0], [1, 0], [2, 0], [2, 2], [1, 1], [3, 1]] as const) {
        const intl = new Intl.NumberFormat(language, { maximumFractionDigits: max, minimumFractionDigits: min });
        for (const value of values) expect(`${value} → ${formatNumber(value, language, max, min)}`).toBe(`${value} → ${intl.format(value)}`);
      }
    }
    // Other languages still get Intl's own writing.
    expect(formatNumber(1234.5, 'fr', 1)).toBe(new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }).format(1234.5));
  });

  it('writes percentages with fixed decimals in the UI language', () => {
    expect(formatPercent(40.25, 'de')).toBe('40,3 %');
    expect(formatPercent(7, 'en', 2)).toBe('7.00 %');
  });

  it('says – for what is not a number', () => {
    expect(formatNumber(Number.NaN, 'de')).toBe('–');
  });
});

describe('shorten', () => {
  it('keeps short text and cuts long text at a word boundary, never inside a word', () => {
    expect(shorten('RUN rm /data/big.bin', 40)).toBe('RUN rm /data/big.bin');
    expect(shorten('RUN head -c 8388608 /dev/urandom > /data/big.bin', 36)).toBe('RUN head -c 8388608 /dev/urandom >…');
    expect(shorten('COPY file:73e2b2d48642 /usr/local/lib/python3/site-packages', 40)).toBe('COPY file:73e2b2d48642 /usr/local/lib/…');
  });
});
