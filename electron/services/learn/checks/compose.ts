import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type Docker from 'dockerode';

import { analyze } from '@shared/compose/doctor';
import { COMPOSE_LABELS as L } from '@shared/compose/dto';

import { configFiles } from '../../compose/discovery';
import { volumeOf } from '../../docker/paths';
import { type CheckContext, type CheckFn, type ContainerInfo, fail, learnerContainers, pass } from './common';

/** Running containers of Compose projects (not `run` one-offs), grouped by project. */
async function runningProjects(docker: Docker): Promise<Map<string, ContainerInfo[]>> {
  const projects = new Map<string, ContainerInfo[]>();
  for (const c of await learnerContainers(docker)) {
    const project = c.Labels[L.project];
    if (!project || c.Labels[L.oneoff] === 'True') continue;
    projects.set(project, [...(projects.get(project) ?? []), c]);
  }
  return projects;
}

const serviceOf = (c: ContainerInfo): string => c.Labels[L.service] ?? '';
const servicesOf = (containers: ContainerInfo[]): string[] => [...new Set(containers.map(serviceOf))].sort();
/** Named volumes only: an anonymous volume has a 64-hex name the engine made up. */
const namedVolumes = (c: ContainerInfo): string[] => c.Mounts.filter((m) => m.Type === 'volume' && m.Name && !/^[0-9a-f]{64}$/.test(m.Name)).map((m) => m.Name ?? '');

/**
 * Which services depend on which: v2 writes it into a label (`db:service_healthy:false,…`); for v1 the
 * project's own files are read (their paths are in the labels), as Compose would read them.
 */
function dependencies(containers: ContainerInfo[]): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const c of containers) {
    const label = c.Labels['com.docker.compose.depends_on'];
    if (label !== undefined) deps.set(serviceOf(c), label.split(',').filter(Boolean).map((d) => d.split(':')[0] ?? ''));
  }
  if (deps.size) return deps;
  const labels = containers[0]?.Labels ?? {};
  const files = configFiles(labels);
  if (!files.length) return deps;
  try {
    const envPath = labels[L.envFile] ?? join(labels[L.workingDir] ?? dirname(files[0] ?? '/'), '.env');
    let envText = '';
    try {
      envText = readFileSync(envPath, 'utf8');
    } catch {
      // No .env: variables come from the environment only.
    }
    const version = labels[L.version] ?? '2';
    const { model } = analyze({
      files: files.map((path) => ({ path, text: readFileSync(path, 'utf8') })),
      flavor: version.startsWith('1.') ? 'v1' : 'v2',
      ...(envText ? { envFile: { path: envPath, text: envText } } : {}),
    });
    for (const s of model.services) deps.set(s.name, s.dependsOn.map((d) => d.service));
  } catch {
    // The files are gone or elsewhere (another machine): no dependencies known.
  }
  return deps;
}

/** The first project with a running service called web (else any service) that bind-mounts a path from its project folder. */
async function webProject(ctx: CheckContext): Promise<{ project: string; container: ContainerInfo; source: string } | undefined> {
  const key = 'compose-web';
  const known = ctx.memo.get(key) as Promise<{ project: string; container: ContainerInfo; source: string } | undefined> | undefined;
  if (known) return known;
  const found = (async () => {
    for (const [project, containers] of await runningProjects(ctx.docker)) {
      const sorted = [...containers].sort((a, b) => (serviceOf(a) === 'web' ? -1 : serviceOf(b) === 'web' ? 1 : 0));
      for (const c of sorted) {
        const folder = c.Labels[L.workingDir];
        const bind = c.Mounts.find((m) => m.Type === 'bind' && (!folder || m.Source.startsWith(`${folder}/`) || m.Source === folder));
        if (bind) return { project, container: c, source: bind.Source };
      }
    }
    return undefined;
  })();
  ctx.memo.set(key, found);
  return found;
}

/** The project with two running services that Exercise 9 looks at: the one whose database has a named volume, if any. */
async function appProject(ctx: CheckContext): Promise<{ project: string; containers: ContainerInfo[] } | undefined> {
  const candidates = [...(await runningProjects(ctx.docker))].filter(([, containers]) => servicesOf(containers).length >= 2);
  const withVolume = candidates.find(([, containers]) => containers.some((c) => namedVolumes(c).length));
  const chosen = withVolume ?? candidates[0];
  return chosen ? { project: chosen[0], containers: chosen[1] } : undefined;
}

const PORTS = [90, 91, 92, 93];

/** For each of the ports 90–93, the Compose project whose running container publishes it. */
async function portOwners(docker: Docker): Promise<Map<number, { project: string; containers: ContainerInfo[] }>> {
  const owners = new Map<number, { project: string; containers: ContainerInfo[] }>();
  for (const [project, containers] of await runningProjects(docker)) {
    for (const c of containers) {
      for (const p of c.Ports) if (p.Type === 'tcp' && PORTS.includes(p.PublicPort) && !owners.has(p.PublicPort)) owners.set(p.PublicPort, { project, containers });
    }
  }
  return owners;
}

/** One function per check id in resources/exercises/0{8,9}-*.json and 10-*.json: the Compose chapter. */
export const composeExerciseChecks: Record<string, Record<string, CheckFn>> = {
  'compose-web': {
    'compose-web-service-with-bind-mount': async (ctx) => {
      const projects = await runningProjects(ctx.docker);
      if (!projects.size) return fail('compose-no-project');
      const found = await webProject(ctx);
      if (!found) return fail('compose-no-bind-mount', { projects: [...projects.keys()].join(', ') });
      return pass('compose-web-bind-mount', { project: found.project, service: serviceOf(found.container), source: found.source });
    },
    'compose-web-answers': async (ctx) => {
      const found = await webProject(ctx);
      if (!found) return fail('compose-no-project');
      const port = found.container.Ports.find((p) => p.Type === 'tcp' && p.PublicPort)?.PublicPort;
      if (!port) return fail('compose-web-not-published', { service: serviceOf(found.container) });
      const answer = await ctx.probe.httpGet('host', '127.0.0.1', port, '/');
      const facts = { service: serviceOf(found.container), port: String(port), status: String(answer.status) };
      return answer.status > 0 ? pass('compose-web-answers', facts) : fail('compose-web-silent', facts);
    },
  },
  'compose-wordpress': {
    'two-services-running': async (ctx) => {
      const found = await appProject(ctx);
      return found ? pass('compose-two-services', { project: found.project, services: servicesOf(found.containers).join(', ') }) : fail('compose-no-two-services');
    },
    'database-uses-named-volume': async (ctx) => {
      const found = await appProject(ctx);
      if (!found) return fail('compose-no-two-services');
      const db = found.containers.find((c) => namedVolumes(c).length);
      return db ? pass('compose-named-volume', { service: serviceOf(db), volume: namedVolumes(db).join(', ') }) : fail('compose-no-named-volume', { project: found.project });
    },
    'app-depends-on-database': async (ctx) => {
      const found = await appProject(ctx);
      if (!found) return fail('compose-no-two-services');
      const deps = dependencies(found.containers);
      const databases = new Set(found.containers.filter((c) => namedVolumes(c).length).map(serviceOf));
      const running = new Set(servicesOf(found.containers));
      for (const [service, on] of deps) {
        const target = on.find((d) => d !== service && running.has(d) && (databases.size === 0 || databases.has(d)));
        if (target) return pass('compose-depends-on', { app: service, database: target });
      }
      return fail('compose-no-depends-on', { project: found.project });
    },
  },
  'company-it': {
    'four-compose-projects-running': async (ctx) => {
      const projects = [...(await runningProjects(ctx.docker)).keys()].sort();
      return projects.length >= 4 ? pass('compose-four-projects', { projects: projects.join(', ') }) : fail('compose-too-few-projects', { count: String(projects.length), projects: projects.join(', ') });
    },
    'ports-90-to-93-published': async (ctx) => {
      const owners = await portOwners(ctx.docker);
      const missing = PORTS.filter((p) => !owners.has(p));
      if (missing.length) return fail('compose-ports-missing', { ports: missing.join(', ') });
      const projects = new Set([...owners.values()].map((o) => o.project));
      if (projects.size < 4) return fail('compose-ports-one-project', { projects: [...projects].join(', ') });
      const silent: number[] = [];
      for (const port of PORTS) if ((await ctx.probe.httpGet('host', '127.0.0.1', port, '/')).status <= 0) silent.push(port);
      return silent.length ? fail('compose-ports-silent', { ports: silent.join(', ') }) : pass('compose-ports-answer', { projects: [...projects].sort().join(', ') });
    },
    'named-volumes-survive-down-up': async (ctx) => {
      const owners = await portOwners(ctx.docker);
      const projects = new Map([...owners.values()].map((o) => [o.project, o.containers]));
      if (projects.size < 4) return fail('compose-ports-missing', { ports: PORTS.filter((p) => !owners.has(p)).join(', ') });
      const lacking: string[] = [];
      for (const [project, containers] of projects) {
        // Survived: a named volume older than every container now using it (the containers were made anew), and not empty.
        let survived = false;
        for (const c of containers) {
          for (const name of namedVolumes(c)) {
            const volume = await volumeOf(ctx.docker, name)
              .inspect()
              .catch(() => undefined);
            const created = Date.parse((volume as { CreatedAt?: string } | undefined)?.CreatedAt ?? '');
            if (!(created < c.Created * 1000 - 1000)) continue;
            const files = await ctx.probe.run({ binds: [`${name}:/v:ro`], script: 'find /v -type f | head -n 1 | grep -q .' });
            if (files.exitCode === 0) survived = true;
          }
        }
        if (!survived) lacking.push(project);
      }
      return lacking.length ? fail('compose-volumes-not-survived', { projects: lacking.sort().join(', ') }) : pass('compose-volumes-survived', { projects: [...projects.keys()].sort().join(', ') });
    },
  },
};
