import { describe, expect, it } from 'vitest';

import { ServiceForm } from '@shared/dto/swarm';
import { HIDDEN, maskSecrets } from '@shared/rules/secrets';
import { checkNodeRef, checkServiceName, checkServiceRef, checkSwarmAddress, JoinToken, UnlockKey } from '@shared/rules/swarm-names';
import { formatDuration, parseCpus, parseDuration, serviceFormIssues } from '@shared/rules/swarm-spec';

describe('swarm names', () => {
  it('takes service names as swarmkit does: a DNS label, - and _ only between letters and digits', () => {
    for (const ok of ['web', 'my-app_2', 'a', 'a__b', 'x'.repeat(63)]) expect(checkServiceName(ok)).toBeNull();
    expect(checkServiceName('')).toEqual({ code: 'empty' });
    expect(checkServiceName('a.b')).toEqual({ code: 'badChar', char: '.' });
    expect(checkServiceName('-web')).toEqual({ code: 'badStart', char: '-' });
    expect(checkServiceName('web-')).toEqual({ code: 'badChar', char: '-' });
    expect(checkServiceName('x'.repeat(64))).toEqual({ code: 'tooLong', max: 63 });
    expect(checkServiceName('web server')).toEqual({ code: 'badChar', char: ' ' });
  });

  it('finds services by id or name and nodes by id, host name or self; nothing that changes a URL', () => {
    expect(checkServiceRef('g331uodyu7t11j5h6hpmezfob')).toBeNull();
    expect(checkServiceRef('web?x')).toEqual({ code: 'badChar', char: '?' });
    expect(checkNodeRef('lotse-worker-1.example.org')).toBeNull();
    expect(checkNodeRef('self')).toBeNull();
    expect(checkNodeRef('..')).toEqual({ code: 'badStart', char: '.' });
    expect(checkNodeRef('a/b')).toEqual({ code: 'badChar', char: '/' });
    expect(checkNodeRef('a%2Fb')).toEqual({ code: 'badChar', char: '%' });
  });

  it('takes addresses with or without a port, and interfaces only where the CLI does', () => {
    expect(checkSwarmAddress('192.168.231.1', false)).toBeNull();
    expect(checkSwarmAddress('192.168.231.1:2377', false)).toBeNull();
    expect(checkSwarmAddress('[fd00::1]:2377', false)).toBeNull();
    expect(checkSwarmAddress('manager.example.org', false)).toBeNull();
    expect(checkSwarmAddress('eth0', true)).toBeNull();
    expect(checkSwarmAddress('host:99999', false)).toBe('badPort');
    expect(checkSwarmAddress('two words', false)).toBe('badHost');
    expect(checkSwarmAddress('', true)).toBe('empty');
  });

  it('knows a join token and an unlock key by their shape, and hides both where secrets are hidden', () => {
    const token = `SWMTKN-1-${'a1'.repeat(25)}-${'b'.repeat(25)}`;
    expect(JoinToken.safeParse(token).success).toBe(true);
    expect(maskSecrets(`docker swarm join --token ${token} 10.0.0.1:2377`)).toBe(`docker swarm join --token ${HIDDEN} 10.0.0.1:2377`);
    expect(maskSecrets(`SWMKEY-1-${'A'.repeat(43)}`)).toBe(HIDDEN);
    expect(JoinToken.safeParse('SWMTKN-1-short').success).toBe(false);
    expect(UnlockKey.safeParse(`SWMKEY-1-${'A'.repeat(43)}`).success).toBe(true);
  });
});

describe('durations, CPUs and the service form', () => {
  it('reads and writes durations as Go does', () => {
    expect(parseDuration('10s')).toBe(10e9);
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(5e8);
    expect(parseDuration('1.5h')).toBe(5400e9);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('10 s')).toBeUndefined();
    for (const text of ['0s', '500ms', '10s', '1m30s', '1h0m0s', '1.5s']) expect(formatDuration(parseDuration(text) ?? -1)).toBe(text);
    expect(parseCpus('0.5')).toBe(5e8);
    expect(parseCpus('0')).toBeUndefined();
    expect(parseCpus('half')).toBeUndefined();
  });

  it('names each problem of a form with its field, row and part', () => {
    const form = ServiceForm.parse({
      name: 'web',
      image: 'busybox',
      env: [{ key: 'A B', value: '1' }],
      publish: [
        { published: 8080, target: 80 },
        { published: 8080, target: 81 },
      ],
      mounts: [{ type: 'bind', source: 'data', target: 'www' }],
      networks: ['bridge', 'nowhere'],
      constraints: ['node.role=manager', 'node.colour==blue', 'node.labels.zone==a'],
      placementPrefs: ['spread=node.labels.zone', 'pack'],
      limits: { cpus: '0.5', memory: '64m' },
      reservations: { cpus: '1', memory: 'lots' },
      update: { delay: '10' },
      rollback: { failureAction: 'rollback' },
    });
    const issues = serviceFormIssues(form, {
      serviceNames: ['web'],
      networks: [{ id: 'b1', name: 'bridge', driver: 'bridge', scope: 'local' }],
    });
    expect(issues.map((i) => [i.field, i.index ?? i.part ?? '', i.code])).toEqual([
      ['name', '', 'nameInUse'],
      ['env', 0, 'envNameInvalid'],
      ['publish', 1, 'portTwice'],
      ['mounts', 0, 'targetRelative'],
      ['mounts', 0, 'bindRelative'],
      ['networks', 0, 'networkNotSwarm'],
      ['networks', 1, 'networkMissing'],
      ['constraints', 0, 'constraintSyntax'],
      ['constraints', 1, 'constraintKey'],
      ['placementPrefs', 1, 'preferenceSyntax'],
      ['reservations', 'memory', 'memoryInvalid'],
      ['reservations', 'cpus', 'reservationAboveLimit'],
      ['update', 'delay', 'durationInvalid'],
      ['rollback', 'failureAction', 'rollbackOnRollback'],
    ]);
    expect(serviceFormIssues(ServiceForm.parse({ name: 'ok', image: 'busybox' }))).toEqual([]);
  });
});
