import { createServer, type IncomingMessage, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/** One request the services sent to the engine, with what is wrong with its target (if anything). */
export interface EngineRequest {
  /** The fuzz message that was being handled when it came (see setCurrent). */
  current: number;
  method: string;
  url: string;
  problem: string | undefined;
}

export interface EngineProxy {
  /** The unix socket to give the services as their engine. */
  socket: string;
  requests: EngineRequest[];
  /** Tags the requests that follow with this number. */
  setCurrent(n: number): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy between the services and the real engine that records every request target and
 * checks it against the engine's grammar. A malformed target is recorded and answered 400 here,
 * so the engine never acts on it even while a service still sends one. Requests that would create
 * something (containers, networks, volumes, images, tags, pushes) are recorded, checked and then
 * answered 403 here too: the lab engine is shared, and names the contract rightly accepts
 * (a network called 名前) must not leave objects behind.
 */
export async function startEngineProxy(engineSocket: string, dir: string): Promise<EngineProxy> {
  const socket = join(dir, 'engine-proxy.sock');
  const requests: EngineRequest[] = [];
  const sockets = new Set<Socket>();
  let current = 0;

  const admit = (req: IncomingMessage): boolean => {
    const url = req.url ?? '';
    const problem = targetProblem(url);
    requests.push({ current, method: req.method ?? '', url, problem });
    return problem === undefined;
  };

  const server = createServer((req, res) => {
    if (!admit(req)) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'refused by the recording proxy: malformed target' }));
      return;
    }
    if (req.method === 'POST' && CREATES.test((req.url ?? '').split('?', 1)[0] ?? '')) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'refused by the recording proxy: nothing is created on the lab engine' }));
      return;
    }
    const upstream = request({ socketPath: engineSocket, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  // Attach and exec sessions hijack the connection: forward the raw bytes both ways.
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    if (!admit(req)) {
      client.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(engineSocket, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return {
    socket,
    requests,
    setCurrent: (n) => {
      current = n;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const CREATES = /\/(create|load|build|commit|tag|push)$/;
/** Names of engine objects, full and short ids included. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Networks take nearly any name; never what changes a URL, blanks or invisible characters (dot segments are refused above). */
const NETWORK = /^[^/?#%\\\s\p{C}]+$/u;
const MAX_ID_LENGTH = 256;
/** distribution/reference: [domain/]component(/component)*[:tag][@digest], or an image id. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:localhost|[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9-]+(?=:)|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const TAG = /^[\w][\w.-]{0,127}$/;
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{1,64}$/;
const ACTION = /^[a-z]+$/;
/** Collections addressed as /<collection>/<id>[/<action>]. */
const BY_ID = new Set(['containers', 'networks', 'volumes', 'exec', 'services', 'nodes', 'tasks', 'secrets', 'configs', 'plugins']);
/** Collections addressed as /<collection>/<image reference, slashes and all>[/<action>]. */
const BY_REFERENCE = new Set(['images', 'distribution']);
const IMAGE_ACTIONS = new Set(['json', 'history', 'tag', 'push', 'get']);
/** Characters a query builder leaves unencoded, with the separators: any other came in through an id. */
const QUERY_CHARS = /^[A-Za-z0-9_.!~*'()%=&+-]*$/;
/** docker-modem also repeats a create request's body fields (Name, Driver, …) in its query. */
const BODY_FIELD = /^[A-Z][A-Za-z]*$/;
/** Query parameters of the Engine API that the services may send. */
const QUERY_KEYS = new Set([
  'all', 'limit', 'size', 'filters', 'force', 'v', 'link', 't', 'signal', 'name', 'platform', 'fromImage', 'fromSrc',
  'repo', 'tag', 'message', 'changes', 'follow', 'stdout', 'stderr', 'stdin', 'stream', 'logs', 'since', 'until',
  'timestamps', 'tail', 'one-shot', 'h', 'w', 'path', 'noOverwriteDirNonDir', 'copyUIDGID', 'detachKeys', 'condition',
  'noprune', 'digests', 'shared-size', 'quiet', 'q', 'dockerfile', 'buildargs', 'labels', 'target', 'rm', 'forcerm',
  'nocache', 'pull', 'cachefrom', 'networkmode', 'version', 'outputs', 'memory', 'memswap', 'cpushares', 'cpusetcpus',
  'cpuperiod', 'cpuquota', 'shmsize', 'squash', 'extrahosts', 'remote', 'session', 'names', 'keep-storage', 'verbose',
  'ps_args', 'type', 'platforms',
]);

/** What is wrong with a request target, or undefined when every part has the engine's grammar. */
export function targetProblem(url: string): string | undefined {
  if (/[^!-~]|[\\#]/.test(url)) return 'a control character, space, non-ASCII, backslash or # in the target';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  if (query.includes('?')) return 'a second ? in the target';
  const segments: string[] = [];
  for (const raw of path.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return `broken percent-encoding in '${raw.slice(0, 40)}'`;
    }
    if (segment === '' || segment === '.' || segment === '..') return `an empty or dot segment in ${path.slice(0, 80)}`;
    if (segment !== raw && /[/\\%]/.test(segment)) return `an encoded slash or percent in '${raw.slice(0, 40)}'`;
    segments.push(segment);
  }
  if (/^v\d+\.\d+$/.test(segments[0] ?? '')) segments.shift();
  const [collection = '', ...rest] = segments;
  if (BY_ID.has(collection)) {
    const [id, action, ...more] = rest;
    if (more.length > 0) return `too many segments in ${path.slice(0, 80)}`;
    const grammar = collection === 'networks' ? NETWORK : NAME;
    if (id !== undefined && (id.length > MAX_ID_LENGTH || !grammar.test(id))) return `'${id.slice(0, 40)}' is not a ${collection} id or name`;
    if (action !== undefined && !ACTION.test(action)) return `'${action.slice(0, 40)}' is not an action`;
  } else if (BY_REFERENCE.has(collection)) {
    const last = rest.at(-1);
    const reference = rest.length > 1 && last !== undefined && IMAGE_ACTIONS.has(last) ? rest.slice(0, -1).join('/') : rest.join('/');
    if (reference !== '' && (reference.length > 512 || !(REFERENCE.test(reference) || IMAGE_ID.test(reference)))) {
      return `'${reference.slice(0, 40)}' is not an image reference`;
    }
  } else if (!segments.every((s) => /^[a-z_]+$/.test(s))) {
    return `an unexpected path ${path.slice(0, 80)}`;
  }
  if (!QUERY_CHARS.test(query)) return `a character in the query that no query builder leaves unencoded: ${query.slice(0, 60)}`;
  const seen = new Set<string>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replaceAll('+', ' '));
    } catch {
      return `broken percent-encoding in the query`;
    }
    if (!QUERY_KEYS.has(key) && !BODY_FIELD.test(key)) return `an unexpected query parameter '${key.slice(0, 40)}'`;
    if (seen.has(key)) return `the query parameter '${key}' twice`;
    seen.add(key);
    if (key === 'name' && collection === 'containers' && (value.length > MAX_ID_LENGTH || !NAME.test(value))) return `'${value.slice(0, 40)}' is not a container name`;
    if ((key === 'fromImage' || key === 'repo') && value !== '' && !(REFERENCE.test(value) && value.length <= 512)) return `'${value.slice(0, 40)}' is not an image reference`;
    if (key === 'tag' && value !== '' && !TAG.test(value) && !/^sha256:[a-f0-9]{64}$/.test(value)) return `'${value.slice(0, 40)}' is not a tag`;
  }
  return undefined;
}
