import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExerciseCheck } from '@shared/dto/learn';

import { EngineService } from '../../../electron/services/docker/engine';
import { LearnService } from '../../../electron/services/learn/learn';
import { docker as dockerCli, labEnv, privateEngine } from '../../support/lab';

/**
 * Exercises 8, 9 and 10 against a private, clean engine (its own dockerd in its own network
 * namespace): each check fails first, then the steps are done with the Compose CLI (docker-compose
 * from the lab, as a learner would type it) and the checks pass.
 */
const run = promisify(execFile);
const lab = labEnv();
const BUSYBOX = lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0';
const HTTPD = lab.LOTSE_LAB_IMAGE_HTTPD ?? 'lotse-lab/httpd:1.0';
const engineUnderTest = privateEngine();
const env = { ...process.env, DOCKER_HOST: engineUnderTest.host };
const work = mkdtempSync('/tmp/lotse-compose-ex-');
let engine: EngineService;
let learn: LearnService;

const compose = async (dir: string, args: string[]): Promise<void> => {
  await run('docker-compose', args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
};

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const passed = (result: ExerciseCheck): Record<string, boolean> => Object.fromEntries(result.checks.map((c) => [c.id, c.passed]));

beforeAll(async () => {
  await engineUnderTest.start();
  await run('bash', ['-c', `docker save ${BUSYBOX} ${HTTPD} | DOCKER_HOST=${engineUnderTest.host} docker load`], {
    env: { ...process.env, DOCKER_HOST: lab.LOTSE_LAB_DOCKER_HOST ?? 'unix:///var/run/docker.sock' },
  });
  engine = new EngineService({ resolve: () => [{ kind: 'unix', address: engineUnderTest.socket, tls: false, source: 'DOCKER_HOST' }] });
  engine.start();
  await engine.reconnect();
  learn = new LearnService(engine);
});

afterAll(async () => {
  engine.stop();
  await engineUnderTest.remove();
  rmSync(work, { recursive: true, force: true });
});

async function expectAllFail(exerciseId: string): Promise<void> {
  const result = await learn.check(exerciseId, Date.now());
  expect(Object.values(passed(result))).not.toContain(true);
}

async function down(dirs: string[]): Promise<void> {
  for (const dir of dirs) await compose(dir, ['down', '-v']);
  expect(await dockerCli(['ps', '-aq', '--filter', 'label=com.docker.compose.project'], { DOCKER_HOST: engineUnderTest.host })).toBe('');
}

describe('Compose exercises, done with the Compose CLI', () => {
  it('8: a web service serving a folder next to the compose file', async () => {
    await expectAllFail('compose-web');
    const dir = folder('web', {
      'docker-compose.yml': `services:\n  web:\n    image: ${HTTPD}\n    ports:\n      - "8080:80"\n    volumes:\n      - ./www:/www:ro\n    stop_grace_period: 1s\n`,
      'www/index.html': '<h1>Webcontainer</h1>\n',
    });
    await compose(dir, ['up', '-d']);
    const result = await learn.check('compose-web', Date.now());
    expect(passed(result), JSON.stringify(result.checks)).toEqual({ 'compose-web-service-with-bind-mount': true, 'compose-web-answers': true });
    await down([dir]);
  });

  it('9: two services, the database with a named volume, the app depending on it (read from the files under v1)', async () => {
    await expectAllFail('compose-wordpress');
    const dir = folder('wordpress', {
      'docker-compose.yml': [
        'services:',
        '  db:',
        `    image: ${BUSYBOX}`,
        '    command: ["sleep", "600"]',
        '    stop_grace_period: 1s',
        '    volumes:',
        '      - db-data:/var/lib/mysql',
        '  wordpress:',
        `    image: ${HTTPD}`,
        '    stop_grace_period: 1s',
        '    ports:',
        '      - "8080:80"',
        '    depends_on:',
        '      - db',
        'volumes:',
        '  db-data:',
        '',
      ].join('\n'),
    });
    await compose(dir, ['up', '-d']);
    const result = await learn.check('compose-wordpress', Date.now());
    expect(passed(result), JSON.stringify(result.checks)).toEqual({ 'two-services-running': true, 'database-uses-named-volume': true, 'app-depends-on-database': true });
    await down([dir]);
  });

  it('10: four projects on ports 90–93 whose named volumes survive down and up', async () => {
    await expectAllFail('company-it');
    const apps = ['dokuwiki', 'forgejo', 'hedgedoc', 'nextcloud'];
    const dirs = apps.map((app, i) =>
      folder(app, {
        '.env': `PORT=${String(90 + i)}\n`,
        'docker-compose.yml': [
          'services:',
          '  app:',
          `    image: ${HTTPD}`,
          '    command: ["sh", "-c", "date >> /data/notes; exec httpd -f -p 80 -h /www"]',
          '    stop_grace_period: 1s',
          '    ports:',
          '      - "${PORT}:80"',
          '    volumes:',
          '      - data:/data',
          'volumes:',
          '  data:',
          '',
        ].join('\n'),
      }),
    );
    for (const dir of dirs) await compose(dir, ['up', '-d']);
    const first = passed(await learn.check('company-it', Date.now()));
    expect(first).toEqual({ 'four-compose-projects-running': true, 'ports-90-to-93-published': true, 'named-volumes-survive-down-up': false });
    // The volume must be older than the containers that use it now: a second apart at least.
    await new Promise((r) => setTimeout(r, 1500));
    for (const dir of dirs) await compose(dir, ['down']);
    for (const dir of dirs) await compose(dir, ['up', '-d']);
    const result = await learn.check('company-it', Date.now());
    expect(passed(result), JSON.stringify(result.checks)).toEqual({ 'four-compose-projects-running': true, 'ports-90-to-93-published': true, 'named-volumes-survive-down-up': true });
    await down(dirs);
  });
});
