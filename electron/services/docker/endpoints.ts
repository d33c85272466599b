import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { Endpoint } from '@shared/dto/engine';

export interface EndpointCandidate extends Endpoint {
  /** Paths of TLS material for tcp endpoints (docker's ca.pem, cert.pem, key.pem). */
  tlsFiles?: { ca: string; cert: string; key: string };
  tlsVerify?: boolean;
}

export interface ResolveInput {
  env: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  readFile(path: string): string | undefined;
}

export function systemResolveInput(): ResolveInput {
  return {
    env: process.env,
    home: homedir(),
    platform: process.platform,
    exists: (path) => existsSync(path),
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Finds the engine the way the docker CLI does: DOCKER_HOST, then the current docker context
 * (DOCKER_CONTEXT or config.json's currentContext), then the default socket and the sockets
 * Docker Desktop, rootless Docker and Podman create. Returns the candidates to try, in order.
 */
export function resolveEndpoints(input: ResolveInput): EndpointCandidate[] {
  const { env } = input;
  const configDir = env.DOCKER_CONFIG || join(input.home, '.docker');

  if (env.DOCKER_HOST) {
    const tlsVerify = Boolean(env.DOCKER_TLS_VERIFY);
    const certDir = env.DOCKER_CERT_PATH || configDir;
    return [fromHost(env.DOCKER_HOST, 'DOCKER_HOST', undefined, tlsVerify, certDir)];
  }

  const contextName = env.DOCKER_CONTEXT || currentContext(input, configDir);
  if (contextName && contextName !== 'default') {
    const fromContext = contextEndpoint(input, configDir, contextName);
    if (fromContext) return [fromContext];
  }

  const defaults = defaultSockets(input);
  const present = defaults.filter((c) => c.kind === 'npipe' || input.exists(c.address));
  const first = defaults[0];
  if (present.length > 0) return present;
  return first ? [first] : [];
}

function currentContext(input: ResolveInput, configDir: string): string | undefined {
  const raw = input.readFile(join(configDir, 'config.json'));
  if (!raw) return undefined;
  try {
    const config = JSON.parse(raw) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

function contextEndpoint(input: ResolveInput, configDir: string, name: string): EndpointCandidate | undefined {
  const digest = createHash('sha256').update(name).digest('hex');
  const raw = input.readFile(join(configDir, 'contexts', 'meta', digest, 'meta.json'));
  if (!raw) return undefined;
  try {
    const meta = JSON.parse(raw) as { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
    const docker = meta.Endpoints?.docker;
    if (!docker?.Host) return undefined;
    const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker');
    const hasTls = input.exists(join(tlsDir, 'ca.pem')) || input.exists(join(tlsDir, 'cert.pem'));
    return fromHost(docker.Host, 'docker-context', name, hasTls && !docker.SkipTLSVerify, tlsDir, hasTls);
  } catch {
    return undefined;
  }
}

function fromHost(
  host: string,
  source: EndpointCandidate['source'],
  context: string | undefined,
  tlsVerify: boolean,
  certDir: string,
  tlsMaterial = tlsVerify,
): EndpointCandidate {
  const withContext = context === undefined ? {} : { context };
  if (host.startsWith('unix://')) {
    return { kind: 'unix', address: host.slice('unix://'.length), tls: false, source, ...withContext };
  }
  if (host.startsWith('npipe://')) {
    return { kind: 'npipe', address: host.slice('npipe://'.length).replaceAll('/', '\\'), tls: false, source, ...withContext };
  }
  const address = host.replace(/^(tcp|https?):\/\//, '');
  const tls = tlsMaterial || host.startsWith('https://');
  return {
    kind: 'tcp',
    address,
    tls,
    tlsVerify,
    source,
    ...withContext,
    ...(tls
      ? { tlsFiles: { ca: join(certDir, 'ca.pem'), cert: join(certDir, 'cert.pem'), key: join(certDir, 'key.pem') } }
      : {}),
  };
}

function defaultSockets(input: ResolveInput): EndpointCandidate[] {
  const { home, env } = input;
  const unix = (address: string, source: EndpointCandidate['source']): EndpointCandidate => ({
    kind: 'unix',
    address,
    tls: false,
    source,
  });
  if (input.platform === 'win32') {
    return [
      { kind: 'npipe', address: '\\\\.\\pipe\\docker_engine', tls: false, source: 'default-socket' },
      { kind: 'npipe', address: '\\\\.\\pipe\\podman-machine-default', tls: false, source: 'podman' },
    ];
  }
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const list: EndpointCandidate[] = [unix('/var/run/docker.sock', 'default-socket')];
  if (input.platform === 'darwin') {
    list.push(unix(join(home, '.docker', 'run', 'docker.sock'), 'docker-desktop'));
    list.push(unix(join(home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock'), 'podman'));
  } else {
    if (runtimeDir) list.push(unix(join(runtimeDir, 'docker.sock'), 'rootless'));
    list.push(unix(join(home, '.docker', 'desktop', 'docker.sock'), 'docker-desktop'));
    if (runtimeDir) list.push(unix(join(runtimeDir, 'podman', 'podman.sock'), 'podman'));
    list.push(unix('/run/podman/podman.sock', 'podman'));
  }
  return list;
}

/** How dockerode reaches an engine: a client is made from it (a worker thread makes its own). */
export interface EngineConnection {
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** The connection to an endpoint, with TLS material read from the docker cert files. */
export function connectionFor(endpoint: EndpointCandidate): EngineConnection {
  if (endpoint.kind === 'unix' || endpoint.kind === 'npipe') return { socketPath: endpoint.address };
  const [host, port] = splitHostPort(endpoint.address);
  const files = endpoint.tlsFiles;
  const read = (path: string | undefined): Buffer | undefined => {
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  };
  if (!endpoint.tls || !files) return { host, port, protocol: 'http' };
  const ca = read(files.ca);
  const cert = read(files.cert);
  const key = read(files.key);
  return {
    host,
    port,
    protocol: 'https',
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  };
}

function splitHostPort(address: string): [string, number] {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address);
  return [match?.[1] ?? address, Number(match?.[2] ?? 2375)];
}
