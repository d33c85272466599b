import { describe, expect, it } from 'vitest';

import { cli } from '@shared/cli/shell';
import {
  envSecret,
  fileSecret,
  hasSecretShape,
  HIDDEN,
  isSecretName,
  maskEnvEntry,
  maskSecrets,
  maskValue,
  SECRET_SNIFF_BYTES,
} from '@shared/rules/secrets';

// Every value here is made up; none is a real credential.
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('secret names', () => {
  it('knows the names of secrets, in any spelling', () => {
    for (const name of ['DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'API_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_PAT_TOKEN', 'pwd', 'auth', 'apiKey', 'dbPassword', 'STRIPE_API_KEY', 'SSH_KEY', 'NPM_AUTH', 'REGISTRY_CREDENTIALS', 'PASSPHRASE']) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('leaves ordinary names alone, also those that merely contain a secret word', () => {
    for (const name of ['PATH', 'HOME', 'NGINX_VERSION', 'PORT', 'TZ', 'LANG', 'AUTHOR', 'PASSPORT_OFFICE', 'KEYBOARD', 'PUBLIC_KEY', 'TOKENIZER_MODEL', 'COMPASS']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('ENV values', () => {
  it('finds a secret by the name of the variable', () => {
    expect(envSecret('DB_PASSWORD', 'lotse-fake-db-password-not-real')).toEqual({ kind: 'env-var', reason: 'secret-name' });
    expect(envSecret('PATH', '/usr/bin:/bin')).toBeUndefined();
  });

  it('finds a secret by the shape of the value, whatever the name', () => {
    expect(envSecret('DEPLOY_ID', AWS_KEY_ID)).toEqual({ kind: 'env-var', reason: 'secret-value' });
    expect(envSecret('GREETING', 'ghp_abcdefghijklmnopqrstuvwxyz0123')).toEqual({ kind: 'env-var', reason: 'secret-value' });
    expect(envSecret('GREETING', 'hallo welt')).toBeUndefined();
    expect(envSecret('BUILD', 'AKIA-not-a-key')).toBeUndefined();
  });

  it('does not count empty values, paths and references as secrets', () => {
    expect(envSecret('DB_PASSWORD', '')).toBeUndefined();
    expect(envSecret('DB_PASSWORD_FILE', '/run/secrets/db')).toBeUndefined();
    expect(envSecret('API_TOKEN', '${TOKEN}')).toBeUndefined();
  });

  it('knows the shapes of keys and tokens', () => {
    for (const value of [AWS_KEY_ID, 'ASIAIOSFODNN7EXAMPLE', 'glpat-abcdefghijklmnopqrst', 'npm_abcdefghijklmnopqrstuvwxyz0123456789', 'xoxb-1234567890-abcdef', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U']) {
      expect(hasSecretShape(value), value).toBe(true);
    }
    for (const value of ['nginx:1.27', 'AKIA1234', 'sha256:0123456789abcdef', 'eyJ-short']) expect(hasSecretShape(value), value).toBe(false);
  });
});

describe('masks', () => {
  it('shows only the first and last characters of a long secret, nothing of a short one', () => {
    expect(maskValue(AWS_KEY_ID)).toBe(`AKIA${HIDDEN}LE`);
    expect(maskValue('geheim')).toBe(HIDDEN);
    expect(maskValue('exactly-15-char')).toBe(HIDDEN);
  });

  it('masks secret ENV entries and leaves the others', () => {
    expect(maskEnvEntry('API_TOKEN=lotse-fake-api-token-0123456789abcdef')).toBe(`API_TOKEN=lots${HIDDEN}ef`);
    expect(maskEnvEntry('NGINX_VERSION=1.27.0')).toBe('NGINX_VERSION=1.27.0');
    expect(maskEnvEntry('EMPTY_PASSWORD=')).toBe('EMPTY_PASSWORD=');
    expect(maskEnvEntry('NOVALUE')).toBe('NOVALUE');
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
    expect(maskSecrets(`docker run -e DEPLOY_ID=${AWS_KEY_ID} x`)).toBe(`docker run -e DEPLOY_ID=${HIDDEN} x`);
    expect(maskSecrets('docker volume create foo')).toBe('docker volume create foo');
  });
});

describe('files', () => {
  const pem = (type: string): string => `-----BEGIN ${type}PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END ${type}PRIVATE KEY-----\n`;

  it('private keys: by their PEM or OpenSSH header under any name, and by the usual names', () => {
    for (const type of ['', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ']) {
      expect(fileSecret('/app/deploy', pem(type)), type).toEqual({ kind: 'private-key', reason: 'pem-private-key' });
    }
    expect(fileSecret('/root/.ssh/id_ed25519')).toEqual({ kind: 'private-key', reason: 'key-file-name' });
    expect(fileSecret('/etc/ssl/private/server.key')).toEqual({ kind: 'private-key', reason: 'key-file-name' });
    expect(fileSecret('/root/.ssh/id_rsa.pub', 'ssh-rsa AAAAB3NzaC1yc2E lotse@example')).toBeUndefined();
    expect(fileSecret('/etc/ssl/certs/ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).toBeUndefined();
  });

  it('.env files, but not their examples', () => {
    expect(fileSecret('/app/.env', 'DB_PASSWORD=not-real')).toEqual({ kind: 'env-file', reason: 'env-file' });
    expect(fileSecret('/app/.env.production')).toEqual({ kind: 'env-file', reason: 'env-file' });
    expect(fileSecret('/app/.env.example', 'DB_PASSWORD=')).toBeUndefined();
    expect(fileSecret('/app/env.js', 'export const env = process.env;')).toBeUndefined();
  });

  it('AWS credentials under any name', () => {
    const credentials = `[default]\naws_access_key_id = ${AWS_KEY_ID}\naws_secret_access_key = ${AWS_SECRET}\n`;
    expect(fileSecret('/root/.aws/credentials', credentials)).toEqual({ kind: 'credentials', reason: 'aws-credentials' });
    expect(fileSecret('/app/config/credentials', credentials)).toEqual({ kind: 'credentials', reason: 'aws-credentials' });
    expect(fileSecret('/app/aws.ini', `[prod]\naws_secret_access_key=${AWS_SECRET}\n`)).toEqual({ kind: 'credentials', reason: 'aws-credentials' });
    // A profile that signs in through SSO holds no key.
    expect(fileSecret('/root/.aws/credentials', '[default]\nsso_session = lotse\nregion = eu-central-1\n')).toBeUndefined();
    expect(fileSecret('/app/README.md', 'Set aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY} in your shell.')).toBeUndefined();
  });

  it('GCP service account keys', () => {
    const account = JSON.stringify({ type: 'service_account', project_id: 'lotse', private_key_id: 'abc', private_key: pem(''), client_email: 'ci@lotse.iam.gserviceaccount.com' }, null, 2);
    expect(fileSecret('/app/key.json', account)).toEqual({ kind: 'credentials', reason: 'gcp-service-account' });
    expect(fileSecret('/app/package.json', JSON.stringify({ name: 'app', type: 'module', private: true }))).toBeUndefined();
  });

  it('.docker/config.json with registry logins, not one that uses a credential store', () => {
    const withAuth = JSON.stringify({ auths: { '127.0.0.1:5001': { auth: 'bG90c2U6bG90c2UtcGFzcw==' } } });
    expect(fileSecret('/root/.docker/config.json', withAuth)).toEqual({ kind: 'credentials', reason: 'docker-auths' });
    expect(fileSecret('/kaniko/config.json', withAuth)).toEqual({ kind: 'credentials', reason: 'docker-auths' });
    expect(fileSecret('/root/.docker/config.json', JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'desktop' }))).toBeUndefined();
  });

  it('.npmrc with a token, not one that reads it from the environment', () => {
    expect(fileSecret('/app/.npmrc', '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n')).toEqual({ kind: 'credentials', reason: 'npm-token' });
    expect(fileSecret('/app/.npmrc', 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n')).toBeUndefined();
  });

  it('.pypirc with a password', () => {
    expect(fileSecret('/root/.pypirc', '[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc\n')).toEqual({ kind: 'credentials', reason: 'pypi-password' });
    expect(fileSecret('/root/.pypirc', '[pypi]\nusername = lotse\n')).toBeUndefined();
  });

  it('kubeconfigs with a token or a client key, not one that asks a plugin', () => {
    const head = 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\nusers:\n- name: u\n  user:\n';
    expect(fileSecret('/root/.kube/config', `${head}    token: eyJhbGciOiJSUzI1NiJ9.abc.def\n`)).toEqual({ kind: 'credentials', reason: 'kube-credentials' });
    expect(fileSecret('/app/kubeconfig.yaml', `${head}    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=\n`)).toEqual({ kind: 'credentials', reason: 'kube-credentials' });
    expect(fileSecret('/root/.kube/config', `${head}    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: kubelogin\n`)).toBeUndefined();
  });

  it('files that are credentials by their name alone', () => {
    expect(fileSecret('/root/.git-credentials')).toEqual({ kind: 'credentials', reason: 'credentials-file-name' });
    expect(fileSecret('/root/.netrc', 'machine example.org login lotse password x')).toEqual({ kind: 'credentials', reason: 'credentials-file-name' });
    expect(fileSecret('/etc/nginx/nginx.conf', 'worker_processes 1;')).toBeUndefined();
  });

  it('judges content-dependent files by name when their content was not read', () => {
    expect(fileSecret('/root/.docker/config.json')).toEqual({ kind: 'credentials', reason: 'docker-auths' });
    expect(fileSecret('/root/.aws/credentials')).toEqual({ kind: 'credentials', reason: 'aws-credentials' });
    expect(fileSecret('/app/.npmrc')).toEqual({ kind: 'credentials', reason: 'npm-token' });
  });

  it('looks at the first bytes only, and not into binaries', () => {
    const late = `${'#'.repeat(SECRET_SNIFF_BYTES)}\naws_secret_access_key = ${AWS_SECRET}\n`;
    expect(fileSecret('/app/notes.txt', late)).toBeUndefined();
    expect(fileSecret('/usr/bin/tool', `\u007fELF\u0000\u0000${pem('')}`)).toBeUndefined();
  });
});
