import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { version } from '../../package.json';
import { createBackend, keepServing } from '../rpc/backend';
import { startBridge } from './server';

/** `npm run start:web`: the renderer in any browser, served from 127.0.0.1 with a token. */
async function main(): Promise<void> {
  keepServing();
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      renderer: { type: 'string' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not '${values.port ?? ''}'.`);
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = values.renderer ?? join(here, '..', 'renderer');
  const backend = createBackend({ version });
  let bridge;
  try {
    bridge = await startBridge({ router: backend.router, rendererDir, port });
  } catch (error) {
    backend.close();
    console.error(`Lotse could not listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`Lotse ready at ${bridge.url}`);
  const shutdown = (): void => {
    backend.close();
    void bridge.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
