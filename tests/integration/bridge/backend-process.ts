/**
 * The browser bridge as its own process, the way `npm run start:web` runs it, but started with
 * startBridge directly: no process-level guard catches what the bridge itself lets escape.
 *
 *   node --expose-gc --import tsx backend-process.ts <engine socket> <renderer dir>
 *
 * Prints one JSON line {port, token}; then answers each `rss` line on stdin with {rss, heapTotal, heapUsed, external} (bytes,
 * after full garbage collections); exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

import { createBackend } from '../../../electron/rpc/backend';
import { startBridge } from '../../../electron/web/server';

const [engineSocket, rendererDir] = process.argv.slice(2);
if (!engineSocket || !rendererDir) throw new Error('usage: backend-process.ts <engine socket> <renderer dir>');

const backend = createBackend({
  version: 'fuzz',
  resolve: () => [{ kind: 'unix', address: engineSocket, tls: false, source: 'DOCKER_HOST' }],
});
await backend.engine.reconnect();
const bridge = await startBridge({ router: backend.router, rendererDir });
process.stdout.write(`${JSON.stringify({ port: bridge.port, token: bridge.token })}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'rss') continue;
  // Several rounds: freed pages go back to the system only after the collector has settled.
  for (let i = 0; i < 4; i++) {
    gc?.();
    await sleep(100);
  }
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss, heapTotal, heapUsed, external })}\n`);
}
await bridge.close();
backend.close();
// Done when the test closes stdin: the process ends even if a service still holds a timer or socket open.
process.exit(0);
