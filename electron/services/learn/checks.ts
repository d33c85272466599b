import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import { HELPER_LABEL } from '@shared/api/learn';
import type { EngineEvent } from '@shared/dto/engine';
import type { CheckOutcome } from '@shared/dto/learn';
import { containerDisplayName } from '@shared/rules/containers';
import { splitReference } from '@shared/rules/names';

import { parseEvent } from '../docker/engine';
import type { Probe } from '../docker/helper';
import { containerOf, imageOf, volumeOf } from '../docker/paths';

export interface CheckContext {
  docker: Docker;
  probe: Probe;
  /** Epoch ms: the learner started the exercise then; earlier events are not theirs. */
  since: number;
  /** Answers shared by the checks of one run (each probe is a helper container). */
  memo: Map<string, Promise<unknown>>;
}

export type CheckResult = Omit<CheckOutcome, 'id'>;
export type CheckFn = (ctx: CheckContext) => Promise<CheckResult>;

const pass = (reason: string, facts: Record<string, string> = {}): CheckResult => ({ passed: true, reason, facts });
const fail = (reason: string, facts: Record<string, string> = {}): CheckResult => ({ passed: false, reason, facts });

/** The repository part of an image reference, without registry, `library/`, tag or digest. */
export function repositoryName(reference: string): string {
  const { name } = splitReference(reference);
  return name.slice(name.lastIndexOf('/') + 1);
}

export const isHelloWorld = (reference: string): boolean => repositoryName(reference) === 'hello-world';

type ContainerInfo = Docker.ContainerInfo;

/** The learner's containers: everything but Lotse's own short-lived check helpers. */
async function containers(docker: Docker, all = false): Promise<ContainerInfo[]> {
  const list = await docker.listContainers({ all });
  return list.filter((c) => !c.Labels[HELPER_LABEL]);
}


/** The engine's remembered events of some types since a moment (the engine keeps the last few hundred). */
async function pastEvents(docker: Docker, since: number, types: ('container' | 'image')[]): Promise<EngineEvent[]> {
  const stream = (await docker.getEvents({
    since: Math.floor(since / 1000),
    until: Math.ceil(Date.now() / 1000),
    filters: { type: types },
  })) as unknown as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .map((line) => (line.trim() ? parseEvent(line) : undefined))
    .filter((e): e is EngineEvent => e !== undefined && e.time >= since);
}

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

// Exercise 3: an image the learner built on top of another local image, adding files with COPY/ADD.
interface HistoryStep {
  CreatedBy: string;
}

interface BuiltImage {
  id: string;
  tag: string;
  base: string;
}

async function builtImages(docker: Docker): Promise<BuiltImage[]> {
  const summaries = await docker.listImages();
  const details = await Promise.all(summaries.map((s) => imageOf(docker, s.Id).inspect()));
  const built: BuiltImage[] = [];
  for (const image of details) {
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    // Lab fixtures and official web server images are bases, not the learner's own image.
    const own = tags.filter((t) => !t.startsWith('lotse-lab/') && !['nginx', 'httpd', 'busybox', 'alpine'].includes(repositoryName(t)));
    if (!own.length) continue;
    const layers = image.RootFS.Layers ?? [];
    const base = details
      .filter((b) => b.Id !== image.Id && (b.RootFS.Layers ?? []).length > 0 && (b.RootFS.Layers ?? []).length <= layers.length)
      .filter((b) => (b.RootFS.Layers ?? []).every((layer, i) => layers[i] === layer))
      .sort((a, b) => (b.RootFS.Layers ?? []).length - (a.RootFS.Layers ?? []).length)[0];
    if (!base) continue;
    const history = (await imageOf(docker, image.Id).history()) as HistoryStep[];
    const baseHistory = (await imageOf(docker, base.Id).history()) as HistoryStep[];
    // history() is newest first: the steps above the base are the learner's.
    const ownSteps = history.slice(0, Math.max(0, history.length - baseHistory.length));
    if (!ownSteps.some((step) => /\b(COPY|ADD)\b/.test(step.CreatedBy))) continue;
    built.push({ id: image.Id, tag: own[0] ?? image.Id, base: (base.RepoTags ?? [])[0] ?? base.Id.slice(7, 19) });
  }
  return built;
}

async function websiteContainer(ctx: CheckContext): Promise<{ container: ContainerInfo; image: BuiltImage } | undefined> {
  const built = await builtImages(ctx.docker);
  const running = await containers(ctx.docker);
  for (const container of running) {
    const image = built.find((b) => b.id === container.ImageID);
    if (image && container.Ports.some((p) => p.PublicPort === 8080 && p.Type === 'tcp')) return { container, image };
  }
  return undefined;
}

async function volumeUsers(docker: Docker, volume: string): Promise<ContainerInfo[]> {
  const running = await containers(docker);
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

/** One function per check id in resources/exercises/0[1-7]-*.json. */
export const dockerExerciseChecks: Record<string, Record<string, CheckFn>> = {
  'hello-world': {
    'engine-answers': async ({ docker }) => {
      const version = (await docker.version()) as { Version?: string; ApiVersion?: string };
      return pass('engine-answers', { version: version.Version ?? '', api: version.ApiVersion ?? '' });
    },
    'hello-world-container-exited-0': async ({ docker }) => {
      const all = (await containers(docker, true)).filter((c) => isHelloWorld(c.Image));
      if (!all.length) return fail('no-hello-world-container');
      for (const c of all) {
        const state = (await containerOf(docker, c.Id).inspect()).State;
        if (state.Status === 'exited' && state.ExitCode === 0) return pass('hello-world-exited-0', { container: containerDisplayName(c), image: c.Image });
      }
      return fail('hello-world-not-exited-0', { container: containerDisplayName(all[0] as ContainerInfo) });
    },
  },
  cleanup: {
    'hello-world-containers-removed': async ({ docker, since }) => {
      const left = (await containers(docker, true)).filter((c) => isHelloWorld(c.Image));
      if (left.length) return fail('hello-world-containers-left', { containers: left.map(containerDisplayName).join(', ') });
      const destroyed = (await pastEvents(docker, since, ['container'])).filter(
        (e) => e.action === 'destroy' && isHelloWorld(e.attributes.image ?? ''),
      );
      if (!destroyed.length) return fail('hello-world-containers-never-removed');
      return pass('hello-world-containers-removed', { containers: destroyed.map((e) => e.name ?? e.id.slice(0, 12)).join(', ') });
    },
    'hello-world-image-removed': async ({ docker, since }) => {
      const images = await docker.listImages();
      const tags = images.flatMap((i) => i.RepoTags ?? []).filter(isHelloWorld);
      if (tags.length) return fail('hello-world-image-left', { tags: tags.join(', ') });
      const events = await pastEvents(docker, since, ['container', 'image']);
      // The image was here during the exercise (a container from it made or removed, pulled, tagged) and was untagged or deleted after that.
      const seen = events.findIndex(
        (e) =>
          (e.type === 'container' && (e.action === 'create' || e.action === 'destroy') && isHelloWorld(e.attributes.image ?? '')) ||
          (e.type === 'image' && ['pull', 'tag', 'load'].includes(e.action) && isHelloWorld(e.name ?? e.id)),
      );
      if (seen < 0) return fail('hello-world-image-never-seen');
      const removed = events.slice(seen).some((e) => e.type === 'image' && (e.action === 'untag' || e.action === 'delete'));
      return removed ? pass('hello-world-image-removed') : fail('hello-world-image-never-seen');
    },
  },
  'static-website': {
    'image-built-from-dockerfile': async ({ docker }) => {
      const built = await builtImages(docker);
      const first = built[0];
      return first ? pass('image-built', { image: first.tag, base: first.base }) : fail('no-built-image');
    },
    'container-on-8080-serves-page': async (ctx) => {
      const found = await websiteContainer(ctx);
      if (!found) return fail('no-container-on-8080');
      const page = await ctx.probe.httpGet('host', '127.0.0.1', 8080, '/');
      const facts = { container: containerDisplayName(found.container), image: found.image.tag, status: String(page.status) };
      // HTML5 lets a page omit <html>; any of its usual tags counts.
      return page.status === 200 && /<(html|!doctype|head|body|h1)\b/i.test(page.body) ? pass('page-answers', facts) : fail('page-does-not-answer', facts);
    },
    'css-and-script-served': async (ctx) => {
      const found = await websiteContainer(ctx);
      if (!found) return fail('no-container-on-8080');
      const missing: string[] = [];
      for (const path of ['/styles.css', '/script.js']) {
        if ((await ctx.probe.httpGet('host', '127.0.0.1', 8080, path)).status !== 200) missing.push(path);
      }
      return missing.length ? fail('assets-missing', { paths: missing.join(', ') }) : pass('assets-served');
    },
  },
  'bridge-network': {
    'user-bridge-has-both-containers': async ({ docker }) => {
      const found = await userBridgeWithTwo(docker);
      return found
        ? pass('bridge-has-two', { network: found.network, containers: found.members.map(containerDisplayName).join(', ') })
        : fail('no-bridge-with-two');
    },
    'name-resolution-between-containers': async (ctx) => {
      const found = await userBridgeWithTwo(ctx.docker);
      if (!found) return fail('no-bridge-with-two');
      const [a, b] = found.members as [ContainerInfo, ContainerInfo];
      const result = await ctx.probe.run({
        networkMode: `container:${a.Id}`,
        env: { N: containerDisplayName(b) },
        script: 'nslookup "$N" >/dev/null 2>&1 && ping -c 1 -W 2 "$N" >/dev/null 2>&1',
      });
      const facts = { from: containerDisplayName(a), to: containerDisplayName(b), network: found.network };
      return result.exitCode === 0 ? pass('name-resolves', facts) : fail('name-does-not-resolve', facts);
    },
  },
  'internal-communication': {
    'both-ports-answer-inside': async (ctx) => {
      const running = await containers(ctx.docker);
      const mentions81 = (c: ContainerInfo): boolean => c.Ports.some((p) => p.PrivatePort === 81);
      const candidates = [...running.filter(mentions81), ...running.filter((c) => !mentions81(c))].slice(0, 8);
      for (const c of candidates) {
        const result = await ctx.probe.run({
          networkMode: `container:${c.Id}`,
          script: `for p in 80 81; do printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 127.0.0.1 "$p" 2>/dev/null | head -n 1 | grep -q '^HTTP/' || exit 1; done`,
        });
        if (result.exitCode === 0) return pass('both-ports-answer', { container: containerDisplayName(c) });
      }
      return fail(running.length ? 'ports-do-not-answer' : 'no-running-container');
    },
  },
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
      const running = (await containers(ctx.docker)).filter((c) => c.Mounts.some((m) => m.Type === 'bind'));
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

/** A user-defined bridge network with at least two of the learner's running containers on it. */
async function userBridgeWithTwo(docker: Docker): Promise<{ network: string; members: ContainerInfo[] } | undefined> {
  const networks = await docker.listNetworks({ filters: { driver: ['bridge'] } });
  const running = await containers(docker);
  for (const network of networks) {
    if (network.Name === 'bridge' || network.Options?.['com.docker.network.bridge.default_bridge'] === 'true') continue;
    const members = running.filter((c) => Object.values(c.NetworkSettings.Networks).some((n) => n.NetworkID === network.Id));
    if (members.length >= 2) return { network: network.Name, members };
  }
  return undefined;
}
