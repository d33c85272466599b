import { describe, expect, it } from 'vitest';

import { cli } from '@shared/cli/quote';

import { HIDDEN, isSecretName, maskEnvEntry, maskEnvValue, maskSecrets } from '../../../renderer/learn/secrets';

describe('secret masking', () => {
  it('knows secret-like variable names', () => {
    for (const name of ['DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'API_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_PAT_TOKEN', 'pwd', 'auth']) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['PATH', 'HOME', 'NGINX_VERSION', 'PORT', 'TZ', 'LANG']) expect(isSecretName(name), name).toBe(false);
  });

  it('hides env values by name and by shape', () => {
    expect(maskEnvValue('DB_PASSWORD', 'lotse-fake-db-password-not-real')).toBe(HIDDEN);
    expect(maskEnvValue('PATH', '/usr/bin:/bin')).toBe('/usr/bin:/bin');
    expect(maskEnvValue('GREETING', 'ghp_abcdefghijklmnopqrstuvwxyz0123')).toBe(HIDDEN);
    expect(maskEnvEntry('API_TOKEN=lotse-fake-api-token-0123456789abcdef')).toBe(`API_TOKEN=${HIDDEN}`);
    expect(maskEnvEntry('NGINX_VERSION=1.27.0')).toBe('NGINX_VERSION=1.27.0');
    expect(maskEnvEntry('EMPTY_PASSWORD=')).toBe('EMPTY_PASSWORD=');
  });

  it('hides secrets in command lines and leaves everything else alone', () => {
    expect(maskSecrets(cli('docker', 'run', '-e', 'MYSQL_ROOT_PASSWORD=geheim', '-e', 'TZ=Europe/Berlin', 'mariadb'))).toBe(
      `docker run -e MYSQL_ROOT_PASSWORD=${HIDDEN} -e TZ=Europe/Berlin mariadb`,
    );
    expect(maskSecrets(cli('docker', 'run', '-e', 'DB_PASSWORD=with space', 'x'))).toBe(`docker run -e 'DB_PASSWORD=${HIDDEN}' x`);
    expect(maskSecrets('docker run --env=API_TOKEN=abc x')).toBe(`docker run --env=API_TOKEN=${HIDDEN} x`);
    expect(maskSecrets('docker login -u lotse -p lotse-pass 127.0.0.1:5001')).toBe(`docker login -u lotse -p ${HIDDEN} 127.0.0.1:5001`);
    expect(maskSecrets('docker login --password=lotse-pass 127.0.0.1:5001')).toBe(`docker login --password=${HIDDEN} 127.0.0.1:5001`);
    expect(maskSecrets('docker run -p 8080:80 nginx')).toBe('docker run -p 8080:80 nginx');
    expect(maskSecrets('git clone https://user:hunter2@example.org/repo.git')).toBe(`git clone https://user:${HIDDEN}@example.org/repo.git`);
    expect(maskSecrets('key: -----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----')).toBe(`key: ${HIDDEN}`);
    expect(maskSecrets('docker volume create foo')).toBe('docker volume create foo');
  });
});
