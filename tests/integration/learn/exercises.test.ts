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
 * Each Docker exercise against a private, clean engine (its own dockerd in its own network
 * namespace): the checks fail first, then the exercise's steps are done with the docker CLI, as a
 * learner would type them, and the checks pass. The private engine has no default bridge
 * (--bridge=none), so containers that publish ports join a user-defined bridge (`webnet`).
 */
const lab = labEnv();
const BUSYBOX = lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0';
const HTTPD = lab.LOTSE_LAB_IMAGE_HTTPD ?? 'lotse-lab/httpd:1.0';
const engineUnderTest = privateEngine();
const env = { DOCKER_HOST: engineUnderTest.host };
const docker = (args: string[]): Promise<string> => dockerCli(args, env);
const work = mkdtempSync('/tmp/lotse-learn-');
let engine: EngineService;
let learn: LearnService;

beforeAll(async () => {
  await engineUnderTest.start();
  // The private engine cannot pull: it gets the lab's images the way the lab notes say.
  await promisify(execFile)('bash', ['-c', `docker save ${BUSYBOX} ${HTTPD} | DOCKER_HOST=${engineUnderTest.host} docker load`], {
    env: { ...process.env, DOCKER_HOST: lab.LOTSE_LAB_DOCKER_HOST ?? 'unix:///var/run/docker.sock' },
  });
  engine = new EngineService({ resolve: () => [{ kind: 'unix', address: engineUnderTest.socket, tls: false, source: 'DOCKER_HOST' }] });
  engine.start();
  await engine.reconnect();
  expect(engine.state.status).toBe('connected');
  learn = new LearnService(engine);
});

afterAll(async () => {
  engine.stop();
  await engineUnderTest.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Back to a clean engine between exercises: everything but the two lab images goes. */
async function clean(): Promise<void> {
  const ids = (await docker(['ps', '-aq'])).split('\n').filter(Boolean);
  if (ids.length) await docker(['rm', '-f', ...ids]);
  const volumes = (await docker(['volume', 'ls', '-q'])).split('\n').filter(Boolean);
  if (volumes.length) await docker(['volume', 'rm', '-f', ...volumes]);
  const networks = (await docker(['network', 'ls', '--filter', 'type=custom', '-q'])).split('\n').filter(Boolean);
  if (networks.length) await docker(['network', 'rm', ...networks]);
  const tags = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter(Boolean);
  const extra = tags.filter((t) => t !== BUSYBOX && t !== HTTPD);
  if (extra.length) await docker(['rmi', '-f', ...extra]);
  await docker(['image', 'prune', '-f']);
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const passed = (result: ExerciseCheck): Record<string, boolean> => Object.fromEntries(result.checks.map((c) => [c.id, c.passed]));

async function expectAllFail(exerciseId: string, except: string[] = []): Promise<void> {
  const result = await learn.check(exerciseId, Date.now());
  expect(result.checks.length).toBeGreaterThan(0);
  for (const check of result.checks) {
    if (!except.includes(check.id)) expect(check.passed, JSON.stringify(check)).toBe(false);
  }
}

async function expectAllPass(exerciseId: string, since: number): Promise<ExerciseCheck> {
  const result = await learn.check(exerciseId, since);
  for (const check of result.checks) expect(check.passed, JSON.stringify(check)).toBe(true);
  return result;
}

describe('Docker exercises, checked against a private engine', () => {
  it('1 hello-world: fails on a clean engine, passes after `docker run hello-world`', async () => {
    await clean();
    // engine-answers is true of any engine that answers: it is the exercise's first step.
    await expectAllFail('hello-world', ['engine-answers']);
    const since = Date.now() - 1000;
    // The lab cannot pull hello-world; a busybox tagged hello-world prints and exits 0 just like it.
    await docker(['tag', BUSYBOX, 'hello-world:latest']);
    await docker(['run', 'hello-world', 'echo', 'Hello from Docker!']);
    const result = await expectAllPass('hello-world', since);
    expect(result.checks.find((c) => c.id === 'hello-world-container-exited-0')?.facts.image).toBe('hello-world');
  });

  it('2 cleanup: fails while hello-world is there (and on a clean engine), passes after docker rm and docker rmi', async () => {
    await clean();
    const since = Date.now();
    await expectAllFail('cleanup');
    await docker(['tag', BUSYBOX, 'hello-world:latest']);
    await docker(['run', 'hello-world', 'true']);
    await expectAllFail('cleanup');
    const ids = (await docker(['ps', '-aq', '--filter', 'ancestor=hello-world'])).split('\n').filter(Boolean);
    await docker(['rm', ...ids]);
    await docker(['rmi', 'hello-world']);
    await expectAllPass('cleanup', since);
  });

  it('2 cleanup: also passes when hello-world ran before the learner opened the exercise', async () => {
    await clean();
    await docker(['tag', BUSYBOX, 'hello-world:latest']);
    await docker(['run', 'hello-world', 'true']);
    await new Promise((done) => setTimeout(done, 50));
    const since = Date.now();
    await expectAllFail('cleanup');
    const ids = (await docker(['ps', '-aq', '--filter', 'ancestor=hello-world'])).split('\n').filter(Boolean);
    await docker(['rm', ...ids]);
    await docker(['rmi', 'hello-world']);
    await expectAllPass('cleanup', since);
  });

  it('3 static website: fails on a clean engine, passes after build and run -p 8080:80', async () => {
    await clean();
    await expectAllFail('static-website');
    const since = Date.now();
    const dir = folder('website', {
      'index.html': '<!doctype html>\n<html><head><link rel="stylesheet" href="styles.css"><script src="script.js"></script></head><body><h1>Meine Seite</h1></body></html>\n',
      'styles.css': 'body { background: aliceblue; }\n',
      'script.js': 'console.log("The script works");\n',
      // The lab's web server image stands in for nginx: it serves /www on port 80.
      Dockerfile: `FROM ${HTTPD}\nCOPY index.html styles.css script.js /www/\n`,
    });
    await docker(['build', '-q', '-t', 'website', dir]);
    await docker(['network', 'create', 'webnet']);
    await docker(['run', '-d', '--name', 'site', '--network', 'webnet', '-p', '8080:80', 'website']);
    await expectAllPass('static-website', since);
  });

  it('4 bridge network: fails on a clean engine, passes with web1 and web2 on mynetwork', async () => {
    await clean();
    await expectAllFail('bridge-network');
    const since = Date.now();
    await docker(['network', 'create', '--driver', 'bridge', 'mynetwork']);
    await docker(['run', '-d', '--name', 'web1', '--network', 'mynetwork', HTTPD]);
    await docker(['run', '-d', '--name', 'web2', '--network', 'mynetwork', HTTPD]);
    const result = await expectAllPass('bridge-network', since);
    expect(result.checks[0]?.facts.network).toBe('mynetwork');
  });

  it('5 internal communication: fails on a clean engine and with one server, passes with servers on 80 and 81', async () => {
    await clean();
    await expectAllFail('internal-communication');
    await docker(['run', '-d', '--name', 'one-server', HTTPD]);
    await expectAllFail('internal-communication');
    const since = Date.now();
    const dir = folder('two-servers', {
      'index.html': '<h1>Server zwei</h1>\n',
      Dockerfile: `FROM ${HTTPD}\nCOPY index.html /www2/\nEXPOSE 80 81\nCMD ["sh", "-c", "httpd -p 81 -h /www2 && exec httpd -f -p 80 -h /www"]\n`,
    });
    await docker(['build', '-q', '-t', 'two-servers', dir]);
    await docker(['run', '-d', '--name', 'zwei', 'two-servers']);
    const result = await expectAllPass('internal-communication', since);
    expect(result.checks[0]?.facts.container).toBe('zwei');
  });

  it('6 volumes: fails on a clean engine, passes when a second container edits what the web server serves', async () => {
    await clean();
    await expectAllFail('volumes');
    const since = Date.now();
    await docker(['volume', 'create', 'foo']);
    await docker(['network', 'create', 'webnet']);
    await docker(['run', '-d', '--name', 'web', '--network', 'webnet', '-p', '8080:80', '-v', 'foo:/www', HTTPD]);
    let result = await learn.check('volumes', since);
    expect(passed(result)).toEqual({
      'volume-foo-exists': true,
      'volume-foo-mounted-by-two-containers': false,
      'file-written-by-one-served-by-other': false,
    });
    await docker(['run', '-d', '--name', 'editor', '-v', 'foo:/data', BUSYBOX, 'sleep', '3600']);
    // mtime has a resolution of a second: the edit must come after the web server's start second.
    await new Promise((done) => setTimeout(done, 1100));
    await docker(['exec', 'editor', 'sh', '-c', 'echo "<h1>Geändert im zweiten Container</h1>" > /data/index.html']);
    result = await expectAllPass('volumes', since);
    expect(result.checks[2]?.facts).toMatchObject({ web: 'web', file: '/index.html' });
  });

  it('7 bind mounts: fails on a clean engine, passes when a container serves a host folder', async () => {
    await clean();
    await expectAllFail('bind-mounts');
    const since = Date.now();
    const dir = folder('www', { 'index.html': '<h1>Vom Host</h1>\n' });
    await docker(['run', '-d', '--name', 'bindweb', '-v', `${dir}:/www`, HTTPD]);
    const result = await expectAllPass('bind-mounts', since);
    expect(result.checks[0]?.facts).toMatchObject({ container: 'bindweb', source: dir });
  });

  it('checks the Swarm exercises too: outside a swarm they say so', async () => {
    const result = await learn.check('swarm-setup', undefined);
    expect(result.checks.map((c) => [c.passed, c.reason])).toEqual([
      [false, 'swarm-not-active'],
      [false, 'swarm-not-active'],
    ]);
  });
});

describe('reset lab', () => {
  it('removes what the exercises created (by label and by name) and nothing else', async () => {
    await clean();
    // What the exercises leave behind…
    await docker(['tag', BUSYBOX, 'hello-world:latest']);
    await docker(['run', 'hello-world', 'true']);
    await docker(['network', 'create', 'mynetwork']);
    await docker(['run', '-d', '--name', 'web1', '--network', 'mynetwork', HTTPD]);
    await docker(['run', '-d', '--name', 'web2', '--network', 'mynetwork', HTTPD]);
    await docker(['volume', 'create', 'foo']);
    await docker(['run', '-d', '--name', 'editor', '-v', 'foo:/data', BUSYBOX, 'sleep', '3600']);
    await docker(['volume', 'create', '--label', 'lotse.exercise=volumes', 'labelled-volume']);
    // …and what is the learner's own.
    await docker(['network', 'create', 'my-own-net']);
    await docker(['run', '-d', '--name', 'my-own-app', '--network', 'my-own-net', HTTPD]);
    await docker(['volume', 'create', 'my-own-data']);
    await docker(['tag', BUSYBOX, 'my-own/tool:1']);

    const preview = await learn.labPreview();
    const names = preview.map((i) => `${i.kind}:${i.name}`).sort();
    const helloContainer = preview.find((i) => i.kind === 'container' && !['web1', 'web2', 'editor'].includes(i.name));
    expect(names).toEqual(
      [
        'container:web1',
        'container:web2',
        'container:editor',
        `container:${helloContainer?.name ?? '?'}`,
        'network:mynetwork',
        'volume:foo',
        'volume:labelled-volume',
        'image:hello-world:latest',
      ].sort(),
    );

    // A request for anything outside the preview is refused, whatever the renderer sends.
    const ownApp = await docker(['inspect', '--format', '{{.Id}}', 'my-own-app']);
    const result = await learn.labReset([...preview.map((i) => ({ kind: i.kind, ref: i.ref })), { kind: 'container', ref: ownApp }]);
    expect(result.failed).toEqual([]);
    expect(result.removed).toHaveLength(preview.length);
    expect(result.skipped).toEqual([{ kind: 'container', ref: ownApp }]);

    expect(await learn.labPreview()).toEqual([]);
    expect((await docker(['ps', '-a', '--format', '{{.Names}}'])).split('\n')).toEqual(['my-own-app']);
    expect(await docker(['volume', 'ls', '-q'])).toBe('my-own-data');
    expect(await docker(['network', 'ls', '--filter', 'type=custom', '--format', '{{.Name}}'])).toBe('my-own-net');
    const tags = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').sort();
    expect(tags).toEqual([BUSYBOX, HTTPD, 'my-own/tool:1'].sort());
  });
});
