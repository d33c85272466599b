import type * as Http from 'node:http';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';

const { createServer } = createRequire(import.meta.url)('node:http') as typeof Http;

export const server = createServer((request: IncomingMessage) => request.resume());
