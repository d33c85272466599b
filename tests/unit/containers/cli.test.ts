import { describe, expect, it } from 'vitest';

import { containerCli } from '@shared/cli/containers/lifecycle';
import { parsePort, parseRunCommand, parseVolume } from '@shared/cli/containers/parse';
import { runCommand } from '@shared/cli/containers/render';
import { RunSpec } from '@shared/dto/containers';

describe('docker run: rendering', () => {
  it('renders every option of the course in the CLI order', () => {
    const command = runCommand({
      image: 'lotse-lab/httpd:1.0',
      name: 'web',
      detach: true,
      autoRemove: false,
      ports: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
        { containerPort: 9000, protocol: 'tcp' },
      ],
      env: [{ key: 'GREETING', value: 'hallo welt' }],
      envFiles: ['/tmp/app.env'],
      mounts: [
        { type: 'bind', source: '/srv/www', target: '/www', readOnly: true },
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'volume', target: '/cache', readOnly: false },
        { type: 'tmpfs', target: '/run', size: '64m' },
      ],
      readOnly: true,
      network: 'lab',
      networkAliases: ['www'],
      hostname: 'web1',
      restart: { name: 'on-failure', maxRetries: 3 },
      user: '1000:1000',
      workdir: '/www',
      labels: [{ key: 'course', value: 'docker' }],
      memory: '256m',
      memorySwap: '512m',
      cpuShares: 512,
      cpus: '0.5',
      entrypoint: 'httpd',
      command: ['-f', '-p', '80'],
    });
    expect(command).toBe(
      "docker run -d --name web -p 8080:80 -p 127.0.0.1:5353:53/udp -p 9000 --env-file /tmp/app.env -e 'GREETING=hallo welt' " +
        '-v /srv/www:/www:ro -v data:/data -v /cache --tmpfs /run:size=64m --read-only --network lab --network-alias www ' +
        '--hostname web1 --restart on-failure:3 --user 1000:1000 --workdir /www --label course=docker --memory 256m ' +
        '--memory-swap 512m --cpu-shares 512 --cpus 0.5 --entrypoint httpd lotse-lab/httpd:1.0 -f -p 80',
    );
  });

  it('says docker create without -d, and -it together', () => {
    expect(runCommand({ image: 'busybox', interactive: true, tty: true }, { create: true })).toBe('docker create -it busybox');
    expect(runCommand({ image: 'busybox', detach: false, autoRemove: true, command: ['echo', 'hi'] })).toBe('docker run --rm busybox echo hi');
  });
});

describe('docker run: parsing a pasted command', () => {
  it('reads back what it renders', () => {
    const spec = RunSpec.parse({
      image: 'lotse-lab/httpd:1.0',
      name: 'web',
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80 }, { containerPort: 53, protocol: 'udp' }],
      env: [{ key: 'A', value: 'b c' }],
      envFiles: ['/tmp/x.env'],
      mounts: [
        { type: 'bind', source: '/srv', target: '/www', readOnly: true },
        { type: 'volume', source: 'foo', target: '/data' },
        { type: 'tmpfs', target: '/run', size: '16m' },
      ],
      readOnly: true,
      network: 'lab',
      networkAliases: ['a'],
      hostname: 'h',
      restart: { name: 'unless-stopped' },
      user: 'nobody',
      workdir: '/www',
      labels: [{ key: 'k', value: 'v' }],
      memory: '128m',
      memorySwap: '-1',
      cpuShares: 256,
      cpus: '1.5',
      entrypoint: '/bin/sh',
      command: ['-c', 'echo "$A"'],
    });
    const parsed = parseRunCommand(runCommand(spec));
    expect(parsed.unknownFlags).toEqual([]);
    expect(parsed.problems).toEqual([]);
    expect(RunSpec.parse(parsed.spec)).toEqual(spec);
  });

  it('reads combined short flags, = forms, --mount and line continuations', () => {
    const parsed = parseRunCommand(`docker container run -dit --rm \\
      --name=web -p8080:80 -e X=1 -m 200m \\
      --mount type=bind,source=/srv/www,target=/www,readonly --mount type=tmpfs,dst=/tmp,tmpfs-size=1048576 \\
      --restart=on-failure:5 busybox sh -c 'echo hi'`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.spec).toMatchObject({
      image: 'busybox',
      detach: true,
      interactive: true,
      tty: true,
      autoRemove: true,
      name: 'web',
      ports: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      env: [{ key: 'X', value: '1' }],
      memory: '200m',
      mounts: [
        { type: 'bind', source: '/srv/www', target: '/www', readOnly: true },
        { type: 'tmpfs', target: '/tmp', size: '1048576' },
      ],
      restart: { name: 'on-failure', maxRetries: 5 },
      command: ['sh', '-c', 'echo hi'],
    });
  });

  it('names unknown flags instead of dropping them, and still finds the image', () => {
    const parsed = parseRunCommand('docker run --privileged --cap-add NET_ADMIN --log-opt max-size=10m -d nginx:1.27');
    expect(parsed.unknownFlags).toEqual(['--privileged', '--cap-add', '--log-opt']);
    expect(parsed.spec.image).toBe('nginx:1.27');
    expect(parsed.spec.detach).toBe(true);
  });

  it('reports bad values and a missing image', () => {
    expect(parseRunCommand('docker run -p 80:http busybox').problems[0]).toMatch(/not a port mapping/);
    expect(parseRunCommand('docker run --restart sometimes busybox').problems[0]).toMatch(/restart policy/);
    expect(parseRunCommand('docker run -d').problems).toContain('No image given: the image comes after the options.');
    expect(parseRunCommand('docker ps').problems[0]).toMatch(/docker run/);
  });

  it('parses ports and volumes like the CLI', () => {
    expect(parsePort('80')).toEqual({ containerPort: 80, protocol: 'tcp' });
    expect(parsePort('127.0.0.1::80/udp')).toEqual({ hostIp: '127.0.0.1', containerPort: 80, protocol: 'udp' });
    expect(parsePort('[::1]:8080:80')).toEqual({ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' });
    expect(parsePort('99999:80')).toBeUndefined();
    expect(parseVolume('/data')).toEqual({ type: 'volume', target: '/data', readOnly: false });
    expect(parseVolume('foo:/data:ro')).toEqual({ type: 'volume', source: 'foo', target: '/data', readOnly: true });
    expect(parseVolume('./site:/www')).toEqual({ type: 'bind', source: './site', target: '/www', readOnly: false });
  });

  it('reads values the way the docker CLI does: glued, after =, and starting with a dash', () => {
    const parsed = parseRunCommand('docker run -vdata:/data --rm=false -dp 80:80 --memory-swap -1 busybox --rm');
    expect(parsed.problems).toEqual([]);
    expect(parsed.unknownFlags).toEqual([]);
    expect(parsed.spec).toMatchObject({
      mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: false }],
      autoRemove: false,
      detach: true,
      ports: [{ hostPort: 80, containerPort: 80, protocol: 'tcp' }],
      memorySwap: '-1',
      image: 'busybox',
      command: ['--rm'],
    });
  });
});

describe('lifecycle commands', () => {
  it('renders lifecycle commands', () => {
    expect(containerCli.stop(['a', 'b'], 5)).toBe('docker stop -t 5 a b');
    expect(containerCli.kill(['a'], 'SIGHUP')).toBe('docker kill -s SIGHUP a');
    expect(containerCli.kill(['a'])).toBe('docker kill a');
    expect(containerCli.remove(['a'], { force: true, volumes: true })).toBe('docker rm -f -v a');
    expect(containerCli.logs('web', { follow: true, tail: 100, since: '10m', timestamps: true })).toBe('docker logs -f --tail 100 --since 10m -t web');
    expect(containerCli.exec('web', ['sh'])).toBe('docker exec -it web sh');
    expect(containerCli.copyOut('web', '/etc/hostname')).toBe('docker cp web:/etc/hostname .');
  });
});
