import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCommand } from '@shared/cli/containers/render';
import type { EventOf, TopicName, TopicParamsOf } from '@shared/contract';
import type { LogLine, RunSpecInput, StatsSample } from '@shared/dto/containers';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';
import { inMemoryTransport } from '../../support/in-memory';

const lab = labEnv();
const label = testLabel();
const busybox = lab.LOTSE_LAB_IMAGE_BUSYBOX!;
const httpd = lab.LOTSE_LAB_IMAGE_HTTPD!;
const prefix = `lotse-test-ct-${process.pid}`;
let backend: Backend;
let api: RpcClient;
let dir: string;
const network = `${prefix}-net`;
const volume = `${prefix}-vol`;

/** Collects a topic's events until `until` says enough (or the time is up). */
function collect<T extends TopicName>(topic: T, params: TopicParamsOf<T>, until: (events: EventOf<T>[]) => boolean, ms = 15_000): Promise<EventOf<T>[]> {
  return new Promise((resolve, reject) => {
    const events: EventOf<T>[] = [];
    const timer = setTimeout(() => {
      dispose();
      reject(new Error(`${topic}: not enough events in ${ms} ms: ${JSON.stringify(events).slice(0, 500)}`));
    }, ms);
    const dispose = api.subscribe(topic, params, (event) => {
      events.push(event);
      if (until(events)) {
        clearTimeout(timer);
        dispose();
        resolve(events);
      }
    });
  });
}

const labels = [{ key: label.key, value: label.value }];

interface Inspected {
  Id: string;
  State: { Status: string };
  Config: Record<string, unknown>;
  HostConfig: Record<string, unknown>;
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> };
  Mounts: { Type: string; Destination: string; RW: boolean; Name?: string }[];
}

async function inspect(name: string): Promise<Inspected> {
  return (JSON.parse(await docker(['inspect', name])) as Inspected[])[0]!;
}

beforeAll(async () => {
  backend = createBackend({ version: 'test', strictResults: true });
  await backend.engine.reconnect();
  api = new RpcClient(inMemoryTransport(backend.router));
  dir = mkdtempSync(join(tmpdir(), 'lotse-ct-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'index.html'), '<h1>Hallo aus dem Bind-Mount</h1>');
  writeFileSync(join(dir, 'app.env'), '# comment\nFROM_FILE=yes\n\nOVERRIDE=file\n');
  await docker(['network', 'create', '--label', label.flag, network]);
  await docker(['volume', 'create', '--label', label.flag, volume]);
});

afterAll(async () => {
  // -v: the anonymous volumes of these containers carry no label.
  const ids = (await docker(['ps', '-aq', '--filter', label.filter])).split('\n').filter(Boolean);
  if (ids.length) await docker(['rm', '-f', '-v', ...ids]);
  await removeLabelled(label.filter);
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('run with every option of the course', () => {
  const spec = (name: string): RunSpecInput => ({
    image: httpd,
    name,
    command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    ports: [
      { hostIp: '127.0.0.1', hostPort: 18101, containerPort: 8080, protocol: 'tcp' },
      { hostPort: 18102, containerPort: 5353, protocol: 'udp' },
    ],
    env: [
      { key: 'GREETING', value: 'hallo welt' },
      { key: 'OVERRIDE', value: 'flag' },
    ],
    envFiles: [join(dir, 'app.env')],
    mounts: [
      { type: 'bind', source: dir, target: '/www', readOnly: true },
      { type: 'volume', source: volume, target: '/data' },
      { type: 'volume', target: '/cache' },
      { type: 'tmpfs', target: '/run', size: '16m' },
    ],
    readOnly: true,
    network,
    networkAliases: ['web-alias'],
    hostname: 'lotse-web',
    restart: { name: 'on-failure', maxRetries: 3 },
    user: '1000:1000',
    workdir: '/www',
    labels: [...labels, { key: 'course', value: 'docker' }],
    memory: '64m',
    memorySwap: '128m',
    cpuShares: 512,
    cpus: '0.5',
  });

  it('creates exactly what was asked, and the page answers through the published port', async () => {
    const name = `${prefix}-all`;
    const result = await api.call('containers.run', { spec: spec(name) });
    expect(result).toMatchObject({ ok: true, name, started: true });
    const c = await inspect(name);
    expect(c.Config.Env).toEqual(expect.arrayContaining(['FROM_FILE=yes', 'GREETING=hallo welt', 'OVERRIDE=file', 'OVERRIDE=flag']));
    // The flag comes after the file, so it wins inside the container.
    expect(await docker(['exec', name, 'sh', '-c', 'echo $OVERRIDE'])).toBe('flag');
    expect(c.Config.Cmd).toEqual(['httpd', '-f', '-p', '8080', '-h', '/www']);
    expect(c.Config.Hostname).toBe('lotse-web');
    expect(c.Config.User).toBe('1000:1000');
    expect(c.Config.WorkingDir).toBe('/www');
    expect(c.Config.Labels).toMatchObject({ [label.key]: label.value, course: 'docker' });
    expect(c.HostConfig.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18101' }],
      '5353/udp': [{ HostIp: '', HostPort: '18102' }],
    });
    expect(c.HostConfig.Binds).toEqual([`${dir}:/www:ro`, `${volume}:/data`]);
    expect(c.HostConfig.Tmpfs).toEqual({ '/run': 'size=16m' });
    expect(c.HostConfig.ReadonlyRootfs).toBe(true);
    expect(c.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(c.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(c.HostConfig.MemorySwap).toBe(128 * 1024 * 1024);
    expect(c.HostConfig.CpuShares).toBe(512);
    expect(c.HostConfig.NanoCpus).toBe(500_000_000);
    expect(c.HostConfig.NetworkMode).toBe(network);
    expect(c.NetworkSettings.Networks[network]?.Aliases).toContain('web-alias');
    const mounts = c.Mounts.map((m) => [m.Type, m.Destination, m.RW]);
    expect(mounts).toEqual(expect.arrayContaining([['bind', '/www', false], ['volume', '/data', true], ['volume', '/cache', true]]));
    expect(c.Mounts.find((m) => m.Name === volume)).toBeTruthy();
    const page = await fetch('http://127.0.0.1:18101/');
    expect(await page.text()).toContain('Hallo aus dem Bind-Mount');

    const [summary] = await api.call('containers.list', { ids: [c.Id] });
    expect(summary).toMatchObject({ name, state: 'running', networks: [network] });
    expect(summary!.ports).toEqual(expect.arrayContaining([{ hostIp: '127.0.0.1', hostPort: 18101, containerPort: 8080, protocol: 'tcp' }]));
    expect(summary!.startedAt).toBeGreaterThan(0);

    const details = await api.call('containers.inspect', { id: name });
    expect(details.resources).toEqual({ memoryBytes: 64 * 1024 * 1024, memorySwapBytes: 128 * 1024 * 1024, cpuShares: 512, nanoCpus: 500_000_000 });
    expect(details.networks[0]).toMatchObject({ name: network });
    expect(details.networks[0]!.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('the docker run command Lotse shows creates an equal container when the real CLI runs it', async () => {
    const name = `${prefix}-all`;
    const ours = await inspect(name);
    await docker(['rm', '-f', '-v', name]);
    const command = runCommand(spec(name));
    await docker(['run', ...(await shellSplit(command)).slice(2)]);
    const theirs = await inspect(name);
    // The CLI passes its -e and -v flags through maps (the -e flags to merge the proxy settings), so their
    // order differs from run to run, while the engine keeps the order it is given: they are compared as sets.
    const pick = (c: Inspected) => ({
      env: [...(c.Config.Env as string[])].sort(),
      binds: [...(c.HostConfig.Binds as string[])].sort(),
      config: ['Cmd', 'Entrypoint', 'Labels', 'Hostname', 'User', 'WorkingDir', 'ExposedPorts', 'Volumes', 'Tty', 'OpenStdin', 'Image'].map((k) => c.Config[k]),
      host: ['Tmpfs', 'PortBindings', 'RestartPolicy', 'Memory', 'MemorySwap', 'CpuShares', 'NanoCpus', 'ReadonlyRootfs', 'AutoRemove', 'NetworkMode'].map((k) => c.HostConfig[k]),
      aliases: (c.NetworkSettings.Networks[network]?.Aliases ?? []).filter((a) => !c.Id.startsWith(a)),
      mounts: c.Mounts.map((m) => `${m.Type}:${m.Destination}:${m.RW}`).sort(),
    });
    expect(pick(theirs)).toEqual(pick(ours));
    // The CLI, too, puts the env file before the flags, so the flag wins in its container as well.
    expect(await docker(['exec', name, 'sh', '-c', 'echo $OVERRIDE'])).toBe('flag');
  });

  it('creates without starting (docker create)', async () => {
    const result = await api.call('containers.run', { spec: { image: busybox, name: `${prefix}-created`, labels }, start: false });
    expect(result).toMatchObject({ ok: true, started: false });
    expect((await inspect(`${prefix}-created`)).State.Status).toBe('created');
  });
});

describe('bad input: each problem next to its field, nothing left behind', () => {
  it('finds a taken name, a taken port, a missing bind path, an unknown image, bad memory values', async () => {
    await docker(['run', '-d', '--label', label.flag, '--name', `${prefix}-holder`, '-p', '18110:8080', httpd, 'httpd', '-f', '-p', '8080', '-h', '/www']);
    const issues = await api.call('containers.check', {
      spec: {
        image: 'lotse-lab/does-not-exist:9',
        name: `${prefix}-holder`,
        ports: [{ hostPort: 18110, containerPort: 80 }],
        mounts: [{ type: 'bind', source: join(dir, 'missing'), target: '/x' }],
        memory: '200x',
        labels,
      },
    });
    expect(issues.map((i) => i.field).sort()).toEqual(['image', 'memory', 'mounts', 'name', 'ports']);
    expect(issues.find((i) => i.field === 'ports')!.message).toContain(`${prefix}-holder`);
    const swap = await api.call('containers.check', { spec: { image: busybox, memory: '256m', memorySwap: '128m' } });
    expect(swap).toMatchObject([{ field: 'memorySwap' }]);
  });

  it('detects a host port held by another program, before the engine', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((r) => server.listen(18111, '0.0.0.0', r));
    try {
      const issues = await api.call('containers.check', { spec: { image: busybox, ports: [{ hostPort: 18111, containerPort: 80 }] } });
      expect(issues).toMatchObject([{ field: 'ports', index: 0 }]);
      expect(issues[0]!.message).toMatch(/another program/);
    } finally {
      server.close();
    }
  });

  it('removes a container whose start fails, and keeps it when asked', async () => {
    const spec = { image: busybox, name: `${prefix}-nostart`, command: ['/no/such/program'], labels };
    const failed = await api.call('containers.run', { spec });
    expect(failed).toMatchObject({ ok: false, kept: false, issues: [{ field: 'command' }] });
    expect(await docker(['ps', '-aq', '--filter', `name=^/${prefix}-nostart$`])).toBe('');
    const kept = await api.call('containers.run', { spec, keepOnFailure: true });
    expect(kept).toMatchObject({ ok: false, kept: true });
    expect(await docker(['ps', '-aq', '--filter', `name=^/${prefix}-nostart$`])).not.toBe('');
  });

  it('explains a container that exits at once', async () => {
    const result = await api.call('containers.run', { spec: { image: busybox, name: `${prefix}-quick`, command: ['sh', '-c', 'echo bye; exit 3'], labels } });
    expect(result).toMatchObject({ ok: true, exitedAtOnce: { exitCode: 3, logTail: ['bye'] } });
  });
});

describe('lifecycle on many at once', () => {
  it('stops, starts, pauses, kills, renames and removes', async () => {
    const names = [`${prefix}-l1`, `${prefix}-l2`];
    const ids: string[] = [];
    for (const name of names) {
      const r = await api.call('containers.run', { spec: { image: busybox, name, command: ['sleep', '300'], labels } });
      if (!r.ok) throw new Error(JSON.stringify(r));
      ids.push(r.id);
    }
    const state = async () => (await api.call('containers.list', { ids })).map((c) => c.state).sort();
    expect(await api.call('containers.pause', { ids })).toEqual(ids.map((id) => ({ id, ok: true })));
    expect(await state()).toEqual(['paused', 'paused']);
    await api.call('containers.unpause', { ids });
    await api.call('containers.stop', { ids, timeout: 0 });
    expect(await state()).toEqual(['exited', 'exited']);
    // Stopping a stopped container is not a failure.
    expect((await api.call('containers.stop', { ids, timeout: 0 })).every((o) => o.ok)).toBe(true);
    await api.call('containers.start', { ids });
    await api.call('containers.restart', { ids: [ids[0]!], timeout: 0 });
    await api.call('containers.kill', { ids: [ids[1]!], signal: 'SIGKILL' });
    await expect.poll(state).toEqual(['exited', 'running']);
    await api.call('containers.rename', { id: ids[0]!, name: `${prefix}-renamed` });
    expect((await api.call('containers.list', { ids: [ids[0]!] }))[0]!.name).toBe(`${prefix}-renamed`);
    const refused = await api.call('containers.remove', { ids: [ids[0]!] });
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(refused[0]!.error!.hint).toMatch(/force/);
    expect((await api.call('containers.remove', { ids, force: true, volumes: true })).every((o) => o.ok)).toBe(true);
    expect(await api.call('containers.list', { ids })).toEqual([]);
  });
});

describe('streams from a real container', () => {
  let id: string;
  beforeAll(async () => {
    const r = await api.call('containers.run', {
      spec: {
        image: busybox,
        name: `${prefix}-talk`,
        command: ['sh', '-c', 'echo out-1; echo err-1 >&2; i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done'],
        labels,
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    id = r.id;
  });

  it('logs: stdout and stderr told apart, followed, with timestamps', async () => {
    // stdout and stderr are two pipes, copied by the engine each on its own: their relative order is not
    // guaranteed (err-1 may come after tick-3), only each line's stream.
    const seen = (ev: { lines: LogLine[] }[], text: string): boolean => ev.some((e) => e.lines.some((l) => l.text === text));
    const events = await collect('containers.logs', { id, timestamps: true }, (ev) => seen(ev, 'tick-3') && seen(ev, 'err-1'));
    const lines: LogLine[] = events.flatMap((e) => e.lines);
    expect(lines.find((l) => l.text === 'out-1')?.stream).toBe('stdout');
    expect(lines.find((l) => l.text === 'err-1')?.stream).toBe('stderr');
    expect(lines[0]!.time).toBeGreaterThan(Date.now() - 60_000);
    const tail = await collect('containers.logs', { id, follow: false, tail: 1 }, (ev) => ev.some((e) => e.ended));
    expect(tail.flatMap((e) => e.lines)).toHaveLength(1);
  });

  it('logs of a TTY container are decoded too', async () => {
    const r = await api.call('containers.run', { spec: { image: busybox, name: `${prefix}-tty`, tty: true, command: ['sh', '-c', 'echo über-tty; sleep 30'], labels } });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const events = await collect('containers.logs', { id: r.id }, (ev) => ev.flatMap((e) => e.lines).length > 0);
    expect(events[0]!.lines[0]).toEqual({ stream: 'stdout', text: 'über-tty' });
  });

  it('stats: samples with CPU, memory, network', async () => {
    const events = await collect('containers.stats', { id }, (ev) => ev.filter((e) => e.sample).length >= 2);
    const sample = events.at(-1)!.sample as StatsSample;
    expect(sample.memoryUsedBytes).toBeGreaterThan(0);
    expect(sample.memoryLimitBytes).toBeGreaterThan(sample.memoryUsedBytes);
    expect(sample.onlineCpus).toBeGreaterThan(0);
    expect(sample.pids).toBeGreaterThan(0);
    expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(backend.router.upstreamCount).toBe(0);
  });

  it('exec: ls / arrives in the terminal, input and resize work, the end is reported', async () => {
    const { session } = await api.call('containers.session.open', { id, command: ['sh'], cols: 100, rows: 30 });
    let output = '';
    const exit = new Promise<number | undefined>((resolve) => {
      const dispose = api.subscribe('containers.session', { session }, (event) => {
        if (event.data) output += event.data;
        if (event.exit) {
          dispose();
          resolve(event.exit.code);
        }
      });
    });
    await api.call('containers.session.resize', { session, cols: 120, rows: 40 });
    await api.call('containers.session.input', { session, data: 'ls /; stty size\n' });
    await expect.poll(() => output, { timeout: 10_000 }).toMatch(/bin[\s\S]*proc[\s\S]*40 120/);
    await api.call('containers.session.input', { session, data: 'exit 7\n' });
    expect(await exit).toBe(7);
  });

  it('attach: the main process output arrives', async () => {
    const { session, tty } = await api.call('containers.session.open', { id, mode: 'attach' });
    expect(tty).toBe(false);
    const events = await collect('containers.session', { session }, (ev) => ev.some((e) => e.data?.includes('tick-')));
    expect(events.some((e) => e.data?.includes('tick-'))).toBe(true);
    // Leaving an attach session does not stop the container.
    expect((await api.call('containers.list', { ids: [id] }))[0]!.state).toBe('running');
  });

  it('diff shows the writable layer; copy in and out through the archive endpoints', async () => {
    await docker(['exec', id, 'sh', '-c', 'mkdir -p /made && echo x > /made/new.txt && rm /bin/vi']);
    const diff = await api.call('containers.diff', { id });
    expect(diff).toEqual(expect.arrayContaining([{ path: '/made', kind: 'A' }, { path: '/made/new.txt', kind: 'A' }, { path: '/bin/vi', kind: 'D' }, { path: '/bin', kind: 'C' }]));

    const written = await api.call('containers.copyIn', {
      id,
      directory: '/made',
      files: [{ name: 'hello.txt', base64: Buffer.from('Hallo Lotse\n').toString('base64') }],
    });
    expect(written).toEqual({ written: ['/made/hello.txt'], bytes: 12 });
    expect(await docker(['exec', id, 'cat', '/made/hello.txt'])).toBe('Hallo Lotse');

    const file = await api.call('containers.copyOut', { id, path: '/made/new.txt' });
    expect(file).toMatchObject({ kind: 'file', name: 'new.txt', bytes: 2 });
    expect(Buffer.from(file.base64, 'base64').toString()).toBe('x\n');
    const folder = await api.call('containers.copyOut', { id, path: '/made' });
    expect(folder).toMatchObject({ kind: 'tar', name: 'made.tar' });
    await expect(api.call('containers.copyIn', { id, directory: '/nowhere', files: [{ name: 'a', base64: '' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** The words bash would pass for the rendered command line. */
async function shellSplit(command: string): Promise<string[]> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)('bash', ['-c', `printf '%s\\0' ${command}`]);
  return stdout.split('\0').slice(0, -1);
}
