import type Docker from 'dockerode';

import { LotseError } from '@shared/errors';

/** Small images with a busybox shell (sh, ls, nslookup), best first. */
const PREFERRED = [/^lotse-lab\/busybox:/, /^busybox:/, /(^|\/)busybox:/, /^alpine:/, /(^|\/)alpine:/];

/** Label on every short-lived helper container Lotse starts, so nothing stays behind unnoticed. */
export const HELPER_LABEL = 'lotse.helper';

/** A small image the engine already has, for short-lived helper containers; never pulls. */
export async function findHelperImage(docker: Docker): Promise<string> {
  const images = await docker.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => !t.startsWith('<none>'));
  for (const pattern of PREFERRED) {
    const found = tags.find((t) => pattern.test(t));
    if (found) return found;
  }
  throw new LotseError(
    'NOT_FOUND',
    'No small helper image with a shell (busybox or alpine) is on this engine.',
    'Pull one first: docker pull busybox — Lotse never downloads images on its own.',
  );
}

/**
 * Runs a helper container to its end and returns its output; the container is always removed.
 * `volumes` are mounted read-only as volumes (never a host path), without copying image files into them.
 */
export async function runHelper(
  docker: Docker,
  options: { image: string; cmd: string[]; name?: string; network?: string; volumes?: { name: string; target: string }[]; purpose: string; timeoutMs?: number },
): Promise<{ exitCode: number; output: string }> {
  const container = await docker.createContainer({
    Image: options.image,
    Cmd: options.cmd,
    ...(options.name ? { name: options.name } : {}),
    Labels: { [HELPER_LABEL]: options.purpose },
    HostConfig: {
      ...(options.network ? { NetworkMode: options.network } : {}),
      ...(options.volumes
        ? {
            Mounts: options.volumes.map((v) => ({
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
  try {
    await container.start();
    const timer = setTimeout(() => void container.kill().catch(() => undefined), options.timeoutMs ?? 15_000);
    const waited = (await container.wait().finally(() => clearTimeout(timer))) as { StatusCode?: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return { exitCode: waited.StatusCode ?? -1, output: demux(logs) };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Docker's multiplexed log frames (8-byte headers) to plain text, bounded to 1 MB. */
export function demux(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  let total = 0;
  while (offset + 8 <= buffer.length && total < 1_000_000) {
    const size = buffer.readUInt32BE(offset + 4);
    const part = buffer.subarray(offset + 8, offset + 8 + size);
    parts.push(part);
    total += part.length;
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
