import type Docker from 'dockerode';

import { containerDisplayName } from '@shared/rules/containers';

import type { Probe } from '../../docker/helper';
import { containerOf, volumeOf } from '../../docker/paths';
import { type CheckContext, type CheckFn, type ContainerInfo, fail, learnerContainers, pass } from './common';

/** TCP ports a container's image or run exposes, 80 first: where a web server in it would listen. */
async function webPorts(docker: Docker, id: string): Promise<number[]> {
  const info = await containerOf(docker, id).inspect();
  const ports = new Set<number>();
  for (const key of [...Object.keys(info.Config.ExposedPorts ?? {}), ...Object.keys(info.NetworkSettings.Ports ?? {})]) {
    const [port, proto] = key.split('/');
    if (proto === 'tcp' && port) ports.add(Number(port));
  }
  const sorted = [...ports].sort((a, b) => (a === 80 ? -1 : b === 80 ? 1 : a - b));
  return sorted.length ? sorted.slice(0, 3) : [80];
}

/** Fetches GET / inside a container's network namespace; true when something speaks HTTP there. */
async function answersHttp(probe: Probe, id: string, port: number): Promise<boolean> {
  const { status } = await probe.httpGet(`container:${id}`, '127.0.0.1', port, '/');
  return status > 0;
}

// A busybox sh script: fetch a path on $P in this network namespace and compare the body with a file.
const FETCH_AND_COMPARE = `
mkdir -p /tmp
fetch() { printf 'GET %s HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' "$1" | nc -w 3 127.0.0.1 "$P" > /tmp/r 2>/dev/null; }
same() {
  fetch "$1" || return 1
  head -n 1 /tmp/r | grep -q ' 200' || return 1
  hl=$(awk '{ n += length($0) + 1 } /^\\r?$/ { print n; exit }' /tmp/r)
  [ -n "$hl" ] || return 1
  tail -c +$((hl + 1)) /tmp/r > /tmp/b
  cmp -s /tmp/b "$2"
}
`;

/** Files under $D (newer than $T when set) that the server on $P delivers byte for byte; prints the first. */
const SERVED_FILE = `${FETCH_AND_COMPARE}
for f in $(find "$D" -maxdepth 3 -type f 2>/dev/null | head -n 50); do
  if [ -n "$T" ]; then m=$(stat -c %Y "$f"); [ "$m" -ge "$T" ] || continue; fi
  rel="\${f#$D}"
  case "$rel" in /*) ;; *) rel="/$rel" ;; esac
  if same "$rel" "$f"; then echo "SERVED $rel"; exit 0; fi
done
echo NONE
exit 1
`;

async function volumeUsers(docker: Docker, volume: string): Promise<ContainerInfo[]> {
  const running = await learnerContainers(docker);
  return running.filter((c) => c.Mounts.some((m) => m.Type === 'volume' && m.Name === volume));
}

/** The first container (of some) with a web server answering on one of its ports. */
function findWebServer(ctx: CheckContext, candidates: ContainerInfo[]): Promise<{ container: ContainerInfo; port: number } | undefined> {
  const key = `web:${candidates.map((c) => c.Id).join(',')}`;
  const known = ctx.memo.get(key) as Promise<{ container: ContainerInfo; port: number } | undefined> | undefined;
  if (known) return known;
  const found = probeWebServer(ctx, candidates);
  ctx.memo.set(key, found);
  return found;
}

async function probeWebServer(ctx: CheckContext, candidates: ContainerInfo[]): Promise<{ container: ContainerInfo; port: number } | undefined> {
  for (const container of candidates) {
    for (const port of await webPorts(ctx.docker, container.Id)) {
      if (await answersHttp(ctx.probe, container.Id, port)) return { container, port };
    }
  }
  return undefined;
}

/** Volumes and bind mounts that a web server delivers from: exercises 6 and 7. */
export const storageChecks: Record<string, Record<string, CheckFn>> = {
  volumes: {
    'volume-foo-exists': async ({ docker }) => {
      const volume = await volumeOf(docker, 'foo')
        .inspect()
        .catch(() => undefined);
      return volume ? pass('volume-exists', { mountpoint: volume.Mountpoint }) : fail('volume-missing');
    },
    'volume-foo-mounted-by-two-containers': async (ctx) => {
      const users = await volumeUsers(ctx.docker, 'foo');
      if (users.length < 2) return fail('volume-users-too-few', { count: String(users.length), containers: users.map(containerDisplayName).join(', ') });
      const web = await findWebServer(ctx, users);
      const facts = { containers: users.map(containerDisplayName).join(', ') };
      return web ? pass('volume-shared', { ...facts, web: containerDisplayName(web.container) }) : fail('volume-no-web-server', facts);
    },
    'file-written-by-one-served-by-other': async (ctx) => {
      const users = await volumeUsers(ctx.docker, 'foo');
      const web = await findWebServer(ctx, users);
      if (!web || users.length < 2) return fail('volume-users-too-few', { count: String(users.length), containers: users.map(containerDisplayName).join(', ') });
      const started = (await containerOf(ctx.docker, web.container.Id).inspect()).State.StartedAt;
      const result = await ctx.probe.run({
        networkMode: `container:${web.container.Id}`,
        binds: ['foo:/v:ro'],
        env: { D: '/v', P: String(web.port), T: String(Math.floor(Date.parse(started) / 1000)) },
        script: SERVED_FILE,
      });
      const file = /^SERVED (.+)$/m.exec(result.output)?.[1];
      const facts = { web: containerDisplayName(web.container), others: users.filter((u) => u !== web.container).map(containerDisplayName).join(', ') };
      return file ? pass('file-served', { ...facts, file }) : fail('no-file-served', facts);
    },
  },
  'bind-mounts': {
    'container-serves-bind-mounted-host-path': async (ctx) => {
      const running = (await learnerContainers(ctx.docker)).filter((c) => c.Mounts.some((m) => m.Type === 'bind'));
      if (!running.length) return fail('no-bind-mount');
      for (const c of running) {
        for (const port of await webPorts(ctx.docker, c.Id)) {
          for (const mount of c.Mounts.filter((m) => m.Type === 'bind')) {
            const result = await ctx.probe.run({
              networkMode: `container:${c.Id}`,
              volumesFrom: [`${c.Id}:ro`],
              env: { D: mount.Destination, P: String(port), T: '' },
              script: SERVED_FILE,
            });
            const file = /^SERVED (.+)$/m.exec(result.output)?.[1];
            if (file) return pass('bind-served', { container: containerDisplayName(c), source: mount.Source, file });
          }
        }
      }
      return fail('bind-not-served', { containers: running.map(containerDisplayName).join(', ') });
    },
  },
};
