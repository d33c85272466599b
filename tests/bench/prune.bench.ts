// Prune preview on a crowded engine (500 image tags, 2,000 containers, 500 volumes, all labelled and
// removed after) vs. the engine's own /system/df, and the topology layout of 100 networks × 500 containers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Docker from 'dockerode';

import { PruneRequest } from '@shared/dto/prune';
import type { Topology } from '@shared/dto/networks';

import { resolveEndpoints, systemResolveInput } from '../../electron/services/docker/endpoints';
import { EngineService } from '../../electron/services/docker/engine';
import { PruneService } from '../../electron/services/prune/prune';
import { layoutTopology } from '../../renderer/views/networks/topology-layout';
import { docker as cli, labEnv, testLabel } from '../support/lab';
import { compare, measure, rawEngineGet, summarize, Suite } from './harness';

const lab = labEnv();
const label = testLabel();
const labels = { [label.key]: label.value };
const repo = `lotse-test/bench-prune-${label.value}`;
const IMAGES = 500;
const CONTAINERS = 2000;
const VOLUMES = 500;

async function batches<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
engine.start();
await engine.reconnect();
const docker: Docker = engine.docker();
const prune = new PruneService(engine);
// Whatever was measured is reported, also when a case fails; a stop before the end is marked.
const suite = new Suite('prune');
const results = suite.results;
const context = mkdtempSync(join(tmpdir(), 'lotse-bench-prune-'));

try {
  // Seed: 5 small labelled images, tagged 100 times each; containers and volumes through the API in parallel batches.
  const seedStart = performance.now();
  for (const n of range(5)) {
    writeFileSync(join(context, 'Dockerfile'), `FROM ${lab.LOTSE_LAB_IMAGE_BUSYBOX!}\nLABEL ${label.key}=${label.value} n=${n}\n`);
    await cli(['build', '-q', '-t', `${repo}:base-${n}`, context], { DOCKER_BUILDKIT: '0' });
  }
  await batches(range(IMAGES - 5), 25, (i) => docker.getImage(`${repo}:base-${i % 5}`).tag({ repo, tag: `t${i}` }));
  await batches(range(VOLUMES), 25, (i) => docker.createVolume({ Name: `lotse-bench-v${i}-${label.value}`, Labels: labels }));
  await batches(range(CONTAINERS), 25, (i) =>
    docker.createContainer({ Image: `${repo}:base-${i % 5}`, Cmd: ['true'], Labels: labels, name: `lotse-bench-c${i}-${label.value}` }),
  );
  console.log(`seeded ${IMAGES} tags, ${CONTAINERS} containers, ${VOLUMES} volumes in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const request = PruneRequest.parse({ kind: 'system', all: true, volumes: true, filters: { labels: [label.flag] } });
  const first = await prune.preview(request);
  console.log(`preview: ${first.items.length} objects, ${first.keptTotal} kept, engine ${first.timings.engineMs.toFixed(0)} ms (df ${first.timings.dfMs.toFixed(0)} ms), rules ${first.timings.computeMs.toFixed(0)} ms`);
  const timings: { total: number; df: number; compute: number }[] = [];
  results.push(
    await compare('system prune -a --volumes preview (500 tags, 2,000 containers, 500 volumes)', {
      floor: { name: 'GET /system/df, raw socket (the engine alone)', run: () => rawEngineGet('/system/df') },
      run: async () => {
        const start = performance.now();
        const preview = await prune.preview(request);
        timings.push({ total: performance.now() - start, df: preview.timings.dfMs, compute: preview.timings.computeMs });
      },
      repetitions: 7,
      note: 'whole preview incl. /system/df',
    }),
  );
  results.push(summarize('  of which GET /system/df (the engine)', 'ms', timings.map((t) => t.df), 'the floor set by the engine'));
  results.push(summarize('  preview without /system/df', 'ms', timings.map((t) => t.total - t.df), 'target < 1000 ms'));
  results.push(summarize('  applying the prune rules', 'ms', timings.map((t) => t.compute)));
} finally {
  const containers = await docker.listContainers({ all: true, filters: { label: [label.flag] } });
  await batches(containers, 25, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
  const volumes = (await docker.listVolumes({ filters: { label: [label.flag] } })).Volumes ?? [];
  await batches(volumes, 25, (v) => docker.getVolume(v.Name).remove().catch(() => undefined));
  const images = await docker.listImages({ filters: { label: [label.flag] } });
  for (const image of images) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  rmSync(context, { recursive: true, force: true });
  engine.stop();
}

// Topology: 100 networks, 500 containers, each in 1–3 networks, every tenth publishing a port.
const topology: Topology = {
  networks: range(100).map((i) => ({ id: `n${i}`, name: `net-${i}`, driver: 'bridge', subnet: `10.${i}.0.0/24` })),
  containers: range(500).map((i) => ({
    id: `c${i}`,
    name: `container-${i}`,
    image: 'busybox',
    state: 'running',
    ports: i % 10 === 0 ? [{ hostIp: '0.0.0.0', hostPort: 20000 + i, containerPort: 80, protocol: 'tcp' }] : [],
    networks: Object.fromEntries(range(1 + (i % 3)).map((k) => [`n${(i + k * 37) % 100}`, `10.0.0.${i % 250}`])),
  })),
};
results.push(
  await measure('topology layout (dagre), 100 networks × 500 containers', () => Promise.resolve(layoutTopology(topology)), {
    iterations: 10,
    warmup: 2,
    note: 'target < 500 ms',
  }),
);

suite.report();
