import { describe, expect, it } from 'vitest';

import { parseEvent } from '../../../electron/services/docker/engine';
import { LineSplitter } from '../../../electron/services/docker/lines';

describe('parseEvent', () => {
  it('turns an engine event line into an event DTO', () => {
    const line = JSON.stringify({
      Type: 'container',
      Action: 'start',
      Actor: { ID: 'abc', Attributes: { name: 'web', image: 'nginx' } },
      scope: 'local',
      time: 1700000000,
      timeNano: 1700000000123000000,
    });
    expect(parseEvent(line)).toEqual({
      type: 'container',
      action: 'start',
      id: 'abc',
      name: 'web',
      attributes: { name: 'web', image: 'nginx' },
      scope: 'local',
      time: 1700000000123,
    });
  });

  it('skips lines that are not events', () => {
    expect(parseEvent('{"status":"x"}')).toBeUndefined();
    expect(parseEvent('not json')).toBeUndefined();
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks', () => {
    const lines = new LineSplitter(100);
    expect(lines.push('{"a":')).toEqual([]);
    expect(lines.push('1}\n{"b":2}\n{"c"')).toEqual(['{"a":1}', '{"b":2}']);
    expect(lines.push(':3}\n')).toEqual(['{"c":3}']);
  });

  it('drops a line longer than its bound instead of buffering without end', () => {
    const lines = new LineSplitter(10);
    expect(lines.push('x'.repeat(50))).toEqual([]);
    expect(lines.push('yyy\nok\n')).toEqual(['ok']);
  });

  it('drops only the long line, not a whole line before it in the same chunk', () => {
    const lines = new LineSplitter(10);
    expect(lines.push(`{"a":1}\n${'x'.repeat(50)}`)).toEqual(['{"a":1}']);
    expect(lines.push('yyy\n{"b":2}\n')).toEqual(['{"b":2}']);
  });

  it('keeps a multi-byte character whole when a chunk border splits it', () => {
    const bytes = Buffer.from('{"name":"Grüße 🐳"}\n');
    const umlaut = bytes.indexOf(Buffer.from('ü'));
    const whale = bytes.indexOf(Buffer.from('🐳'));
    const lines = new LineSplitter(100);
    expect(lines.push(bytes.subarray(0, umlaut + 1))).toEqual([]);
    expect(lines.push(bytes.subarray(umlaut + 1, whale + 2))).toEqual([]);
    expect(lines.push(bytes.subarray(whale + 2))).toEqual(['{"name":"Grüße 🐳"}']);
  });

  it('as text: keeps lines as written, cuts a long one into pieces, and gives back the last line at the end', () => {
    const lines = new LineSplitter(4, 'text');
    expect(lines.push(Buffer.from(' a \r\n\nabcdefgh'))).toEqual([' a ', '', 'abcdefgh']);
    expect(lines.push(Buffer.from('xy\nlast'))).toEqual(['xy']);
    expect(lines.flush()).toEqual(['last']);
  });
});
