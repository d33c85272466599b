import { describe, expect, it } from 'vitest';

import {
  joinTokenCommand,
  nodeAvailabilityCommand,
  nodeLabelsCommand,
  nodeRoleCommand,
  parsePublish,
  parseServiceCreate,
  serviceCreateCommand,
  serviceScaleCommand,
  serviceUpdateCommand,
  swarmInitCommand,
  swarmJoinCommand,
  swarmLeaveCommand,
  withPort,
} from '@shared/cli/swarm';
import { ServiceForm } from '@shared/dto/swarm';

import { toForm } from '../../../electron/services/swarm/read';
import { specFromForm } from '../../../electron/services/swarm/spec';

describe('swarm and node commands', () => {
  it('are the course’s commands, word for word', () => {
    expect(swarmInitCommand({ advertiseAddr: '192.168.56.10' })).toBe('docker swarm init --advertise-addr 192.168.56.10');
    expect(swarmJoinCommand({ token: 'SWMTKN-1-x', remoteAddr: '192.168.56.10' })).toBe('docker swarm join --token SWMTKN-1-x 192.168.56.10:2377');
    expect(joinTokenCommand('worker')).toBe('docker swarm join-token worker');
    expect(joinTokenCommand('manager', true)).toBe('docker swarm join-token --rotate manager');
    expect(swarmLeaveCommand(true)).toBe('docker swarm leave --force');
    expect(nodeAvailabilityCommand('host1', 'drain')).toBe('docker node update --availability drain host1');
    expect(nodeRoleCommand('host1', 'manager')).toBe('docker node promote host1');
    expect(nodeRoleCommand('host1', 'worker')).toBe('docker node demote host1');
    expect(nodeLabelsCommand('host1', { zone: 'a', ssd: '' }, ['old'])).toBe('docker node update --label-add zone=a --label-add ssd --label-rm old host1');
    expect(serviceScaleCommand('helloworld', 2)).toBe('docker service scale helloworld=2');
  });

  it('adds the swarm port only where the address has none', () => {
    expect(withPort('10.0.0.1', 2377)).toBe('10.0.0.1:2377');
    expect(withPort('10.0.0.1:4000', 2377)).toBe('10.0.0.1:4000');
    expect(withPort('fd00::1', 2377)).toBe('[fd00::1]:2377');
    expect(withPort('[fd00::1]:2377', 2377)).toBe('[fd00::1]:2377');
  });

  it('writes an update as the CLI takes it: env as --env-add and --env-rm against the current list', () => {
    expect(
      serviceUpdateCommand('web', { image: 'web:2', env: [{ key: 'A', value: '1' }, { key: 'B', value: '3' }], update: { delay: '10s' }, force: true }, [
        { key: 'A', value: '1' },
        { key: 'B', value: '2' },
        { key: 'C', value: '0' },
      ]),
    ).toBe('docker service update --image web:2 --env-add B=3 --env-rm C --update-delay 10s --force web');
  });
});

describe('docker service create, both ways', () => {
  it('renders the course’s examples and leaves out the defaults', () => {
    expect(serviceCreateCommand({ name: 'helloworld', image: 'alpine', replicas: 1, command: ['ping', 'docker.com'] })).toBe(
      'docker service create --name helloworld --replicas 1 alpine ping docker.com',
    );
    const nginx = ServiceForm.parse({
      name: 'nginx',
      image: 'nginx:1.26.2',
      replicas: 3,
      publish: [{ published: 8080, target: 80 }],
      update: { delay: '10s' },
    });
    expect(serviceCreateCommand(nginx)).toBe('docker service create --name nginx --replicas 3 --publish published=8080,target=80 --update-delay 10s nginx:1.26.2');
    expect(serviceCreateCommand({ name: 'agent', image: 'busybox', mode: 'global' })).toBe('docker service create --name agent --mode global busybox');
  });

  it('reads a pasted command into the form: the course’s lines, short and long flags, unknown flags named', () => {
    const course = parseServiceCreate('docker service create --publish published=8080,target=80 --replicas 3 --\\\nname nginx --update-delay 10s nginx:1.26.2');
    expect(course.problems).toEqual([]);
    expect(course.form).toMatchObject({ name: 'nginx', replicas: 3, image: 'nginx:1.26.2', publish: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }], update: { delay: '10s', parallelism: 1 } });
    const mixed = parseServiceCreate(
      'docker service create -d --name=web -p 8081:80/udp -e A=1 --env B=2 --mount type=volume,source=data,target=/data,readonly --network net --constraint node.role==worker --limit-memory 64m --reserve-cpu 0.25 --restart-condition on-failure --secret s1 --label team=a --rollback-order start-first busybox sleep 60',
    );
    expect(mixed.unknownFlags).toEqual(['--secret']);
    expect(mixed.form).toMatchObject({
      name: 'web',
      image: 'busybox',
      command: ['sleep', '60'],
      publish: [{ published: 8081, target: 80, protocol: 'udp' }],
      env: [
        { key: 'A', value: '1' },
        { key: 'B', value: '2' },
      ],
      mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }],
      networks: ['net'],
      constraints: ['node.role==worker'],
      limits: { memory: '64m' },
      reservations: { cpus: '0.25' },
      restart: { condition: 'on-failure' },
      labels: [{ key: 'team', value: 'a' }],
      rollback: { order: 'start-first' },
    });
    expect(parseServiceCreate('docker run busybox').problems[0]).toContain('docker service create');
    expect(parseServiceCreate('docker service create --replicas many --name').problems).toEqual(['--replicas many: a whole number is expected.', '--name needs a value.', 'No image given: the image comes after the options.']);
    expect(parsePublish('published=80,target=8080,mode=host')).toEqual({ published: 80, target: 8080, protocol: 'tcp', mode: 'host' });
    expect(parsePublish('80:99999')).toBeUndefined();
  });

  it('round-trips: a form rendered and pasted back is the same form, and so is its spec read back', () => {
    const form = ServiceForm.parse({
      name: 'web',
      image: 'lotse-lab/httpd:1.0',
      replicas: 4,
      command: ['httpd', '-f', '-p', '80'],
      env: [{ key: 'GREETING', value: 'hello world' }],
      publish: [{ published: 8080, target: 80, mode: 'host' }],
      mounts: [{ type: 'tmpfs', target: '/tmp' }],
      networks: ['web-net'],
      constraints: ['node.labels.zone==a'],
      placementPrefs: ['spread=node.labels.zone'],
      maxReplicasPerNode: 2,
      limits: { cpus: '0.5', memory: '128m' },
      reservations: { memory: '32m' },
      restart: { condition: 'on-failure', delay: '2s', maxAttempts: 3, window: '1m0s' },
      update: { parallelism: 2, delay: '10s', failureAction: 'rollback', monitor: '3s', maxFailureRatio: 0.25, order: 'start-first' },
      rollback: { parallelism: 0, delay: '1s' },
      stopGracePeriod: '1s',
      labels: [{ key: 'team', value: 'a' }],
    });
    const pasted = parseServiceCreate(serviceCreateCommand(form));
    expect(pasted.problems).toEqual([]);
    expect(pasted.unknownFlags).toEqual([]);
    expect(ServiceForm.parse(pasted.form)).toEqual(form);
    expect(toForm(specFromForm(form))).toEqual(form);
  });
});
