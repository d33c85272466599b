import type Docker from 'dockerode';

import { HELPER_LABEL } from '@shared/rules/learn';
import { LotseError } from '@shared/errors';

import { demux } from './frames';
import { imageOf } from './paths';

/** Small images with a busybox shell (sh, ls, nc, nslookup, ping), best first. */
const PREFERRED = [/^lotse-lab\/busybox:/, /^busybox:/, /(^|\/)busybox:/, /^alpine:/, /(^|\/)alpine:/];
const OUTPUT_LIMIT = 1024 * 1024;
/** The exit code a helper reports when it ran out of time (as `timeout` says it). */
const TIMED_OUT = 124;

/** The engine has no image a helper container could run. */
export class NoHelperImageError extends LotseError {
  constructor() {
    super(
      'NOT_FOUND',
      'No small helper image with a shell (busybox or alpine) is on this engine.',
      'Pull one first: docker pull busybox — Lotse never downloads images on its own.',
    );
  }
}

/** A small image the engine already has, for short-lived helper containers; never pulls. */
export async function findHelperImage(docker: Docker): Promise<string> {
  const images = await docker.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => !t.startsWith('<none>'));
  for (const pattern of PREFERRED) {
    const found = tags.find((t) => pattern.test(t));
    if (found) return found;
  }
  throw new NoHelperImageError();
}

export interface HelperRun {
  image: string;
  cmd: string[];
  /** Why it runs: the value of its label, so nothing Lotse starts stays behind unnoticed. */
  purpose: string;
  name?: string;
  env?: Record<string, string>;
  /** A network name, 'host' (the engine's own namespace), 'container:<id>' or 'none'; the engine's default when left out. */
  network?: string;
  /** Volumes mounted read-only as volumes (never a host path), without copying image files into them. */
  volumes?: { name: string; target: string }[];
  volumesFrom?: string[];
  binds?: string[];
  timeoutMs?: number;
}

export interface HelperResult {
  /** The command's exit code; TIMED_OUT when it was stopped for taking too long. */
  exitCode: number;
  /** stdout and stderr as written, up to 1 MiB. */
  output: string;
}

/** Runs a helper container to its end and returns its output; the container is always removed. */
export async function runHelper(docker: Docker, run: HelperRun): Promise<HelperResult> {
  const container = await docker.createContainer({
    Image: run.image,
    Cmd: run.cmd,
    ...(run.name ? { name: run.name } : {}),
    ...(run.env ? { Env: Object.entries(run.env).map(([k, v]) => `${k}=${v}`) } : {}),
    Tty: false,
    Labels: { [HELPER_LABEL]: run.purpose },
    HostConfig: {
      ...(run.network ? { NetworkMode: run.network } : {}),
      ...(run.volumesFrom ? { VolumesFrom: run.volumesFrom } : {}),
      ...(run.binds ? { Binds: run.binds } : {}),
      ...(run.volumes
        ? {
            Mounts: run.volumes.map((v) => ({
              Type: 'volume' as const,
              Source: v.name,
              Target: v.target,
              ReadOnly: true,
              // The engine takes NoCopy alone; the type asks for every option.
              VolumeOptions: { NoCopy: true } as Docker.MountSettings['VolumeOptions'],
            })),
          }
        : {}),
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await container.start();
    const timedOut = new Promise<{ StatusCode: number }>((resolve) => {
      timer = setTimeout(() => {
        void container.kill().catch(() => undefined);
        resolve({ StatusCode: TIMED_OUT });
      }, run.timeoutMs ?? 15_000);
    });
    const waited = (await Promise.race([container.wait(), timedOut])) as { StatusCode?: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return { exitCode: waited.StatusCode ?? -1, output: demux(logs, OUTPUT_LIMIT) };
  } finally {
    clearTimeout(timer);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

export interface ProbeRun {
  /** sh -c script; values go through env, never into the script text. */
  script: string;
  env?: Record<string, string>;
  /** 'host' (the engine's own network namespace), 'container:<id>', or a network name; none when left out. */
  networkMode?: string;
  volumesFrom?: string[];
  binds?: string[];
}

/**
 * Looks at the engine from the inside: runs short-lived helper containers in the engine's or a
 * container's network namespace. Checks fetch pages and resolve names this way, so the answer is
 * the engine's, whichever host or VM it runs in. Remembers the helper image while the engine has it.
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
    this.image = await findHelperImage(this.docker());
    return this.image;
  }

  async run(run: ProbeRun): Promise<HelperResult> {
    return runHelper(this.docker(), {
      image: await this.helperImage(),
      cmd: ['sh', '-c', run.script],
      env: run.env ?? {},
      network: run.networkMode ?? 'none',
      ...(run.volumesFrom ? { volumesFrom: run.volumesFrom } : {}),
      ...(run.binds ? { binds: run.binds } : {}),
      purpose: 'exercise-check',
      timeoutMs: 20_000,
    });
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
