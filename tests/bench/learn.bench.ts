import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { EngineEvent } from '@shared/dto/engine';
import { maskSecrets } from '@shared/rules/secrets';

import { EngineService } from '../../electron/services/docker/engine';
import { LearnService } from '../../electron/services/learn/learn';
import { eventSentence } from '../../renderer/learn/event-sentences';
import { exportJournal } from '../../renderer/learn/journal-export';
import type { JournalEntry } from '../../renderer/stores/journal';
import { docker as dockerCli, labEnv, privateEngine } from '../support/lab';
import { measure, summarize, Suite } from './harness';

// Exercise checks against a private engine holding exercises 1, 4 and 6 done; pure functions over large inputs.
const lab = labEnv();
const BUSYBOX = lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0';
const HTTPD = lab.LOTSE_LAB_IMAGE_HTTPD ?? 'lotse-lab/httpd:1.0';
const engineUnderTest = privateEngine();
const docker = (args: string[]): Promise<string> => dockerCli(args, { DOCKER_HOST: engineUnderTest.host });
// Whatever was measured is reported, also when a case fails; a stop before the end is marked.
const suite = new Suite('learn');
const results = suite.results;

await engineUnderTest.start();
const engine = new EngineService({ resolve: () => [{ kind: 'unix', address: engineUnderTest.socket, tls: false, source: 'DOCKER_HOST' }] });
try {
  await promisify(execFile)('bash', ['-c', `docker save ${BUSYBOX} ${HTTPD} | DOCKER_HOST=${engineUnderTest.host} docker load`]);
  engine.start();
  await engine.reconnect();
  const learn = new LearnService(engine);
  const since = Date.now();
  await docker(['tag', BUSYBOX, 'hello-world:latest']);
  await docker(['run', 'hello-world', 'true']);
  await docker(['network', 'create', 'mynetwork']);
  await docker(['run', '-d', '--name', 'web1', '--network', 'mynetwork', HTTPD]);
  await docker(['run', '-d', '--name', 'web2', '--network', 'mynetwork', HTTPD]);
  await docker(['volume', 'create', 'foo']);
  await docker(['run', '-d', '--name', 'web', '-v', 'foo:/www', HTTPD]);
  await docker(['run', '-d', '--name', 'editor', '-v', 'foo:/data', BUSYBOX, 'sleep', '3600']);
  await new Promise((done) => setTimeout(done, 1100));
  await docker(['exec', 'editor', 'sh', '-c', 'echo neu > /data/index.html']);

  const note = 'helper containers run one after another; the learner waits this long after a change';
  results.push(await measure('check exercise 1 (hello-world, no helper)', () => learn.check('hello-world', since), { iterations: 10, warmup: 1 }));
  results.push(await measure('check exercise 4 (bridge network, 1 helper)', () => learn.check('bridge-network', since), { iterations: 5, warmup: 1, note }));
  results.push(await measure('check exercise 6 (volumes, 3 helpers)', () => learn.check('volumes', since), { iterations: 5, warmup: 1, note }));
  results.push(await measure('lab reset preview', () => learn.labPreview(), { iterations: 10, warmup: 1 }));
} finally {
  engine.stop();
  await engineUnderTest.remove();
}

// Pure functions: the feed renders every event, the journal exports a long training day.
const events: EngineEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
  type: ['container', 'image', 'network', 'volume'][i % 4] ?? 'container',
  action: ['create', 'start', 'connect', 'mount'][i % 4] ?? 'create',
  id: `id${String(i)}`,
  attributes: { name: `obj-${String(i)}`, image: 'nginx:1.27', container: `c${String(i)}`, destination: '/data' },
  time: i,
}));
const t0 = performance.now();
for (const event of events) eventSentence(event, 'de');
results.push(summarize('event sentences, per 10 000 events', 'ms', [performance.now() - t0]));

const entries: JournalEntry[] = Array.from({ length: 1000 }, (_, i) => ({
  id: String(i),
  time: i * 1000,
  label: `Aktion ${String(i)}`,
  command: `docker run -d --name web-${String(i)} -e DB_PASSWORD=geheim -p 8080:80 lotse-lab/httpd:1.0`,
  status: i % 10 === 0 ? 'error' : 'ok',
}));
results.push(await measure('journal export, 1000 entries, secrets hidden', () => Promise.resolve(exportJournal(entries, { language: 'de', now: 0, hideSecrets: true })), { iterations: 20 }));
results.push(await measure('maskSecrets, 1000 commands', () => Promise.resolve(entries.map((e) => maskSecrets(e.command))), { iterations: 20 }));

suite.report();
