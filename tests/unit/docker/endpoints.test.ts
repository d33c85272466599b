import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { type ResolveInput, resolveEndpoints } from '../../../electron/services/docker/endpoints';

function input(overrides: Partial<ResolveInput> & { files?: Record<string, string> } = {}): ResolveInput {
  const files = overrides.files ?? {};
  return {
    env: {},
    home: '/home/learner',
    platform: 'linux',
    exists: (path) => path in files,
    readFile: (path) => files[path],
    ...overrides,
  };
}

const sha = (name: string) => createHash('sha256').update(name).digest('hex');

describe('resolveEndpoints', () => {
  it('takes DOCKER_HOST first, as the docker CLI does', () => {
    const files = { '/var/run/docker.sock': '' };
    expect(resolveEndpoints(input({ env: { DOCKER_HOST: 'unix:///tmp/other.sock' }, files }))).toEqual([
      { kind: 'unix', address: '/tmp/other.sock', tls: false, source: 'DOCKER_HOST' },
    ]);
  });

  it('reads TLS settings for tcp hosts from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    const [endpoint] = resolveEndpoints(
      input({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }),
    );
    expect(endpoint).toMatchObject({
      kind: 'tcp',
      address: '10.0.0.5:2376',
      tls: true,
      tlsVerify: true,
      tlsFiles: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' },
    });
    expect(resolveEndpoints(input({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } }))[0]).toMatchObject({ tls: false });
  });

  it('understands npipe hosts', () => {
    expect(resolveEndpoints(input({ env: { DOCKER_HOST: 'npipe:////./pipe/docker_engine' } }))[0]).toMatchObject({
      kind: 'npipe',
      address: '\\\\.\\pipe\\docker_engine',
    });
  });

  it("follows config.json's currentContext to the context's endpoint", () => {
    const meta = `/home/learner/.docker/contexts/meta/${sha('colima')}/meta.json`;
    const files = {
      '/home/learner/.docker/config.json': JSON.stringify({ currentContext: 'colima' }),
      [meta]: JSON.stringify({ Name: 'colima', Endpoints: { docker: { Host: 'unix:///home/learner/.colima/docker.sock' } } }),
      '/var/run/docker.sock': '',
    };
    expect(resolveEndpoints(input({ files }))).toEqual([
      { kind: 'unix', address: '/home/learner/.colima/docker.sock', tls: false, source: 'docker-context', context: 'colima' },
    ]);
  });

  it('lets DOCKER_CONTEXT override config.json and uses the context TLS folder', () => {
    const digest = sha('remote');
    const files = {
      '/home/learner/.docker/config.json': JSON.stringify({ currentContext: 'colima' }),
      [`/home/learner/.docker/contexts/meta/${digest}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'tcp://build.example:2376', SkipTLSVerify: false } },
      }),
      [`/home/learner/.docker/contexts/tls/${digest}/docker/ca.pem`]: 'CA',
    };
    expect(resolveEndpoints(input({ env: { DOCKER_CONTEXT: 'remote' }, files }))[0]).toMatchObject({
      kind: 'tcp',
      source: 'docker-context',
      context: 'remote',
      tls: true,
      tlsFiles: { ca: `/home/learner/.docker/contexts/tls/${digest}/docker/ca.pem` },
    });
  });

  it('falls back to the sockets that exist: default, rootless, Docker Desktop, Podman', () => {
    const files = {
      '/run/user/1000/docker.sock': '',
      '/home/learner/.docker/desktop/docker.sock': '',
      '/run/user/1000/podman/podman.sock': '',
    };
    const found = resolveEndpoints(input({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, files }));
    expect(found.map((e) => [e.source, e.address])).toEqual([
      ['rootless', '/run/user/1000/docker.sock'],
      ['docker-desktop', '/home/learner/.docker/desktop/docker.sock'],
      ['podman', '/run/user/1000/podman/podman.sock'],
    ]);
  });

  it('names the default socket when nothing exists, so the message says where it looked', () => {
    expect(resolveEndpoints(input())).toEqual([{ kind: 'unix', address: '/var/run/docker.sock', tls: false, source: 'default-socket' }]);
  });

  it('knows Docker Desktop on macOS and the named pipes on Windows', () => {
    const mac = resolveEndpoints(input({ platform: 'darwin', files: { '/home/learner/.docker/run/docker.sock': '' } }));
    expect(mac[0]).toMatchObject({ source: 'docker-desktop', address: '/home/learner/.docker/run/docker.sock' });
    const win = resolveEndpoints(input({ platform: 'win32' }));
    expect(win.map((e) => e.kind)).toEqual(['npipe', 'npipe']);
  });

  it('ignores a broken config.json instead of failing', () => {
    const files = { '/home/learner/.docker/config.json': '{not json', '/var/run/docker.sock': '' };
    expect(resolveEndpoints(input({ files }))[0]).toMatchObject({ source: 'default-socket' });
  });
});
