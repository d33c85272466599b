import { describe, expect, it } from 'vitest';

import { imageCommands } from '@shared/cli/images';

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
