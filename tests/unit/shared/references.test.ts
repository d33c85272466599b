import { describe, expect, it } from 'vitest';

import { splitReference } from '@shared/rules/names';
import { parseReference } from '@shared/rules/references';

describe('splitting image references', () => {
  it('finds the tag behind the last slash and the digest after the first @', () => {
    expect(splitReference('nginx')).toEqual({ name: 'nginx' });
    expect(splitReference('nginx:1.27')).toEqual({ name: 'nginx', tag: '1.27' });
    expect(splitReference('127.0.0.1:5000/learn/web')).toEqual({ name: '127.0.0.1:5000/learn/web' });
    expect(splitReference('[::1]:5000/web:2')).toEqual({ name: '[::1]:5000/web', tag: '2' });
    expect(splitReference('127.0.0.1:5000/team/web:1.0@sha256:abc')).toEqual({ name: '127.0.0.1:5000/team/web', tag: '1.0', digest: 'sha256:abc' });
    expect(splitReference('web@sha256:abc')).toEqual({ name: 'web', digest: 'sha256:abc' });
  });

  it('keeps an empty part when its separator ends the text, for the checks to refuse', () => {
    expect(splitReference('web:')).toEqual({ name: 'web', tag: '' });
    expect(splitReference('web@')).toEqual({ name: 'web', digest: '' });
    expect(splitReference('a@b@c')).toEqual({ name: 'a', digest: 'b@c' });
  });
});

describe('image references', () => {
  it('fills in what the docker CLI implies', () => {
    expect(parseReference('nginx')).toMatchObject({ full: 'docker.io/library/nginx:latest', implied: { registry: true, library: true, tag: true } });
    expect(parseReference('127.0.0.1:5000/learn/web:1.0')).toMatchObject({ registry: '127.0.0.1:5000', repository: 'learn/web', tag: '1.0' });
    expect(parseReference('localhost/x@sha256:' + 'a'.repeat(64))).toMatchObject({ registry: 'localhost', digest: `sha256:${'a'.repeat(64)}` });
  });

  it('explains names that break the rules', () => {
    expect(parseReference('MyApp:1')).toMatchObject({ error: expect.stringContaining('lowercase') as unknown });
    expect(parseReference('app:-1')).toMatchObject({ error: expect.stringContaining('tag') as unknown });
    expect(parseReference('a//b')).toMatchObject({ error: expect.stringContaining('empty') as unknown });
    expect(parseReference('')).toHaveProperty('error');
  });
});
