import { describe, expect, it } from 'vitest';

import { parseDotenv } from '@shared/compose/dotenv';
import { interpolate } from '@shared/compose/interpolate';

const vars: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (name: string): string | undefined => vars[name];
const v2 = (raw: string) => interpolate(raw, lookup, 'v2');
const v1 = (raw: string) => interpolate(raw, lookup, 'v1');

describe('interpolation as Compose v2 does it', () => {
  it.each([
    ['$SET and ${SET}', 'value and value'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['$$SET costs $$5', '$SET costs $5'],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${SET:+[${SET}]}', '[value]'],
    ['price $1', 'price $1'],
  ])('%s → %s', (raw, expected) => {
    const result = v2(raw);
    expect(result.problems).toEqual([]);
    expect(result.value).toBe(expected);
  });

  it('stops on a required variable that is unset or empty, with its message', () => {
    expect(v2('${UNSET:?set UNSET first}').problems).toEqual([{ kind: 'required', name: 'UNSET', offset: 0, text: 'set UNSET first' }]);
    expect(v2('${EMPTY:?no}').problems).toHaveLength(1);
    expect(v2('${EMPTY?no}').problems).toEqual([]);
    expect(v2('${SET:?no}').value).toBe('value');
  });

  it('refuses a broken reference', () => {
    expect(v2('${}').problems[0]?.kind).toBe('invalid');
    expect(v2('${SET').problems[0]?.kind).toBe('invalid');
    expect(v2('${SET:x}').problems[0]?.kind).toBe('invalid');
  });

  it('records every reference with its place in the value', () => {
    const refs = v2('a ${UNSET:-${SET}} $EMPTY').refs.map((r) => [r.name, r.offset, r.operator]);
    expect(refs).toEqual([
      ['UNSET', 2, ':-'],
      ['SET', 11, ''],
      ['EMPTY', 19, ''],
    ]);
  });
});

describe('interpolation as Compose v1 does it', () => {
  it.each([
    ['${SET}', 'value'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['$$SET', '$SET'],
    // v1 takes the default up to the first } literally: no nesting (docker-compose 1.29 prints "${B:-c}").
    ['${UNSET:-${B:-c}}', '${B:-c}'],
  ])('%s → %s', (raw, expected) => {
    expect(v1(raw).problems).toEqual([]);
    expect(v1(raw).value).toBe(expected);
  });

  it('does not know :+ and +, nor a $ before anything but a name, { or $', () => {
    expect(v1('${SET:+alt}').problems[0]).toMatchObject({ kind: 'invalid', text: '${SET:+alt}' });
    expect(v1('${SET+alt}').problems[0]?.kind).toBe('invalid');
    expect(v1('price $1').problems[0]?.kind).toBe('invalid');
    expect(v2('${SET:+alt}').problems).toEqual([]);
  });

  it('stops on :? and ? as v2 does', () => {
    expect(v1('${UNSET?missing}').problems).toEqual([{ kind: 'required', name: 'UNSET', offset: 0, text: 'missing' }]);
  });
});

describe('.env files', () => {
  it('reads assignments, export, quotes, comments and keeps the line of each', () => {
    const entries = parseDotenv(
      ['# DB Connection Information:', 'DB_HOST=db', 'export USER=me', "SINGLE='a $b # c'", 'DOUBLE="x\\ny"', 'PLAIN=v # comment', '', 'not an assignment', 'MULTI="one', 'two"'].join('\n'),
    );
    expect(entries).toEqual([
      { name: 'DB_HOST', value: 'db', line: 2 },
      { name: 'USER', value: 'me', line: 3 },
      { name: 'SINGLE', value: 'a $b # c', line: 4 },
      { name: 'DOUBLE', value: 'x\ny', line: 5 },
      { name: 'PLAIN', value: 'v', line: 6 },
      { name: 'MULTI', value: 'one\ntwo', line: 9 },
    ]);
  });
});
