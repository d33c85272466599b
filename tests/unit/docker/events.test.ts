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
});
