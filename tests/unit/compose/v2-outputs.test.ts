import { describe, expect, it } from 'vitest';

import { composeCommand, courseScaleCommand } from '@shared/cli/compose';

import { parsePs, parseShortVersion, parseV2Version } from '../../../electron/services/compose/detect';
import { classifyFailure } from '../../../electron/services/compose/compose';

/**
 * Compose v2 is not in Debian 12, so its machine-readable outputs are tested here against recorded
 * outputs of real v2 releases (the formats of `version --format json` and `ps --format json`), not
 * against a running v2. The v1 paths run for real in tests/integration/compose.
 */
describe('Compose v2 outputs (recorded)', () => {
  it('version --format json, with and without the leading v', () => {
    expect(parseV2Version('{"version":"v2.20.2"}\n')).toBe('2.20.2');
    expect(parseV2Version('{"version":"2.29.7"}')).toBe('2.29.7');
    expect(parseV2Version('Docker Compose version v2.3.3')).toBeUndefined();
    expect(parseShortVersion('1.29.2\n')).toBe('1.29.2');
    expect(parseShortVersion('2.24.6-desktop.1')).toBe('2.24.6-desktop.1');
  });

  const before221 =
    '[{"ID":"3f1a","Name":"shop-web-1","Image":"nginx","Command":"/docker-entrypoint.sh nginx -g \'daemon off;\'","Project":"shop","Service":"web","Created":1700000000,"State":"running","Status":"Up 5 minutes","Health":"","ExitCode":0,"Publishers":[{"URL":"0.0.0.0","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"}]},{"ID":"9c2b","Name":"shop-db-1","Image":"postgres:15-alpine","Command":"docker-entrypoint.sh postgres","Project":"shop","Service":"db","Created":1700000000,"State":"running","Status":"Up 5 minutes (healthy)","Health":"healthy","ExitCode":0,"Publishers":null}]';
  const from221 =
    '{"Command":"\\"/docker-entrypoint.…\\"","CreatedAt":"2024-01-10 10:00:00 +0100 CET","ExitCode":0,"Health":"","ID":"3f1a","Image":"nginx","Labels":"com.docker.compose.project=shop","LocalVolumes":"0","Mounts":"","Name":"shop-web-1","Names":"shop-web-1","Networks":"shop_default","Ports":"0.0.0.0:8080->80/tcp","Project":"shop","Publishers":[{"URL":"0.0.0.0","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"}],"RunningFor":"5 minutes ago","Service":"web","Size":"0B","State":"running","Status":"Up 5 minutes"}\n{"Command":"\\"docker-entrypoint.s…\\"","CreatedAt":"2024-01-10 10:00:00 +0100 CET","ExitCode":1,"Health":"","ID":"9c2b","Image":"postgres:15-alpine","Labels":"","LocalVolumes":"1","Mounts":"shop_data","Name":"shop-db-1","Names":"shop-db-1","Networks":"shop_default","Ports":"","Project":"shop","Publishers":[],"RunningFor":"5 minutes ago","Service":"db","Size":"0B","State":"exited","Status":"Exited (1) 2 minutes ago"}\n';

  it('ps --format json: one JSON array before 2.21', () => {
    expect(parsePs(before221)).toEqual([
      { name: 'shop-web-1', service: 'web', state: 'running', health: '', exitCode: 0 },
      { name: 'shop-db-1', service: 'db', state: 'running', health: 'healthy', exitCode: 0 },
    ]);
  });

  it('ps --format json: one object per line (NDJSON) from 2.21 on', () => {
    expect(parsePs(from221)).toEqual([
      { name: 'shop-web-1', service: 'web', state: 'running', health: '', exitCode: 0 },
      { name: 'shop-db-1', service: 'db', state: 'exited', health: '', exitCode: 1 },
    ]);
    expect(parsePs('')).toEqual([]);
  });
});

describe('the exact commands', () => {
  const target = { name: 'shop', files: ['/srv/shop/compose.yaml', '/srv/shop/compose.override.yaml'], projectDir: '/srv/shop', envFile: '/srv/shop/prod.env', profiles: ['debug'] };
  it('v2: -p, absolute -f in order, env file, profiles, plain progress, from the project folder', () => {
    const v2 = { flavor: 'v2' as const, version: '2.29.7', command: ['docker', 'compose'] };
    expect(composeCommand(v2, target, { kind: 'up', build: true, pull: 'missing', removeOrphans: true, scale: { web: 3 } }).display).toBe(
      'cd /srv/shop && docker compose --ansi never --progress plain -p shop -f /srv/shop/compose.yaml -f /srv/shop/compose.override.yaml --env-file /srv/shop/prod.env --profile debug up -d --build --pull missing --remove-orphans --scale web=3',
    );
    expect(composeCommand(v2, target, { kind: 'ps' }).argv.slice(-4)).toEqual(['ps', '-a', '--format', 'json']);
    expect(courseScaleCommand(v2, 'app', 2)).toBe('docker compose scale app=2');
  });

  it('v1: no --progress, no up --pull; down -v only when asked', () => {
    const v1 = { flavor: 'v1' as const, version: '1.29.2', command: ['docker-compose'] };
    const up = composeCommand(v1, { ...target, profiles: [] }, { kind: 'up', pull: 'always' });
    expect(up.argv).toEqual(['docker-compose', '--ansi', 'never', '-p', 'shop', '-f', '/srv/shop/compose.yaml', '-f', '/srv/shop/compose.override.yaml', '--env-file', '/srv/shop/prod.env', 'up', '-d']);
    expect(up.cwd).toBe('/srv/shop');
    expect(composeCommand(v1, target, { kind: 'down', volumes: false }).argv).not.toContain('-v');
    expect(composeCommand(v1, target, { kind: 'down', volumes: true }).argv.at(-1)).toBe('-v');
  });
});

describe('a failed run in words', () => {
  it.each([
    ['Error response from daemon: driver failed programming external connectivity on endpoint shop_web_1: Bind for 0.0.0.0:8080 failed: port is already allocated', 'portTaken'],
    ['ERROR: for app  Container "3f1a" is unhealthy.', 'dependencyUnhealthy'],
    ['dependency failed to start: container shop-db-1 is unhealthy', 'dependencyUnhealthy'],
    ['ERROR: pull access denied for nosuch/image, repository does not exist or may require \'docker login\'', 'imageMissing'],
    ['ERROR: Service \'web\' failed to build : The command \'/bin/sh -c false\' returned a non-zero code: 1', 'buildFailed'],
    ["ERROR: The Compose file './docker-compose.yml' is invalid because:", 'fileInvalid'],
    ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'engineUnavailable'],
  ])('%s → %s', (line, reason) => {
    expect(classifyFailure(['Creating network "shop_default"', line])?.reason).toBe(reason);
  });
});
