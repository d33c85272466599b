import { describe, expect, it } from 'vitest';

import {
  checkContainerName,
  checkImageRef,
  checkImageReference,
  checkNetworkName,
  checkNetworkRef,
  checkObjectId,
  checkObjectRef,
  checkVolumeName,
  ContainerName,
  ContainerRef,
  ImageRef,
  ImageReference,
  NetworkName,
  NetworkRef,
  ObjectId,
  VolumeName,
} from '@shared/rules/names';

const hex64 = 'f'.repeat(24) + '0123456789abcdef'.repeat(2) + '9'.repeat(8);
/** What a client could send to reach another path or query of the engine's API. */
const hostile = ['..', '.', 'x/..', '/name', 'name?force=1&x=', '%2e%2e', 'x%2F..', 'a b', 'x'.repeat(300), '\u0000', 'a#b', 'a\nb'];

describe('container and volume names (daemon/names, the local volume driver)', () => {
  // The engine's answers: `docker run --name a` → "Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed";
  // `docker volume create a` → "volume name is too short, names should be at least two alphanumeric characters".
  it.each([checkContainerName, checkVolumeName])('%o takes what the engine takes', (check) => {
    for (const name of ['ab', 'web', 'a.', 'A_B', 'web-1.2_x', 'x..y', hex64]) expect(check(name), name).toBeNull();
    expect(check('')).toEqual({ code: 'empty' });
    expect(check('a')).toEqual({ code: 'tooShort', min: 2 });
    expect(check('-a')).toEqual({ code: 'badStart', char: '-' });
    expect(check('.hidden')).toEqual({ code: 'badStart', char: '.' });
    expect(check('_x')).toEqual({ code: 'badStart', char: '_' });
    expect(check('a b')).toEqual({ code: 'badChar', char: ' ' });
    expect(check('a/b')).toEqual({ code: 'badChar', char: '/' });
    expect(check('grüße')).toEqual({ code: 'badChar', char: 'ü' });
    expect(check('/web')).toEqual({ code: 'leadingSlash' });
    expect(check('a'.repeat(255))).toBeNull();
    expect(check('a'.repeat(256))).toEqual({ code: 'tooLong', max: 255 });
  });

  it('takes ids, id prefixes and names where an existing container is meant', () => {
    for (const ref of ['a', '3f', 'web', 'web-1', hex64]) expect(checkObjectRef(ref), ref).toBeNull();
    for (const ref of hostile) expect(checkObjectRef(ref), ref).not.toBeNull();
  });
});

describe('object ids', () => {
  it('are hex digits, all 64 or a prefix, sha256: allowed in front', () => {
    for (const id of [hex64, `sha256:${hex64}`, '3f5a', 'a']) expect(checkObjectId(id), id).toBeNull();
    expect(checkObjectId('')).toEqual({ code: 'empty' });
    expect(checkObjectId('sha256:')).toEqual({ code: 'empty' });
    expect(checkObjectId('3F5A')).toEqual({ code: 'uppercase' });
    expect(checkObjectId('web')).toEqual({ code: 'badChar', char: 'w' });
    expect(checkObjectId(`${hex64}0`)).toEqual({ code: 'tooLong', max: 64 });
    for (const id of hostile) expect(checkObjectId(id), id).not.toBeNull();
  });
});

describe('network names', () => {
  it('are nearly free, as the engine takes them', () => {
    // Names the engine created without complaint (POST /networks/create).
    for (const name of ['a', 'UP', 'ä', 'a:b', '-x', '.x', 'a@b', 'a+b', 'x..y', 'lotse_default', 'bridge']) expect(checkNetworkRef(name), name).toBeNull();
  });

  it('never hold what would change the URL, and no invisible characters', () => {
    expect(checkNetworkRef('..')).toEqual({ code: 'reserved' });
    expect(checkNetworkRef('.')).toEqual({ code: 'reserved' });
    expect(checkNetworkRef('/net')).toEqual({ code: 'leadingSlash' });
    for (const char of ['/', '?', '#', '%', '\\', ' ', '\t', '\u00a0', '\u0000', '\u007f', '\u200b']) {
      expect(checkNetworkRef(`a${char}b`), JSON.stringify(char)).toEqual({ code: 'badChar', char });
    }
    expect(checkNetworkRef('a\uD800b')).toEqual({ code: 'badChar', char: '\uD800' });
    expect(checkNetworkRef('')).toEqual({ code: 'empty' });
    expect(checkNetworkRef('n'.repeat(256))).toEqual({ code: 'tooLong', max: 255 });
    for (const name of hostile) expect(checkNetworkRef(name), name).not.toBeNull();
  });

  it("keeps the engine's own networks' names out of new ones", () => {
    for (const name of ['bridge', 'host', 'none', 'default', 'container:web']) expect(checkNetworkName(name), name).toEqual({ code: 'reserved' });
    expect(checkNetworkName('bridge2')).toBeNull();
    expect(checkNetworkName('a b')).toEqual({ code: 'badChar', char: ' ' });
  });
});

/** distribution/reference's grammar as one anchored expression, written from its documented productions. */
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const namePattern = `(?:${host}(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*`;
const REFERENCE = new RegExp(`^(${namePattern})(?::\\w[\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

describe('image references (distribution/reference)', () => {
  const valid = [
    'nginx',
    'nginx:1.27',
    'library/nginx',
    'docker.io/library/nginx:latest',
    '127.0.0.1:5000/learn/busybox:1.0',
    'localhost/x',
    'localhost:5000/a/b/c',
    '[::1]:5000/x',
    'Registry.Example.com/app',
    'a__b',
    'a-----b',
    'a.b_c-d',
    // A Docker Hub path, though it looks like a host: the engine tags it (docker.io/my_reg.com/x).
    'my_reg.com/x',
    'app:_x',
    `app:${'t'.repeat(128)}`,
    `x@sha256:${hex64}`,
    `x:1@sha256:${hex64}`,
    `x@sha512:${'ab'.repeat(64)}`,
  ];

  it('takes what the grammar takes', () => {
    for (const ref of valid) {
      expect(checkImageReference(ref), ref).toBeNull();
      expect(REFERENCE.test(ref), ref).toBe(true);
    }
  });

  it('says what is wrong where the grammar refuses', () => {
    const refused: [string, object][] = [
      ['', { code: 'empty' }],
      ['MyApp', { code: 'uppercase' }],
      ['foo/Bar', { code: 'uppercase' }],
      ['a..b', { code: 'badChar', char: '.' }],
      ['a___b', { code: 'badChar', char: '_' }],
      ['a._b', { code: 'badChar', char: '_' }],
      ['a-', { code: 'badChar', char: '-' }],
      ['_a', { code: 'badStart', char: '_' }],
      ['a//b', { code: 'badChar', char: '/' }],
      ['a/', { code: 'badChar', char: '/' }],
      ['/a', { code: 'leadingSlash' }],
      ['a b', { code: 'badChar', char: ' ' }],
      ['app:-1', { code: 'badTag' }],
      ['app:.x', { code: 'badTag' }],
      [`app:${'t'.repeat(129)}`, { code: 'badTag' }],
      ['x@sha256:abc', { code: 'badDigest' }],
      ['x@md5', { code: 'badDigest' }],
      ['reg:abc/x', { code: 'badChar', char: 'a' }],
      ['my_reg.com/X', { code: 'uppercase' }],
      ['my.reg/Bar', { code: 'uppercase' }],
      ['reg_x:5000/a', { code: 'badChar', char: '_' }],
      ['-x.com/a', { code: 'badStart', char: '-' }],
      [':1.0', { code: 'empty' }],
      [`${'a'.repeat(256)}:1`, { code: 'tooLong', max: 255 }],
      ['a'.repeat(513), { code: 'tooLong', max: 512 }],
      // "invalid repository name (…), cannot specify 64-byte hexadecimal strings"
      [hex64, { code: 'reserved' }],
    ];
    for (const [ref, issue] of refused) {
      expect(checkImageReference(ref), ref).toEqual(issue);
      if (ref.length <= 255 && ref !== hex64) expect(REFERENCE.test(ref), ref).toBe(false);
    }
    for (const ref of hostile) expect(checkImageReference(ref), ref).not.toBeNull();
  });

  it('agrees with the grammar on every one-character change of the valid ones', () => {
    const palette = ['a', 'A', '0', '.', '_', '-', '/', ':', '@', '[', ']', '+', ' ', '?', '%'];
    let refusedCount = 0;
    for (const ref of valid) {
      for (let at = 0; at <= ref.length; at++) {
        for (const char of palette) {
          for (const variant of [ref.slice(0, at) + char + ref.slice(at), ref.slice(0, at) + char + ref.slice(at + 1)]) {
            const name = REFERENCE.exec(variant)?.[1];
            const expected = name !== undefined && name.length <= 255 && !/^[a-f0-9]{64}$/.test(name);
            expect(checkImageReference(variant) === null, variant).toBe(expected);
            if (!expected) refusedCount++;
          }
        }
      }
    }
    expect(refusedCount).toBeGreaterThan(1000);
  });

  it('takes ids beside references where an existing image is meant', () => {
    for (const ref of [...valid, hex64, `sha256:${hex64}`, '3f5a1b', `sha256:${hex64.slice(0, 12)}`]) expect(checkImageRef(ref), ref).toBeNull();
    for (const ref of hostile) expect(checkImageRef(ref), ref).not.toBeNull();
  });
});

describe('the schemas', () => {
  it('refuse with the issue code as message and the issue as params', () => {
    const refused = ContainerRef.safeParse('..');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: 'badStart', params: { code: 'badStart', char: '.' } })]);
    expect(ImageReference.safeParse('MyApp').error?.issues[0]?.message).toBe('uppercase');
    expect(VolumeName.safeParse('a').error?.issues).toEqual([expect.objectContaining({ message: 'tooShort', params: { code: 'tooShort', min: 2 } })]);
  });

  it('let good values through unchanged and refuse every hostile one', () => {
    const good: [typeof ContainerRef, string][] = [
      [ContainerRef, 'web-1'],
      [ContainerName, 'web-1'],
      [VolumeName, 'data'],
      [NetworkRef, 'bridge'],
      [NetworkName, 'app-net'],
      [ImageRef, '127.0.0.1:5000/learn/busybox:1.0'],
      [ImageReference, '127.0.0.1:5000/learn/busybox:1.0'],
      [ObjectId, hex64],
    ];
    for (const [schema, value] of good) {
      expect(schema.parse(value)).toBe(value);
      for (const bad of hostile) expect(schema.safeParse(bad).success, `${schema.description ?? ''} ${JSON.stringify(bad)}`).toBe(false);
    }
  });
});
