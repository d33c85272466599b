import { isAbsolute, join } from 'node:path';

import type Docker from 'dockerode';

import { COMPOSE_LABELS as L, type ComposeContainer, type ComposeProject, type ComposeServiceStatus, type OpenedProject, type ProjectState, type ServiceState } from '@shared/compose/dto';

function health(status: string): ComposeContainer['health'] {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('health: starting')) return 'starting';
  return 'none';
}

function toContainer(info: Docker.ContainerInfo): ComposeContainer {
  const labels = info.Labels;
  return {
    id: info.Id,
    name: (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    service: labels[L.service] ?? '',
    number: Number(labels[L.number] ?? 0) || 0,
    state: info.State,
    health: health(info.Status),
    status: info.Status,
    image: info.Image,
    ports: info.Ports.map((p) => ({
      ...(p.IP ? { hostIp: p.IP } : {}),
      ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
      containerPort: p.PrivatePort,
      protocol: p.Type,
    })),
    created: info.Created * 1000,
  };
}

function serviceState(containers: ComposeContainer[]): ServiceState {
  const running = containers.filter((c) => c.state === 'running');
  if (containers.some((c) => c.state === 'restarting')) return 'restarting';
  if (running.some((c) => c.health === 'unhealthy')) return 'unhealthy';
  if (running.length === containers.length && running.length > 0) return 'running';
  if (running.length > 0) return 'partial';
  if (containers.every((c) => c.state === 'paused')) return 'paused';
  if (containers.every((c) => c.state === 'created')) return 'created';
  return 'exited';
}

/** The files the project was brought up with; v1 writes them relative to its working directory when it was run without -f. */
export function configFiles(labels: Record<string, string>): string[] {
  const dir = labels[L.workingDir] ?? '/';
  return (labels[L.configFiles] ?? '')
    .split(',')
    .filter(Boolean)
    .map((f) => (isAbsolute(f) ? f : join(dir, f)));
}

/** `1.29.2` → v1, `2.20.2` → v2. */
const flavorOf = (version: string | undefined): ComposeProject['flavor'] =>
  version === undefined ? undefined : version.startsWith('1.') ? 'v1' : 'v2';

/**
 * Groups Compose containers (found by their labels) into projects → services → containers, with
 * `docker compose run` containers (oneoff=True) apart. Opened projects without a container show as down.
 */
export function groupProjects(containers: Docker.ContainerInfo[], opened: OpenedProject[]): ComposeProject[] {
  const byProject = new Map<string, Docker.ContainerInfo[]>();
  for (const c of containers) {
    const project = c.Labels[L.project];
    if (!project) continue;
    const list = byProject.get(project) ?? [];
    list.push(c);
    byProject.set(project, list);
  }
  const openedByName = new Map(opened.map((o) => [o.name, o]));
  const projects: ComposeProject[] = [];
  for (const [name, list] of byProject) {
    const own = list.filter((c) => c.Labels[L.oneoff] !== 'True');
    const services = new Map<string, ComposeContainer[]>();
    for (const c of own.map(toContainer).sort((a, b) => a.number - b.number)) {
      const members = services.get(c.service) ?? [];
      members.push(c);
      services.set(c.service, members);
    }
    const statuses: ComposeServiceStatus[] = [...services.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([service, members]) => ({
        name: service,
        containers: members,
        running: members.filter((c) => c.state === 'running').length,
        total: members.length,
        state: serviceState(members),
      }));
    // The newest container's labels describe how the project was last brought up.
    const newest = [...list].sort((a, b) => b.Created - a.Created)[0]?.Labels ?? {};
    const running = statuses.reduce((n, s) => n + s.running, 0);
    const total = statuses.reduce((n, s) => n + s.total, 0);
    const state: ProjectState = total === 0 ? 'down' : running === total ? 'running' : running > 0 ? 'partial' : 'exited';
    const flavor = flavorOf(newest[L.version]);
    const opened = openedByName.get(name);
    projects.push({
      name,
      ...(flavor ? { flavor, composeVersion: newest[L.version] } : {}),
      ...(newest[L.workingDir] ? { workingDir: newest[L.workingDir] } : {}),
      configFiles: configFiles(newest),
      ...(newest[L.envFile] ? { envFile: newest[L.envFile] } : {}),
      services: statuses,
      oneOffs: list.filter((c) => c.Labels[L.oneoff] === 'True').map(toContainer),
      state,
      ...(opened ? { opened } : {}),
    });
  }
  for (const o of opened) {
    if (byProject.has(o.name)) continue;
    projects.push({ name: o.name, workingDir: o.projectDir, configFiles: o.files, ...(o.envFile ? { envFile: o.envFile } : {}), services: [], oneOffs: [], state: 'down', opened: o });
  }
  return projects.sort((a, b) => a.name.localeCompare(b.name));
}

/** Compose's containers on the engine: all of them, or those of some projects (one label filter each). */
export async function composeContainers(docker: Docker, names?: string[]): Promise<Docker.ContainerInfo[]> {
  if (!names) return docker.listContainers({ all: true, filters: { label: [L.project] } });
  const lists = await Promise.all(names.map((name) => docker.listContainers({ all: true, filters: { label: [`${L.project}=${name}`] } })));
  return lists.flat();
}
