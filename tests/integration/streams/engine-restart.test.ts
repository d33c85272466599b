import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LogBatch, StatsEvent } from '@shared/dto/containers';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { inMemoryTransport } from '../../support/in-memory';
import { docker as dockerCli, labEnv, privateEngine, testLabel } from '../../support/lab';

/**
 * Logs and stats followed through the router while the engine under them is stopped and started
 * again, three times. A private engine of the test's own (the main one serves the other tests); its
 * container has restart policy `always`, so the engine starts it again when it comes back.
 */
const lab = labEnv();
const BUSYBOX = lab.LOTSE_LAB_IMAGE_BUSYBOX ?? 'lotse-lab/busybox:1.0';
const CYCLES = 3;
const engineUnderTest = privateEngine();
const docker = (args: string[]): Promise<string> => dockerCli(args, { DOCKER_HOST: engineUnderTest.host });
const label = testLabel();
let backend: Backend;
let api: RpcClient;
let id: string;

/** Whether the private engine answers GET /_ping. */
function pings(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: engineUnderTest.socket, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Starts the private engine and tells the moment it first answered (watched every 20 ms while it starts). */
async function startEngine(): Promise<number> {
  let answered: number | undefined;
  let starting = true;
  const watch = (async () => {
    while (starting && answered === undefined) {
      if (await pings()) answered = performance.now();
      else await sleep(20);
    }
  })();
  await engineUnderTest.start();
  starting = false;
  await watch;
  return answered ?? performance.now();
}

beforeAll(async () => {
  await engineUnderTest.start();
  // The private engine cannot pull: it gets the lab's image the way the lab notes say.
  await promisify(execFile)('bash', ['-c', `docker save ${BUSYBOX} | DOCKER_HOST=${engineUnderTest.host} docker load`], {
    env: { ...process.env, DOCKER_HOST: lab.LOTSE_LAB_DOCKER_HOST ?? 'unix:///var/run/docker.sock' },
  });
  backend = createBackend({
    version: 'test',
    strictResults: true,
    resolve: () => [{ kind: 'unix', address: engineUnderTest.socket, tls: false, source: 'DOCKER_HOST' }],
    initialBackoffMs: 100,
    maxBackoffMs: 500,
  });
  await backend.engine.reconnect();
  expect(backend.engine.state.status).toBe('connected');
  api = new RpcClient(inMemoryTransport(backend.router));
  // A counter every 100 ms; each start of the container numbers its lines under a run id of its own,
  // so every line is unique. It leaves at once on SIGTERM (PID 1 would otherwise ignore it).
  const script = 'trap "exit 0" TERM; run=$(date +%s)-$RANDOM; i=0; while true; do i=$((i+1)); echo "$run $i"; sleep 0.1; done';
  id = await docker(['run', '-d', '--restart', 'always', '--network', 'none', '--label', label.flag, BUSYBOX, 'sh', '-c', script]);
}, 120_000);

afterAll(async () => {
  backend?.close();
  await engineUnderTest.remove();
});

describe('streams survive the engine going away', () => {
  it('a log whose container stopped for good ends, and the next subscriber with the same params reads it anew', async () => {
    const done = await docker(['run', '-d', '--network', 'none', '--label', label.flag, BUSYBOX, 'sh', '-c', 'echo eins; echo zwei']);
    await expect.poll(async () => docker(['inspect', '-f', '{{.State.Running}}', done]), { timeout: 10_000 }).toBe('false');
    const follow = (): { batches: LogBatch[]; stop: () => void } => {
      const batches: LogBatch[] = [];
      return { batches, stop: api.subscribe('containers.logs', { id: done, follow: true }, (b) => batches.push(b)) };
    };
    const first = follow();
    await expect.poll(() => first.batches.some((b) => b.ended), { timeout: 10_000 }).toBe(true);
    expect(first.batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(['eins', 'zwei']);
    // Still subscribed, but the ended stream is no longer offered to newcomers.
    expect(backend.router.upstreamCount).toBe(0);
    const second = follow();
    await expect.poll(() => second.batches.some((b) => b.ended), { timeout: 10_000 }).toBe(true);
    expect(second.batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(['eins', 'zwei']);
    first.stop();
    second.stop();
  });

  it(`logs and stats resume after ${CYCLES} engine restarts, no line twice and none missing`, async () => {
    const now = (): number => performance.now();
    const logs: { at: number; batch: LogBatch }[] = [];
    const stats: { at: number; event: StatsEvent }[] = [];
    const connectedAt: number[] = [];
    const offState = backend.engine.onState((s) => {
      if (s.status === 'connected') connectedAt.push(now());
    });
    const stopLogs = api.subscribe('containers.logs', { id, follow: true, timestamps: false }, (batch) => logs.push({ at: now(), batch }));
    const stopStats = api.subscribe('containers.stats', { id }, (event) => stats.push({ at: now(), event }));
    const lines = (): string[] => logs.flatMap((l) => l.batch.lines.map((line) => line.text));
    const logMarks = (): string[] => logs.flatMap((l) => (l.batch.engine ? [l.batch.engine] : []));
    const statsMarks = (): string[] => stats.flatMap((s) => (s.event.engine ? [s.event.engine] : []));

    await expect.poll(() => lines().length, { timeout: 10_000 }).toBeGreaterThan(5);
    await expect.poll(() => stats.filter((s) => (s.event.sample?.pids ?? 0) > 0).length, { timeout: 10_000 }).toBeGreaterThan(0);

    const resume: { lotseConnected: number; logs: number; firstLine: number; stats: number; firstSample: number }[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      await engineUnderTest.stop();
      await expect.poll(() => logMarks().filter((m) => m === 'lost').length, { timeout: 15_000 }).toBe(cycle);
      await expect.poll(() => statsMarks().filter((m) => m === 'lost').length, { timeout: 15_000 }).toBe(cycle);
      // Nothing comes while the engine is away (not even a last word that the stream ended).
      expect(logs.some((l) => l.batch.ended) || stats.some((s) => s.event.ended)).toBe(false);

      const up = await startEngine();
      await expect.poll(() => logMarks().filter((m) => m === 'reconnected').length, { timeout: 20_000 }).toBe(cycle);
      await expect.poll(() => statsMarks().filter((m) => m === 'reconnected').length, { timeout: 20_000 }).toBe(cycle);
      const linesAfter = (): { at: number }[] => logs.filter((l) => l.at >= up && l.batch.lines.length > 0);
      const samplesAfter = (): { at: number }[] => stats.filter((s) => s.at >= up && (s.event.sample?.pids ?? 0) > 0);
      await expect.poll(() => linesAfter().length, { timeout: 10_000 }).toBeGreaterThan(0);
      await expect.poll(() => samplesAfter().length, { timeout: 10_000 }).toBeGreaterThan(0);
      const markAt = (events: { at: number; mark: string | undefined }[]): number =>
        events.filter((e) => e.mark === 'reconnected').at(-1)?.at ?? Number.NaN;
      resume.push({
        lotseConnected: (connectedAt.at(-1) ?? Number.NaN) - up,
        logs: markAt(logs.map((l) => ({ at: l.at, mark: l.batch.engine }))) - up,
        firstLine: (linesAfter()[0]?.at ?? Number.NaN) - up,
        stats: markAt(stats.map((s) => ({ at: s.at, mark: s.event.engine }))) - up,
        firstSample: (samplesAfter()[0]?.at ?? Number.NaN) - up,
      });
    }
    expect(logMarks()).toEqual(Array.from({ length: CYCLES }, () => ['lost', 'reconnected']).flat());
    expect(statsMarks()).toEqual(Array.from({ length: CYCLES }, () => ['lost', 'reconnected']).flat());

    stopLogs();
    stopStats();
    offState();
    await expect.poll(() => backend.router.upstreamCount).toBe(0);

    // What was followed is exactly the engine's own log up to that point: no line twice, no gap.
    const received = lines();
    const engineLog = (await docker(['logs', id])).split('\n');
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(engineLog.slice(0, received.length));
    // The container ran CYCLES + 1 times, and lines of every run came through.
    expect(new Set(received.map((line) => line.split(' ')[0])).size).toBe(CYCLES + 1);

    const ms = (v: number): string => `${Math.round(v)} ms`;
    console.log(
      'engine answering → …\n' +
        resume
          .map(
            (r, i) =>
              `cycle ${i + 1}: Lotse connected ${ms(r.lotseConnected)}, logs reconnected ${ms(r.logs)}, first line ${ms(r.firstLine)}, stats reconnected ${ms(r.stats)}, first sample ${ms(r.firstSample)}`,
          )
          .join('\n'),
    );
  }, 90_000);
});
