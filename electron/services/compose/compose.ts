import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

import type Docker from 'dockerode';

import { type ComposeAction, type ComposeCli, type ComposeCommand, composeCommand, type ComposeTarget } from '@shared/cli/compose';
import { analyze, normalizeImage } from '@shared/compose/doctor';
import {
  COMPOSE_LABELS as L,
  type ComposeCliInfo,
  type ComposeProject,
  type DownPreview,
  type OpenedProject,
  type OpenProblem,
  type OpenResult,
  type ProjectAnalysis,
  type ProjectFile,
  type RunOutcome,
  type RunReason,
} from '@shared/compose/dto';
import { PROJECT_NAME, projectNameFor } from '@shared/compose/project';
import type { ComposeModel, EngineFacts, SourceFile } from '@shared/compose/types';
import { LotseError } from '@shared/errors';

import type { EngineService } from '../docker/engine';
import { containerOf, imageOf, volumeOf } from '../docker/paths';
import { type DetectResult, detectCompose, parsePs } from './detect';
import { composeContainers, groupProjects } from './discovery';
import { RememberedProjects } from './remembered';
import { runCompose } from './run';

export interface ComposeServiceOptions {
  /** JSON file in the app's data folder where opened projects are remembered. */
  projectsFile: string;
  /** Where the editor keeps a copy of each file before it overwrites it. */
  backupDir: string;
  /** The environment the Compose CLI runs with (and interpolation reads); default: this process's. */
  env?: Record<string, string>;
}

export interface OpenRequest {
  /** A folder (its compose file is looked up as Compose does) or one compose file. */
  path?: string | undefined;
  /** Compose files in `-f` order, instead of path. */
  files?: string[] | undefined;
  name?: string | undefined;
  envFile?: string | undefined;
  profiles?: string[] | undefined;
}

/** The file names Compose looks for in a folder, in its order (v2 prefers compose.yaml; v1 docker-compose.yml). */
const DEFAULT_FILES = {
  v2: ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'],
  v1: ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'],
};

const FILE_LIMIT = 1024 * 1024;

function fileVersion(path: string): string {
  const s = statSync(path);
  return `${String(Math.floor(s.mtimeMs))}-${String(s.size)}`;
}

function readProjectFile(path: string): ProjectFile {
  const s = statSync(path);
  if (s.size > FILE_LIMIT) throw new LotseError('INVALID_PARAMS', `${path} is larger than 1 MB; that is not a compose file.`);
  return { path, text: readFileSync(path, 'utf8'), version: fileVersion(path) };
}

function kind(path: string): 'file' | 'dir' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

/**
 * What the host has at each bind mount's source: relative sources are taken from the project directory
 * and `~` from the home folder, as Compose does.
 */
function bindSources(model: ComposeModel, projectDir: string): Record<string, 'file' | 'dir' | 'missing'> {
  const out: Record<string, 'file' | 'dir' | 'missing'> = {};
  for (const service of model.services) {
    for (const mount of service.mounts) {
      if (mount.kind !== 'bind' || !mount.source || Object.hasOwn(out, mount.source)) continue;
      const source = mount.source;
      const path = source === '~' || source.startsWith('~/') ? join(homedir(), source.slice(1)) : resolve(projectDir, source);
      out[source] = kind(path);
    }
  }
  return out;
}

/** Reads what a failed run printed and says which of the usual causes it was. */
export function classifyFailure(lines: string[]): { reason: RunReason; detail: string } | undefined {
  const rules: [RunReason, RegExp][] = [
    ['portTaken', /port is already allocated|address already in use/i],
    ['dependencyUnhealthy', /is unhealthy|dependency failed to start/i],
    ['buildFailed', /failed to build|failed to solve|returned a non-zero code|error building/i],
    ['imageMissing', /pull access denied|manifest unknown|no such image|not found: manifest|repository does not exist|failed to resolve reference/i],
    ['nameConflict', /is already in use by container|conflict\. the container name/i],
    ['fileInvalid', /is invalid because|yaml|mapping key|invalid compose project|unsupported config option|additional property/i],
    ['engineUnavailable', /cannot connect to the docker daemon|couldn't connect to docker daemon|is the docker daemon running/i],
  ];
  for (const [reason, pattern] of rules) {
    const line = [...lines].reverse().find((l) => pattern.test(l));
    if (line) return { reason, detail: line.trim() };
  }
  return undefined;
}

/**
 * Compose projects: found on the engine by their labels, opened from files (read, interpolated and
 * checked by the doctor before anything runs), and driven through the Compose CLI the learner has.
 */
export class ComposeService {
  private detected: Promise<DetectResult> | undefined;
  private readonly remembered: RememberedProjects;
  private readonly env: Record<string, string>;

  constructor(
    private readonly engine: EngineService,
    private readonly options: ComposeServiceOptions,
  ) {
    this.remembered = new RememberedProjects(options.projectsFile);
    this.env = options.env ?? Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  }

  /** Which Compose is installed (looked up once; `refresh` looks again, after the learner installed one). */
  async cli(refresh = false): Promise<ComposeCliInfo> {
    if (refresh || !this.detected) this.detected = detectCompose(this.env, process.cwd());
    return this.detected;
  }

  private async tool(): Promise<ComposeCli> {
    const info = await this.cli();
    if (!info.found) {
      throw new LotseError(
        'NOT_FOUND',
        'Neither `docker compose` (v2) nor `docker-compose` (v1) is installed.',
        'Install the Compose plugin (Debian/Ubuntu: apt-get install docker-compose-plugin, or docker-compose for v1; Docker Desktop brings it along).',
      );
    }
    return info;
  }

  /** Every project on the engine plus the opened ones that are down; with names, only those (a re-read after an event). */
  async projects(names?: string[]): Promise<ComposeProject[]> {
    const containers = await composeContainers(this.engine.docker(), names);
    const opened = this.remembered.all().filter((o) => !names || names.includes(o.name));
    return groupProjects(containers, opened);
  }

  async open(request: OpenRequest): Promise<OpenResult> {
    const info = await this.cli();
    const flavor = info.found ? info.flavor : 'v2';
    const problems: OpenProblem[] = [];
    let files: string[] = [];
    if (request.files?.length) {
      request.files.forEach((file, index) => {
        if (!isAbsolute(file)) problems.push({ field: 'files', index, code: 'notAbsolute', path: file });
        else if (kind(file) !== 'file') problems.push({ field: 'files', index, code: kind(file) === 'missing' ? 'missing' : 'notAFile', path: file });
      });
      files = request.files.map((f) => resolve(f));
    } else {
      const path = request.path ?? '';
      if (!isAbsolute(path)) problems.push({ field: 'path', code: 'notAbsolute', path });
      else if (kind(path) === 'missing') problems.push({ field: 'path', code: 'missing', path });
      else if (kind(path) === 'file') files = [resolve(path)];
      else {
        const found = DEFAULT_FILES[flavor].map((f) => join(path, f)).find((f) => kind(f) === 'file');
        if (!found) problems.push({ field: 'path', code: 'noComposeFile', path });
        else {
          files = [found];
          // Without -f, Compose also reads the override file beside it; with -f it must be named.
          const override = found.replace(/\.(ya?ml)$/, '.override.$1');
          if (kind(override) === 'file') files.push(override);
        }
      }
    }
    if (request.envFile && (!isAbsolute(request.envFile) || kind(request.envFile) !== 'file')) {
      problems.push({ field: 'envFile', code: !isAbsolute(request.envFile) ? 'notAbsolute' : 'missing', path: request.envFile });
    }
    if (request.name && !PROJECT_NAME.test(request.name)) problems.push({ field: 'name', code: 'badName', path: request.name });
    if (problems.length) return { ok: false, problems };

    const projectDir = dirname(files[0] ?? '/');
    const draft: OpenedProject = {
      name: request.name ?? '',
      files,
      projectDir,
      ...(request.envFile ? { envFile: request.envFile } : {}),
      profiles: request.profiles ?? [],
      openedAt: Date.now(),
    };
    let analysis: ProjectAnalysis;
    try {
      analysis = await this.analyzeProject(draft);
    } catch {
      return { ok: false, problems: [{ field: request.files?.length ? 'files' : 'path', code: 'unreadable' }] };
    }
    const project: OpenedProject = {
      ...draft,
      name: request.name ?? projectNameFor({ nameKey: analysis.model.name, env: this.env, projectDir, flavor }),
    };
    this.remembered.remember(project);
    return { ok: true, project, analysis: { ...analysis, name: project.name } };
  }

  forget(name: string): boolean {
    return this.remembered.forget(name);
  }

  /** How to point the CLI at a project: as opened in Lotse, else from the labels of its containers. */
  async target(name: string): Promise<ComposeTarget> {
    const opened = this.remembered.get(name);
    if (opened) return { name, files: opened.files, projectDir: opened.projectDir, envFile: opened.envFile, profiles: opened.profiles };
    const [project] = await this.projects([name]);
    if (!project || !project.configFiles.length || !project.workingDir) {
      throw new LotseError('NOT_FOUND', `There is no Compose project '${name}' with known files.`, 'Open the project from its folder first.');
    }
    return { name, files: project.configFiles, projectDir: project.workingDir, envFile: project.envFile, profiles: [] };
  }

  private async opened(name: string): Promise<OpenedProject> {
    const target = await this.target(name);
    return { name, files: target.files, projectDir: target.projectDir, ...(target.envFile ? { envFile: target.envFile } : {}), profiles: target.profiles ?? [], openedAt: 0 };
  }

  /** The project's files read, interpolated and checked; `overrides` replace a file's text (the editor's unsaved text). */
  async analysis(name: string, overrides: { path: string; text: string }[] = []): Promise<ProjectAnalysis> {
    const project = await this.opened(name);
    return this.analyzeProject(project, overrides);
  }

  private async analyzeProject(project: OpenedProject, overrides: { path: string; text: string }[] = []): Promise<ProjectAnalysis> {
    const info = await this.cli();
    const flavor = info.found ? info.flavor : 'v2';
    const files = project.files.map((path) => {
      const read = readProjectFile(path);
      const override = overrides.find((o) => o.path === path);
      return override ? { ...read, text: override.text } : read;
    });
    const envPath = project.envFile ?? join(project.projectDir, '.env');
    const envFile = kind(envPath) === 'file' ? readProjectFile(envPath) : undefined;
    // .env files Compose will not read: beside the other -f files, in the folder above.
    const strayPaths = new Set([...project.files.slice(1).map((f) => join(dirname(f), '.env')), join(dirname(project.projectDir), '.env'), join(project.projectDir, '.env')]);
    strayPaths.delete(envPath);
    const strayEnvFiles: SourceFile[] = [...strayPaths].filter((p) => kind(p) === 'file').map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
    const input = {
      files: files.map((f) => ({ path: f.path, text: f.text })),
      flavor,
      shell: this.env,
      ...(envFile ? { envFile: { path: envFile.path, text: envFile.text } } : {}),
      strayEnvFiles,
      ...(project.name ? { projectName: project.name } : {}),
    };
    const first = analyze(input);
    const engine = await this.engineFacts(first.model.services.flatMap((s) => (s.image ? [s.image] : [])));
    const hostPaths = bindSources(first.model, project.projectDir);
    const result = engine || Object.keys(hostPaths).length ? analyze({ ...input, ...(engine ? { engine } : {}), hostPaths }) : first;
    return {
      name: project.name,
      flavor,
      files,
      ...(envFile ? { envFile: envFile.path } : {}),
      findings: result.findings,
      model: result.model,
      variables: result.variables,
    };
  }

  /** Local images (with their health checks, for the images the files name) and the host ports in use. */
  private async engineFacts(images: string[]): Promise<EngineFacts | undefined> {
    let docker: Docker;
    try {
      docker = this.engine.docker();
    } catch {
      return undefined;
    }
    const [local, running] = await Promise.all([docker.listImages(), docker.listContainers()]);
    const tags = new Set(local.flatMap((i) => i.RepoTags ?? []));
    const facts: NonNullable<EngineFacts['images']> = {};
    for (const tag of tags) facts[tag] = { healthcheck: false };
    for (const image of new Set(images.map(normalizeImage))) {
      if (!tags.has(image)) continue;
      const inspected = await imageOf(docker, image)
        .inspect()
        .catch(() => undefined);
      const test = (inspected?.Config as { Healthcheck?: { Test?: string[] } } | undefined)?.Healthcheck?.Test;
      facts[image] = { healthcheck: Array.isArray(test) && test.length > 0 && test[0] !== 'NONE' };
    }
    return {
      images: facts,
      publishedPorts: running.flatMap((c) =>
        c.Ports.filter((p) => p.PublicPort).map((p) => ({
          port: p.PublicPort,
          protocol: p.Type,
          container: (c.Names[0] ?? c.Id).replace(/^\//, ''),
          ...(c.Labels[L.project] ? { project: c.Labels[L.project] } : {}),
        })),
      ),
    };
  }

  /** Writes a file of an opened project: refused when it changed on disk since it was read; the old text is kept as a backup. */
  save(name: string, path: string, text: string, version: string): { version: string; backup: string } {
    const project = this.remembered.get(name);
    const allowed = project ? [...project.files, project.envFile ?? join(project.projectDir, '.env')] : [];
    if (!allowed.includes(path)) throw new LotseError('DENIED', `${path} is not a file of the opened project '${name}'.`);
    const exists = kind(path) === 'file';
    if (exists && fileVersion(path) !== version) {
      throw new LotseError('CONFLICT', `${path} changed on disk since it was opened.`, 'Reload the file to see the change; your text stays in the editor.');
    }
    if (!exists && version !== '') throw new LotseError('CONFLICT', `${path} was removed since it was opened.`);
    const folder = join(this.options.backupDir, name);
    mkdirSync(folder, { recursive: true });
    const backup = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${basename(path)}`);
    if (exists) copyFileSync(path, backup);
    writeFileSync(path, text);
    return { version: fileVersion(path), backup: exists ? backup : '' };
  }

  async command(name: string, action: ComposeAction): Promise<ComposeCommand> {
    return composeCommand(await this.tool(), await this.target(name), action);
  }

  /** Runs one Compose action; its output streams as progress. A failure is an outcome, not an exception. */
  async run(
    name: string,
    action: ComposeAction,
    signal?: AbortSignal,
    progress?: (line: { stream: 'stdout' | 'stderr'; text: string }) => void,
  ): Promise<RunOutcome> {
    const tool = await this.tool();
    const command = composeCommand(tool, await this.target(name), action);
    const result = await runCompose({ argv: command.argv, cwd: command.cwd, env: this.env, signal, onLine: progress });
    const output = result.lines.map((l) => l.text);
    const ok = result.exitCode === 0 && !result.cancelled;
    const failure = ok ? undefined : classifyFailure(output);
    const unhealthy = failure?.reason === 'dependencyUnhealthy' ? await this.unhealthy(name) : [];
    return {
      command: command.display,
      exitCode: result.exitCode,
      ok,
      cancelled: result.cancelled,
      output: output.slice(-200),
      ...(failure ? failure : ok || result.cancelled ? {} : { reason: 'unknown' as const, detail: output.at(-1) ?? '' }),
      unhealthy,
      ...(action.kind === 'ps' && tool.flavor === 'v2' && ok ? { ps: parsePs(result.stdout) } : {}),
    };
  }

  /** The project's containers whose health check fails, with the check's last output: why `up` gave up waiting. */
  private async unhealthy(name: string): Promise<RunOutcome['unhealthy']> {
    const docker = this.engine.docker();
    const containers = await composeContainers(docker, [name]);
    const found: RunOutcome['unhealthy'] = [];
    for (const c of containers) {
      const info = await containerOf(docker, c.Id)
        .inspect()
        .catch(() => undefined);
      const health = info?.State.Health as { Status?: string; Log?: { Output?: string }[] } | undefined;
      if (health?.Status !== 'unhealthy') continue;
      found.push({ service: c.Labels[L.service] ?? '', container: (c.Names[0] ?? c.Id).replace(/^\//, ''), output: (health.Log?.at(-1)?.Output ?? '').trim() });
    }
    return found;
  }

  /** What `down -v` would delete: the project's named volumes (external ones stay), with who still mounts them. */
  async downPreview(name: string): Promise<DownPreview> {
    const docker = this.engine.docker();
    const command = (await this.command(name, { kind: 'down', volumes: true })).display;
    const [labelled, containers] = await Promise.all([
      docker.listVolumes({ filters: { label: [`${L.project}=${name}`] } }),
      docker.listContainers({ all: true }),
    ]);
    const volumes = new Map<string, { declared: string; external: boolean }>();
    for (const v of labelled.Volumes ?? []) volumes.set(v.Name, { declared: v.Labels?.[L.volume] ?? v.Name, external: false });
    // Volumes declared in the files that exist under the project's prefix (v1 labels them too, but be sure).
    const analysis = this.remembered.get(name) ? await this.analysis(name).catch(() => undefined) : undefined;
    for (const v of analysis?.model.volumes ?? []) {
      if (v.external) continue;
      const engineName = `${name}_${v.name}`;
      if (!volumes.has(engineName)) {
        const exists = await volumeOf(docker, engineName)
          .inspect()
          .then(() => true)
          .catch(() => false);
        if (exists) volumes.set(engineName, { declared: v.name, external: false });
      }
    }
    return {
      command,
      volumes: [...volumes.entries()].map(([volume, v]) => ({
        name: volume,
        declared: v.declared,
        external: v.external,
        inUseBy: containers.filter((c) => c.Mounts.some((m) => m.Type === 'volume' && m.Name === volume)).map((c) => (c.Names[0] ?? c.Id).replace(/^\//, '')),
      })),
    };
  }
}
