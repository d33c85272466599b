import { describe, expect, it } from 'vitest';

import { imageCommands } from '@shared/cli/images';
import { parseReference } from '@shared/dto/images';

describe('image commands', () => {
  it('renders each action as the docker command a learner would type', () => {
    expect(imageCommands.pull('127.0.0.1:5000/learn/web:1.0')).toBe('docker image pull 127.0.0.1:5000/learn/web:1.0');
    expect(imageCommands.remove('web:1', true)).toBe('docker image rm --force web:1');
    expect(imageCommands.remove('web:1', false)).toBe('docker image rm web:1');
    expect(imageCommands.tag('web:1', 'web:2')).toBe('docker image tag web:1 web:2');
    expect(imageCommands.analyze('web:1')).toBe('docker image save web:1 | tar -t');
    expect(imageCommands.login('127.0.0.1:5001', 'lotse')).toBe('docker login --username lotse --password-stdin 127.0.0.1:5001');
    expect(imageCommands.build({ contextDir: '/home/me/my app', dockerfile: 'Dockerfile.dev', tag: 'app:1', buildArgs: { V: '1 2' }, target: 'run' })).toBe(
      "docker build --file Dockerfile.dev --tag app:1 --build-arg 'V=1 2' --target run '/home/me/my app'",
    );
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
