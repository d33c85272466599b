import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { loadContract } from '@shared/contract';

import { inboundLimits } from '../../../electron/rpc/inbound';
import { labEnv, root } from '../../support/lab';
import { type EngineProxy, startEngineProxy, targetProblem } from './engine-proxy';
import { type DiscoveredMethod, type FuzzMessage, generateFuzz } from './fuzz-messages';

/**
 * ~2,200 hostile messages through the real bridge, router and services to the real engine, with a
 * recording proxy in front of the engine. The bridge runs in its own process (no process-level
 * guard), so anything it lets escape ends it, and its memory can be measured after full collections.
 *
 * Memory is compared from a warm start: a first pass of the same messages pays what they cost once
 * (compiled code, the allocator's arenas, and the areas and services the backend loads on their first
 * call), so what the second pass keeps is what the traffic leaks. The young generation starts at the
 * size it grows to under any traffic (16 MB semi-spaces), so V8 growing it is not counted either.
 */
const SEED = 0x10753;
const MB = 1024 * 1024;
/** Paths the engine service asks for by itself (connect, health, the event stream), whatever the clients do. */
const BACKGROUND = /^(\/v[\d.]+)?\/(_ping|version|info|events)(\?|$)/;

interface Answer {
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string; data?: { code?: string } };
}

let dir: string;
let proxy: EngineProxy;
let child: ChildProcess;
let childLines: Interface;
let exit: { code: number | null; signal: string | null } | undefined;
let ws: WebSocket;
const answers: Answer[] = [];
let wake: (() => void) | undefined;

function nextLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    childLines.once('line', resolve);
    child.once('exit', () => reject(new Error('the bridge process ended')));
  });
}

async function rss(): Promise<number> {
  child.stdin?.write('rss\n');
  return (JSON.parse(await nextLine()) as { rss: number }).rss;
}

async function nextAnswer(timeoutMs = 15_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  while (answers.length === 0) {
    if (exit) throw new Error(`the bridge process ended (${exit.code ?? exit.signal})`);
    if (Date.now() > deadline) throw new Error('no answer');
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 200);
    });
  }
  return answers.shift() as Answer;
}

/** Sends the messages one by one, each after the answer to the one before (notifications get none). */
async function run(messages: FuzzMessage[], onAnswer: (message: FuzzMessage, index: number, answer: Answer) => void = () => undefined): Promise<void> {
  for (const [index, message] of messages.entries()) {
    proxy.setCurrent(index + 1);
    ws.send(message.data);
    if (message.expect.kind === 'none') continue;
    const answer = await nextAnswer().catch((error: Error) => {
      throw new Error(`${error.message} to message ${index + 1} (${message.label})`);
    });
    onAnswer(message, index, answer);
  }
  proxy.setCurrent(0);
}

async function call(method: string, params: unknown, id: number | string): Promise<Answer> {
  ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  return nextAnswer();
}

const { methods, topics } = await loadContract();

/** Whether the router would take these params (the same schemas, `params ?? {}` as it does). */
function accepts(name: string, params: unknown): boolean {
  const topic = /^rpc\.subscribe#(.+)$/.exec(name)?.[1];
  const spec = topic !== undefined ? (Object.hasOwn(topics, topic) ? topics[topic as keyof typeof topics] : undefined) : Object.hasOwn(methods, name) ? methods[name as keyof typeof methods] : undefined;
  return spec !== undefined && spec.params.safeParse(params ?? {}).success;
}

beforeAll(async () => {
  // Short path: unix socket paths are limited to 107 bytes.
  dir = mkdtempSync('/tmp/lotse-fuzz-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const engineSocket = (labEnv().LOTSE_LAB_DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
  proxy = await startEngineProxy(engineSocket, dir);
  const node = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16', '--import', 'tsx'];
  child = spawn(process.execPath, [...node, join(import.meta.dirname, 'backend-process.ts'), proxy.socket, dir], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.on('exit', (code, signal) => (exit = { code, signal }));
  childLines = createInterface({ input: child.stdout! });
  const { port, token } = JSON.parse(await nextLine()) as { port: number; token: string };
  ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { maxPayload: 256 * MB });
  ws.on('message', (data: Buffer) => {
    // What the bridge says in one turn comes as one frame: a message, or an array of them.
    const parsed = JSON.parse(data.toString()) as (Answer & { method?: string }) | (Answer & { method?: string })[];
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      if (message.method !== undefined) continue; // events and progress
      answers.push(message);
    }
    wake?.();
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
});

afterAll(async () => {
  ws?.close();
  child?.stdin?.end();
  if (child && !exit) {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await new Promise((resolve) => child.once('exit', resolve));
    clearTimeout(killer);
  }
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bridge under hostile messages', () => {
  it('answers every message, refuses what breaks the contract before the engine sees it, and gives its memory back', async () => {
    const discovered = await call('rpc.discover', {}, 'discover');
    const methodList = (discovered.result as { methods: DiscoveredMethod[] }).methods;
    const generate = (seed: number) => generateFuzz({ seed, methods: methodList, maxMessageBytes: inboundLimits.maxBytes, accepts });
    const { messages, unbuildable } = generate(SEED);
    // Every id-like param gets its hostile values in a call that is otherwise valid.
    expect(unbuildable).toEqual([]);

    const rssCold = await rss();
    await run(messages);
    const rssBefore = await rss();
    proxy.requests.length = 0;

    const refused = { boundary: 0, contract: 0, other: 0 };
    const throughContract: Record<string, Set<string>> = {};
    const wrongAnswers: string[] = [];
    await run(messages, (message, index, answer) => {
      if (message.expect.kind === 'answer' && answer.id !== message.expect.id) {
        wrongAnswers.push(`${message.label}: answered id ${JSON.stringify(answer.id)}`);
      }
      if (message.expect.kind === 'error' && !answer.error) wrongAnswers.push(`${message.label}: no error`);
      const code = answer.error?.code;
      if (code === -32600 || code === -32700) refused.boundary++;
      else if (code === -32602) refused.contract++;
      else if (code !== undefined) refused.other++;
      if (message.hostileId !== undefined && answer.error?.code !== -32602 && message.method) {
        (throughContract[message.method] ??= new Set()).add(message.label.slice(message.method.length + 1));
      }
    });

    // Still serving: a valid call gets its answer.
    const after = await call('system.counts', {}, 'after');
    expect(after.error).toBeUndefined();
    expect(after.result).toMatchObject({ images: expect.any(Number) as number });
    const rssAfter = await rss();

    const hostileCalls = messages.filter((m) => m.hostileId !== undefined).length;
    const violations = proxy.requests.filter((r) => r.problem !== undefined);
    const byMethod = new Map<string, string>();
    for (const v of violations) {
      const method = messages[v.current - 1]?.method ?? '(no message)';
      if (!byMethod.has(method)) byMethod.set(method, `${v.method} ${v.url.slice(0, 100)}: ${v.problem}`);
    }
    // Messages the contract refuses must not cause a single engine request beyond the engine service's own.
    const invalidIndexes = new Set(messages.flatMap((m, i) => (m.hostileId === undefined ? [i + 1] : [])));
    const fromInvalid = proxy.requests.filter((r) => invalidIndexes.has(r.current) && !BACKGROUND.test(r.url));

    console.log(
      [
        `fuzz seed ${SEED}: ${messages.length} messages sent (${hostileCalls} with hostile ids), ` +
          `${refused.boundary} refused at the boundary, ${refused.contract} by the contract, ${refused.other} other errors (unknown method, not found …)`,
        `engine requests recorded: ${proxy.requests.length}, malformed: ${violations.length}`,
        `bridge RSS: ${(rssCold / MB).toFixed(1)} MB cold, ${(rssBefore / MB).toFixed(1)} MB warm before, ` +
          `${(rssAfter / MB).toFixed(1)} MB after (${((rssAfter - rssBefore) / MB).toFixed(1)} MB)`,
        ...Object.entries(throughContract).map(([method, where]) => `hostile ids the contract let through: ${method}: ${[...where].join('; ')}`),
        ...[...byMethod].map(([method, first]) => `malformed engine request from ${method}: ${first}`),
      ].join('\n'),
    );

    expect(wrongAnswers).toEqual([]);
    expect(exit).toBeUndefined();
    expect(fromInvalid.map((r) => `${messages[r.current - 1]?.label}: ${r.method} ${r.url.slice(0, 100)}`)).toEqual([]);
    expect([...byMethod].map(([method, first]) => `${method}: ${first}`)).toEqual([]);
    expect(rssAfter - rssBefore).toBeLessThan(20 * MB);
  }, 120_000);

  it('has a proxy that tells a malformed engine request from a well-formed one', () => {
    const malformed = [
      '/v1.41/containers/x/../json',
      '/v1.41/containers/name?force=1&x=/json',
      '/v1.41/containers/name?force=1&x=?force=false',
      '/v1.41/containers/na%20me/json',
      '/v1.41/containers/%2e%2e/json',
      '/v1.41/volumes/a%2Fb',
      '/v1.41/containers/create?name=..',
      '/v1.41/images/lotse-lab/../busybox/json',
      '/v1.41/images/UPPER/json',
      '/v1.41/networks/a%3Fb',
      '/v1.41/nodes/..%2F',
    ];
    const wellFormed = [
      '/v1.41/containers/json?all=true&filters=%7B%7D',
      '/v1.41/containers/0123abcd/json',
      '/v1.41/containers/create?name=web-1&Image=lotse-lab%2Fbusybox%3A1.0',
      '/v1.41/images/lotse-lab/busybox:1.0/json',
      '/v1.41/images/127.0.0.1:5000/lotse-lab/busybox:1.0/push?tag=1.0',
      '/v1.41/images/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      '/v1.41/networks/%E5%90%8D%E5%89%8D',
      '/v1.41/services/abc123/logs?stdout=1&follow=1',
      '/_ping',
    ];
    expect(malformed.filter((url) => targetProblem(url) === undefined)).toEqual([]);
    expect(wellFormed.filter((url) => targetProblem(url) !== undefined)).toEqual([]);
  });
});
