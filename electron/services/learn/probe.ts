import type Docker from 'dockerode';

import { HELPER_LABEL } from '@shared/api/learn';

import { imageOf } from '../docker/paths';

/** Local images that bring a shell with nc, nslookup and ping (busybox applets), best first. */
const HELPER_REPOS = [/(^|\/)busybox$/, /(^|\/)alpine$/];
const TIMEOUT_MS = 20_000;
const OUTPUT_LIMIT = 256 * 1024;

export interface ProbeRun {
  /** sh -c script; values go through env, never into the script text. */
  script: string;
  env?: Record<string, string>;
  /** 'host' (the engine's own network namespace), 'container:<id>', or a network name. */
  networkMode?: string;
  volumesFrom?: string[];
  binds?: string[];
}

export interface ProbeResult {
  exitCode: number;
  output: string;
}

export class NoHelperImageError extends Error {
  constructor() {
    super('No local image with a shell and nc (busybox or alpine) to look inside the engine.');
  }
}

/**
 * Looks at the engine from the inside: runs a short-lived helper container (busybox/alpine) in the
 * engine's or a container's network namespace. Checks fetch pages and resolve names this way, so the
 * answer is the engine's, whichever host or VM it runs in.
 */
export class Probe {
  private image: string | undefined;

  constructor(private readonly docker: () => Docker) {}

  async helperImage(): Promise<string> {
    if (this.image) {
      const still = await imageOf(this.docker(), this.image)
        .inspect()
        .then(() => true)
        .catch(() => false);
      if (still) return this.image;
    }
    const images = await this.docker().listImages();
    for (const pattern of HELPER_REPOS) {
      for (const image of images) {
        const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>' && pattern.test(t.slice(0, t.lastIndexOf(':'))));
        if (tag) {
          this.image = tag;
          return tag;
        }
      }
    }
    throw new NoHelperImageError();
  }

  async run(run: ProbeRun): Promise<ProbeResult> {
    const docker = this.docker();
    const container = await docker.createContainer({
      Image: await this.helperImage(),
      Cmd: ['sh', '-c', run.script],
      Env: Object.entries(run.env ?? {}).map(([k, v]) => `${k}=${v}`),
      Tty: false,
      Labels: { [HELPER_LABEL]: 'exercise-check' },
      HostConfig: {
        NetworkMode: run.networkMode ?? 'none',
        ...(run.volumesFrom ? { VolumesFrom: run.volumesFrom } : {}),
        ...(run.binds ? { Binds: run.binds } : {}),
      },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await container.start();
      const waited = (await Promise.race([
        container.wait(),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve({ StatusCode: 124 }), TIMEOUT_MS);
        }),
      ])) as { StatusCode?: number };
      const logs = await container.logs({ stdout: true, stderr: true, follow: false });
      const output = demux(logs).subarray(0, OUTPUT_LIMIT).toString('utf8');
      return { exitCode: waited.StatusCode ?? -1, output };
    } finally {
      clearTimeout(timer);
      await container.remove({ force: true }).catch(() => undefined);
    }
  }

  /** An HTTP GET over nc; status 0 when nothing answered. */
  async httpGet(networkMode: string, host: string, port: number, path: string): Promise<{ status: number; body: string }> {
    const result = await this.run({
      networkMode,
      env: { H: host, P: String(port), U: path },
      script: 'printf "GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n" "$U" "$H" | nc -w 3 "$H" "$P"',
    });
    return parseHttp(result.output);
  }
}

/** Status code and body of a raw HTTP/1.x response. */
export function parseHttp(raw: string): { status: number; body: string } {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1];
  if (!status) return { status: 0, body: '' };
  const match = /\r?\n\r?\n/.exec(raw);
  return { status: Number(status), body: match ? raw.slice(match.index + match[0].length) : '' };
}

/** The engine's multiplexed log format (no TTY): 8-byte frame headers, then the payload. */
export function demux(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(at + 4);
    parts.push(buffer.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts);
}
