// Engine round trips through the service layer, the router and the bridge vs. the raw socket,
// and the time from launching start:web to the dashboard showing the engine's data in Chromium.
import { createBackend } from '../../electron/rpc/backend';
import { startBridge } from '../../electron/web/server';
import { RpcClient } from '../../renderer/api/client';
import { webSocketTransport } from '../../renderer/api/transports';
import { launchBrowser, startWeb } from '../e2e/harness';
import { inMemoryTransport } from '../support/in-memory';
import { type BenchResult, measure, rawEngineGet as raw, report, summarize } from './harness';


const results: BenchResult[] = [];
const backend = createBackend({ version: 'bench' });
await backend.engine.reconnect();
const docker = backend.engine.docker();

results.push(await measure('GET /_ping — raw socket', () => raw('/_ping'), { iterations: 200 }));
results.push(await measure('GET /_ping — service layer (dockerode)', () => docker.ping(), { iterations: 200 }));
results.push(await measure('GET /containers/json?all=1 — raw socket', () => raw('/containers/json?all=1'), { iterations: 100 }));
results.push(await measure('GET /containers/json?all=1 — service layer', () => docker.listContainers({ all: true }), { iterations: 100 }));

const ipcLike = new RpcClient(inMemoryTransport(backend.router));
results.push(await measure('system.counts — router, in-memory (like IPC)', () => ipcLike.call('system.counts', {}), { iterations: 100 }));

const bridge = await startBridge({ router: backend.router, rendererDir: 'out/renderer' });
const overWs = new RpcClient(webSocketTransport(`ws://127.0.0.1:${bridge.port}/rpc?token=${bridge.token}`));
results.push(await measure('system.counts — browser bridge (WebSocket)', () => overWs.call('system.counts', {}), { iterations: 100 }));
await bridge.close();
backend.close();

// start:web launch → dashboard with the engine's numbers, in a fresh Chromium page each time.
const browser = await launchBrowser();
const launches: number[] = [];
const untilReady: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  const app = await startWeb();
  untilReady.push(performance.now() - start);
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="count-images"]')?.textContent ?? ''));
  launches.push(performance.now() - start);
  await page.close();
  await app.stop();
}
await browser.close();
results.push(summarize('start:web launch → "Lotse ready" line', 'ms', untilReady));
results.push(summarize('start:web launch → dashboard shows engine data (Chromium)', 'ms', launches));

report('foundation', results);
process.exit(0);
