import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ComposeLogBatch } from '@shared/compose/dto';

import { ComposeService } from '../../../electron/services/compose/compose';
import { openProjectLogs } from '../../../electron/services/compose/logs';
import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import { docker, labEnv, removeLabelled, root } from '../../support/lab';

/**
 * The Compose service against the lab engine and the Compose the machine has (docker-compose 1.29.2
 * on Debian 12). The fixture project (tests/fixtures/compose/lab-project) builds its web image FROM
 * scratch with the static busybox; every project here is named lotsetest… and removed after.
 */
const lab = labEnv();
const suffix = `${String(process.pid)}${String(Date.now())}`;
const name = `lotsetest${suffix}`;
const sickName = `lotsetestsick${suffix}`;
const webImage = `lotse-test-compose-web:${suffix}`;
const work = mkdtempSync('/tmp/lotse-compose-');
const projectDir = join(work, 'shop');
const data = join(work, 'data');
let engine: EngineService;
let compose: ComposeService;

beforeAll(async () => {
  cpSync(resolve(root, 'tests/fixtures/compose/lab-project'), projectDir, { recursive: true });
  cpSync(process.env.LOTSE_LAB_BUSYBOX ?? '/bin/busybox', join(projectDir, 'web', 'busybox'));
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  compose = new ComposeService(engine, { projectsFile: join(data, 'compose-projects.json'), backupDir: join(data, 'backups'), env: { ...env, WEB_IMAGE: webImage } });
});

afterAll(async () => {
  for (const project of [name, sickName]) {
    await removeLabelled(`label=com.docker.compose.project=${project}`).catch(() => undefined);
  }
  await docker(['image', 'rm', '-f', webImage]).catch(() => undefined);
  engine.stop();
  rmSync(work, { recursive: true, force: true });
});

const project = async (n = name) => (await compose.projects([n]))[0];
const service = async (s: string) => (await project())?.services.find((x) => x.name === s);

describe('Compose v1 from the lab', () => {
  it('is found, with its version', async () => {
    const info = await compose.cli();
    expect(info).toEqual({ found: true, flavor: 'v1', version: '1.29.2', command: ['docker-compose'] });
  });

  it('opens the project folder: files read, the doctor finds nothing, and it is remembered as down', async () => {
    const opened = await compose.open({ path: projectDir, name });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.project.files).toEqual([join(projectDir, 'docker-compose.yml')]);
    expect(opened.analysis.findings).toEqual([]);
    expect(opened.analysis.model.services.map((s) => s.name).sort()).toEqual(['db', 'web', 'worker']);
    expect(opened.analysis.variables).toEqual([expect.objectContaining({ name: 'WEB_IMAGE', source: 'shell', value: webImage })]);
    expect(await project()).toMatchObject({ name, state: 'down', services: [] });
    const file = JSON.parse(readFileSync(join(data, 'compose-projects.json'), 'utf8')) as { projects: { name: string }[] };
    expect(file.projects.map((p) => p.name)).toEqual([name]);
  });

  it('says when a bind mount names a folder that is not there, taken from the project folder as Compose does', async () => {
    const file = join(projectDir, 'docker-compose.yml');
    const text = readFileSync(file, 'utf8').replace('      - ./www:/www:ro\n', '      - ./www:/www:ro\n      - ./not-there:/data\n');
    const analysis = await compose.analysis(name, [{ path: file, text }]);
    expect(analysis.findings.map((f) => [f.rule, f.params.source])).toEqual([['bind-source-missing', './not-there']]);
  });

  it('up --build: output streams as progress, and the project is found by its labels, service by service', async () => {
    const lines: string[] = [];
    const outcome = await compose.run(name, { kind: 'up', build: true }, undefined, (l) => lines.push(l.text));
    expect(outcome.output.join('\n')).toContain('Successfully built');
    expect(outcome).toMatchObject({ ok: true, exitCode: 0, cancelled: false });
    expect(outcome.command).toBe(`cd ${projectDir} && docker-compose --ansi never -p ${name} -f ${join(projectDir, 'docker-compose.yml')} up -d --build`);
    expect(lines.some((l) => l.includes(`Creating ${name}_worker_1`))).toBe(true);
    const found = await project();
    expect(found).toMatchObject({ name, flavor: 'v1', composeVersion: '1.29.2', state: 'running', workingDir: projectDir, configFiles: [join(projectDir, 'docker-compose.yml')] });
    expect(found?.services.map((s) => [s.name, s.running, s.total, s.state])).toEqual([
      ['db', 1, 1, 'running'],
      ['web', 1, 1, 'running'],
      ['worker', 1, 1, 'running'],
    ]);
    const port = found?.services.find((s) => s.name === 'web')?.containers[0]?.ports.find((p) => p.hostPort)?.hostPort;
    const page = await fetch(`http://127.0.0.1:${String(port)}/`).then((r) => r.text());
    expect(page).toContain('Hallo von Compose');
  });

  it('scales web to 3 and back to 1', async () => {
    expect((await compose.run(name, { kind: 'up', scale: { web: 3 } })).ok).toBe(true);
    const three = await service('web');
    expect(three?.containers.map((c) => [c.number, c.state])).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'running'],
    ]);
    expect((await compose.run(name, { kind: 'up', scale: { web: 1 } })).ok).toBe(true);
    expect((await service('web'))?.total).toBe(1);
  });

  it('logs of the project come merged, each line with its service', async () => {
    const lines = await new Promise<ComposeLogBatch['lines']>((done, fail) => {
      const got: ComposeLogBatch['lines'] = [];
      openProjectLogs(
        engine,
        { project: name, tail: 50, follow: false },
        (batch) => {
          got.push(...batch.lines);
          if (batch.error) fail(new Error(batch.error.message));
          if (batch.ended) done(got);
        },
        () => undefined,
      );
    });
    expect(lines.some((l) => l.service === 'worker' && l.text === 'tick from worker' && l.container === `${name}_worker_1`)).toBe(true);
    expect(lines.some((l) => l.service === 'db' && l.text === 'db ready')).toBe(true);
    expect(lines.every((l) => typeof l.time === 'number')).toBe(true);
  });

  it('restarts one service and leaves the others alone', async () => {
    const startedAt = async (container: string) => (JSON.parse(await docker(['inspect', container])) as { State: { StartedAt: string } }[])[0]?.State.StartedAt;
    const worker = await startedAt(`${name}_worker_1`);
    const db = await startedAt(`${name}_db_1`);
    expect((await compose.run(name, { kind: 'restart', services: ['worker'] })).ok).toBe(true);
    expect(await startedAt(`${name}_worker_1`)).not.toBe(worker);
    expect(await startedAt(`${name}_db_1`)).toBe(db);
  });

  it('down keeps the named volume; the preview of down -v lists it; up finds the data again', async () => {
    const preview = await compose.downPreview(name);
    expect(preview.volumes).toEqual([{ name: `${name}_data`, declared: 'data', external: false, inUseBy: [`${name}_db_1`] }]);
    expect(preview.command).toContain(' down -v');
    expect((await compose.run(name, { kind: 'down', volumes: false })).ok).toBe(true);
    expect(await project()).toMatchObject({ state: 'down', services: [] });
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=${name}_data`])).toBe(`${name}_data`);
    expect((await compose.run(name, { kind: 'up' })).ok).toBe(true);
    expect(await docker(['exec', `${name}_db_1`, 'cat', '/data/log'])).toBe('started\nstarted');
  });

  it('down -v removes the named volume', async () => {
    expect((await compose.run(name, { kind: 'down', volumes: true })).ok).toBe(true);
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=${name}_data`])).toBe('');
  });
});

describe('bad input and failures', () => {
  it('says at the field what is wrong with a path', async () => {
    expect(await compose.open({ path: 'relative/dir' })).toEqual({ ok: false, problems: [{ field: 'path', code: 'notAbsolute', path: 'relative/dir' }] });
    expect(await compose.open({ path: join(work, 'nothing-here') })).toMatchObject({ ok: false, problems: [{ field: 'path', code: 'missing' }] });
    mkdirSync(join(work, 'empty'));
    expect(await compose.open({ path: join(work, 'empty') })).toMatchObject({ ok: false, problems: [{ field: 'path', code: 'noComposeFile' }] });
    expect(await compose.open({ path: projectDir, name: 'Bad Name' })).toMatchObject({ ok: false, problems: [{ field: 'name', code: 'badName' }] });
  });

  it('a file that does not parse: the doctor says where, and up fails with the CLI words in a reason', async () => {
    const dir = join(work, 'broken');
    cpSync(resolve(root, 'tests/fixtures/compose/course/networks'), dir, { recursive: true });
    const opened = await compose.open({ path: dir, name: `${name}broken` });
    expect(opened.ok && opened.analysis.findings.map((f) => `${String(f.at.line)} ${f.rule}`)).toContain('13 bad-indent');
    const outcome = await compose.run(`${name}broken`, { kind: 'up' });
    expect(outcome).toMatchObject({ ok: false, reason: 'fileInvalid' });
    expect(outcome.detail).toBeTruthy();
    compose.forget(`${name}broken`);
  });

  it('when up waits on an unhealthy dependency, it says which one and its health check output', async () => {
    const dir = join(work, 'sick');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'docker-compose.yml'),
      [
        'services:',
        '  db:',
        `    image: ${lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0'}`,
        '    command: ["sleep", "600"]',
        '    stop_grace_period: 1s',
        '    healthcheck:',
        '      test: ["CMD", "sh", "-c", "echo database not ready; exit 1"]',
        '      interval: 1s',
        '      retries: 2',
        '  app:',
        `    image: ${lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0'}`,
        '    command: ["sleep", "600"]',
        '    stop_grace_period: 1s',
        '    depends_on:',
        '      db:',
        '        condition: service_healthy',
        '',
      ].join('\n'),
    );
    expect((await compose.open({ path: dir, name: sickName })).ok).toBe(true);
    const outcome = await compose.run(sickName, { kind: 'up' });
    expect(outcome).toMatchObject({ ok: false, reason: 'dependencyUnhealthy' });
    expect(outcome.unhealthy).toEqual([{ service: 'db', container: `${sickName}_db_1`, output: 'database not ready' }]);
    expect((await project(sickName))?.services.find((s) => s.name === 'db')?.state).toBe('unhealthy');
  });

  it('a running action can be cancelled', async () => {
    await compose.run(sickName, { kind: 'down', volumes: false });
    const controller = new AbortController();
    const running = compose.run(sickName, { kind: 'up' }, controller.signal, (line) => {
      if (line.text.includes('Creating') || line.text.includes('Starting')) controller.abort();
    });
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, cancelled: true });
    await compose.run(sickName, { kind: 'down', volumes: true });
    compose.forget(sickName);
  });
});

describe('remembered projects', () => {
  it('survive a new service (an app restart) and are forgotten on request', async () => {
    const again = new ComposeService(engine, { projectsFile: join(data, 'compose-projects.json'), backupDir: join(data, 'backups') });
    expect((await again.projects([name]))[0]?.opened?.projectDir).toBe(projectDir);
    expect(again.forget(name)).toBe(true);
    expect(await again.projects([name])).toEqual([]);
  });
});
