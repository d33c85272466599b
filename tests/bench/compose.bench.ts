// Compose: the doctor on a 500-service file and on the course's samples; the project list of 50
// projects × 10 containers (service and rendered in Chromium); engine event → project view; `up` of the
// 3-service fixture through Lotse against the same `docker-compose up -d` from a shell (the floor).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import type Docker from 'dockerode';

import { analyze } from '@shared/compose/doctor';
import type { EngineEvent } from '@shared/dto/engine';

import { ComposeService } from '../../electron/services/compose/compose';
import { resolveEndpoints, systemResolveInput } from '../../electron/services/docker/endpoints';
import { EngineService } from '../../electron/services/docker/engine';
import { launchBrowser, startWeb } from '../e2e/harness';
import { docker as cli, labEnv, removeLabelled, root, testLabel } from '../support/lab';
import { type BenchResult, measure, report, summarize } from './harness';

const run = promisify(execFile);
const lab = labEnv();
const label = testLabel();
const BUSYBOX = lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0';
const PROJECTS = 50;
const PER_PROJECT = 10;
const prefix = `lotsebench${String(process.pid)}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const results: BenchResult[] = [];
const work = mkdtempSync('/tmp/lotse-bench-compose-');

/** A file of n services, each with an image, ports, a named volume, environment with variables, a network and a dependency. */
function bigFile(n: number): string {
  const lines = ['services:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  svc${String(i)}:`,
      `    image: "registry.example/app${String(i % 7)}:\${TAG:-1.0}"`,
      '    ports:',
      `      - "${String(20000 + i)}:80"`,
      '    environment:',
      `      NAME: svc${String(i)}`,
      '      DB_URL: "postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app"',
      '    volumes:',
      `      - data${String(i % 20)}:/data`,
      '      - ./config:/etc/app:ro',
      '    networks: [front, back]',
      ...(i > 0 ? ['    depends_on:', `      svc${String(i - 1)}:`, '        condition: service_started'] : []),
      '    healthcheck:',
      '      test: ["CMD", "true"]',
    );
  }
  lines.push('networks:', '  front:', '  back:', 'volumes:');
  for (let v = 0; v < 20; v++) lines.push(`  data${String(v)}:`);
  return `${lines.join('\n')}\n`;
}

const engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
engine.start();
await engine.reconnect();
const docker: Docker = engine.docker();

try {
  console.error('… doctor');
  const big = bigFile(500);
  const env = { path: '/p/.env', text: 'DB_USER=app\nDB_PASSWORD=secret\n' };
  for (const flavor of ['v2', 'v1'] as const) {
    const probe = analyze({ files: [{ path: '/p/compose.yaml', text: big }], flavor, envFile: env });
    if (probe.model.services.length !== 500) throw new Error('the generated file did not read as 500 services');
    results.push(
      await measure(`doctor, 500-service file (${String(big.length)} bytes), ${flavor} rules`, () => Promise.resolve(analyze({ files: [{ path: '/p/compose.yaml', text: big }], flavor, envFile: env })), {
        iterations: 20,
        note: `target < 200 ms; ${String(probe.findings.length)} findings`,
      }),
    );
  }
  for (const sample of ['web', 'networks', 'env', 'scaling', 'replicas']) {
    const dir = resolve(root, 'tests/fixtures/compose/course', sample);
    const text = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
    const envFile = existsSync(join(dir, '.env')) ? { path: join(dir, '.env'), text: readFileSync(join(dir, '.env'), 'utf8') } : undefined;
    results.push(
      await measure(`doctor, course sample "${sample}"`, () => Promise.resolve(analyze({ files: [{ path: 'docker-compose.yml', text }], flavor: 'v2', ...(envFile ? { envFile } : {}) })), {
        iterations: 50,
        note: 'target < 20 ms',
      }),
    );
  }

  console.error('… seeding 50 projects × 10 containers');
  const names = Array.from({ length: PROJECTS }, (_, p) => `${prefix}p${String(p)}`);
  const seedStart = performance.now();
  for (const project of names) {
    await Promise.all(
      Array.from({ length: PER_PROJECT }, (_, c) =>
        docker.createContainer({
          Image: BUSYBOX,
          Cmd: ['true'],
          name: `${project}_s${String(c % 5)}_${String(Math.floor(c / 5) + 1)}`,
          Labels: {
            [label.key]: label.value,
            'com.docker.compose.project': project,
            'com.docker.compose.service': `s${String(c % 5)}`,
            'com.docker.compose.container-number': String(Math.floor(c / 5) + 1),
            'com.docker.compose.oneoff': 'False',
            'com.docker.compose.version': '1.29.2',
            'com.docker.compose.project.working_dir': `/srv/${project}`,
            'com.docker.compose.project.config_files': `/srv/${project}/docker-compose.yml`,
          },
        }),
      ),
    );
  }
  results.push(summarize(`seed ${String(PROJECTS * PER_PROJECT)} labelled containers`, 'ms', [performance.now() - seedStart]));

  const compose = new ComposeService(engine, { projectsFile: join(work, 'projects.json'), backupDir: join(work, 'backups') });
  results.push(await measure('compose.projects — discovery by labels, grouped (all projects on the engine)', () => compose.projects(), { iterations: 20, warmup: 2 }));
  results.push(await measure('compose.projects — one project re-read after an event', () => compose.projects([names[0] ?? '']), { iterations: 30, warmup: 2 }));

  console.error('… rendering and events');
  const app = await startWeb({ LOTSE_DATA_DIR: join(work, 'ui-data') });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${app.url}#/compose`);
    await page.getByTestId(`compose-project-${names[PROJECTS - 1] ?? ''}`).waitFor({ timeout: 60_000 });
    const renders: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.evaluate(() => {
        location.hash = '#/volumes';
      });
      await page.getByTestId('view-volumes').waitFor();
      renders.push(
        await page.evaluate(
          (last) =>
            new Promise<number>((done) => {
              const start = performance.now();
              location.hash = '#/compose';
              const check = (): void => {
                if (document.querySelector(`[data-testid="compose-project-${last}"]`)) requestAnimationFrame(() => done(performance.now() - start));
                else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            }),
          names[PROJECTS - 1] ?? '',
        ),
      );
    }
    results.push(summarize(`project list rendered in Chromium (${String(PROJECTS)} projects × ${String(PER_PROJECT)} containers)`, 'ms', renders.slice(2), 'target < 100 ms; area switch to the last row painted (list data re-read from the engine)'));

    const target = names[0] ?? '';
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `${target}_extra_${String(i + 1)}`;
      const created = new Promise<EngineEvent>((done) => {
        const off = engine.onEvent((e) => {
          if (e.type === 'container' && e.action === 'create' && e.name === name) {
            off();
            done(e);
          }
        });
      });
      const total = PER_PROJECT + i + 1;
      await page.evaluate(
        ({ testId, want }) => {
          const w = window as unknown as { lotseShown?: Promise<number> };
          w.lotseShown = new Promise<number>((done) => {
            const observer = new MutationObserver(() => {
              if (document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes(`/${String(want)} `)) {
                observer.disconnect();
                done(Date.now());
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => done(Number.NaN), 5000);
          });
        },
        { testId: `compose-project-${target}`, want: total },
      );
      await cli(['create', '--label', label.flag, '--label', `com.docker.compose.project=${target}`, '--label', 'com.docker.compose.service=extra', '--label', `com.docker.compose.container-number=${String(i + 1)}`, '--label', 'com.docker.compose.oneoff=False', '--name', name, BUSYBOX, 'true']);
      const [event, at] = await Promise.all([created, page.evaluate(() => (window as unknown as { lotseShown: Promise<number> }).lotseShown)]);
      if (Number.isFinite(at)) latencies.push(at - event.time);
      await sleep(150);
    }
    results.push(summarize('engine event → project view updated (docker create with compose labels)', 'ms', latencies, `target p95 < 150 ms; ${String(20 - latencies.length)} not seen within 5 s`));
  } finally {
    await browser.close();
    await app.stop();
  }
  await removeLabelled(label.filter);

  console.error('… up through Lotse vs. the shell');
  const dir = join(work, 'shop');
  cpSync(resolve(root, 'tests/fixtures/compose/lab-project'), dir, { recursive: true });
  cpSync(process.env.LOTSE_LAB_BUSYBOX ?? '/bin/busybox', join(dir, 'web', 'busybox'));
  const webImage = `lotse-test-compose-web:${label.value}`;
  const shellEnv = { ...process.env, WEB_IMAGE: webImage };
  const cliEnv = Object.fromEntries(Object.entries(shellEnv).filter((e): e is [string, string] => e[1] !== undefined));
  const lotse = new ComposeService(engine, { projectsFile: join(work, 'up.json'), backupDir: join(work, 'b'), env: cliEnv });
  const project = `${prefix}up`;
  const opened = await lotse.open({ path: dir, name: project });
  if (!opened.ok) throw new Error('the fixture did not open');
  const file = join(dir, 'docker-compose.yml');
  const shell = (args: string[]) => run('docker-compose', ['-p', project, '-f', file, ...args], { cwd: dir, env: shellEnv });
  await shell(['build']);
  // The floor runs the very command Lotse runs (same argv, cwd and environment), from a shell's child process.
  const up = await lotse.command(project, { kind: 'up' });
  const [program = 'docker-compose', ...args] = up.argv;
  const viaShell: number[] = [];
  const viaLotse: number[] = [];
  const timeShell = async (): Promise<void> => {
    const start = performance.now();
    await run(program, args, { cwd: up.cwd, env: shellEnv });
    viaShell.push(performance.now() - start);
    await shell(['down', '-v']);
  };
  const timeLotse = async (): Promise<void> => {
    const start = performance.now();
    const outcome = await lotse.run(project, { kind: 'up' });
    viaLotse.push(performance.now() - start);
    if (!outcome.ok) throw new Error(`up through Lotse failed: ${outcome.detail ?? ''}`);
    await shell(['down', '-v']);
  };
  // Alternating which goes first, so a warm or busy moment favours neither.
  for (let i = 0; i < 8; i++) {
    if (i % 2) {
      await timeShell();
      await timeLotse();
    } else {
      await timeLotse();
      await timeShell();
    }
  }
  const shellResult = summarize('up -d of the 3-service fixture: docker-compose from a shell', 'ms', viaShell, 'the floor');
  const lotseResult = summarize('up -d of the 3-service fixture: through Lotse (compose.run)', 'ms', viaLotse, '');
  lotseResult.note = `target ≤ 1.1× the shell; median ratio ${(lotseResult.median / shellResult.median).toFixed(2)}`;
  results.push(shellResult, lotseResult);
  await cli(['image', 'rm', '-f', webImage]).catch(() => undefined);
} finally {
  await removeLabelled(label.filter).catch(() => undefined);
  for (const id of (await cli(['ps', '-aq', '--filter', `label=com.docker.compose.project=${prefix}up`]).catch(() => '')).split('\n').filter(Boolean)) {
    await cli(['rm', '-f', id]).catch(() => undefined);
  }
  engine.stop();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(resolve(root, 'bench-results'), { recursive: true });
}

report('compose', results);
