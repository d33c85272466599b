import { z } from 'zod';

import { ErrorData } from '../errors';
import { ComposeFlavor, ComposeModel, Finding, VariableInfo } from './types';

/** The labels Compose (v1 and v2) puts on what it creates; projects are found by these, never by names. */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  envFile: 'com.docker.compose.project.environment_file',
  version: 'com.docker.compose.version',
  volume: 'com.docker.compose.volume',
  network: 'com.docker.compose.network',
} as const;

export const ComposeCliInfo = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), flavor: ComposeFlavor, version: z.string(), command: z.array(z.string()) }),
  z.object({ found: z.literal(false) }),
]);
export type ComposeCliInfo = z.infer<typeof ComposeCliInfo>;

export const ComposeContainer = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  /** `com.docker.compose.container-number`: 1, 2, 3 … per service. */
  number: z.number().int(),
  state: z.string(),
  health: z.enum(['none', 'starting', 'healthy', 'unhealthy']),
  /** The engine's words: "Up 3 minutes (healthy)". */
  status: z.string(),
  image: z.string(),
  ports: z.array(z.object({ hostIp: z.string().optional(), hostPort: z.number().optional(), containerPort: z.number(), protocol: z.string() })),
  created: z.number(),
});
export type ComposeContainer = z.infer<typeof ComposeContainer>;

export const ServiceState = z.enum(['running', 'partial', 'exited', 'restarting', 'unhealthy', 'created', 'paused']);
export type ServiceState = z.infer<typeof ServiceState>;

export const ComposeServiceStatus = z.object({
  name: z.string(),
  containers: z.array(ComposeContainer),
  running: z.number().int(),
  total: z.number().int(),
  state: ServiceState,
});
export type ComposeServiceStatus = z.infer<typeof ComposeServiceStatus>;

/** How a project was opened in Lotse: kept across restarts so a project that is down still shows. */
export const OpenedProject = z.object({
  name: z.string(),
  files: z.array(z.string()).min(1),
  projectDir: z.string(),
  envFile: z.string().optional(),
  profiles: z.array(z.string()),
  openedAt: z.number(),
});
export type OpenedProject = z.infer<typeof OpenedProject>;

export const ProjectState = z.enum(['running', 'partial', 'exited', 'down']);
export type ProjectState = z.infer<typeof ProjectState>;

export const ComposeProject = z.object({
  name: z.string(),
  /** Which Compose made its containers (the `com.docker.compose.version` label), when it has any. */
  flavor: ComposeFlavor.optional(),
  composeVersion: z.string().optional(),
  workingDir: z.string().optional(),
  configFiles: z.array(z.string()),
  envFile: z.string().optional(),
  services: z.array(ComposeServiceStatus),
  /** `docker compose run` containers, kept apart from the services' own. */
  oneOffs: z.array(ComposeContainer),
  state: ProjectState,
  /** Set when the learner opened the project in Lotse. */
  opened: OpenedProject.optional(),
});
export type ComposeProject = z.infer<typeof ComposeProject>;

export const ProjectFile = z.object({
  path: z.string(),
  text: z.string(),
  /** Changes whenever the file on disk changes (modification time and size): save sends it back. */
  version: z.string(),
});
export type ProjectFile = z.infer<typeof ProjectFile>;

export const ProjectAnalysis = z.object({
  name: z.string(),
  flavor: ComposeFlavor,
  files: z.array(ProjectFile),
  envFile: z.string().optional(),
  findings: z.array(Finding),
  model: ComposeModel,
  variables: z.array(VariableInfo),
});
export type ProjectAnalysis = z.infer<typeof ProjectAnalysis>;

/** Why a path the learner gave cannot be opened; said at the field (compose.json `open.problems`). */
export const OpenProblemCode = z.enum(['notAbsolute', 'missing', 'notAFile', 'noComposeFile', 'badName', 'unreadable']);
export const OpenProblem = z.object({
  field: z.enum(['path', 'files', 'envFile', 'name']),
  index: z.number().int().optional(),
  code: OpenProblemCode,
  path: z.string().optional(),
});
export type OpenProblem = z.infer<typeof OpenProblem>;

export const OpenResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), project: OpenedProject, analysis: ProjectAnalysis }),
  z.object({ ok: z.literal(false), problems: z.array(OpenProblem) }),
]);
export type OpenResult = z.infer<typeof OpenResult>;

/** What went wrong in a failed Compose run, in words the UI can say (compose.json `run.reasons`). */
export const RunReason = z.enum(['portTaken', 'imageMissing', 'buildFailed', 'dependencyUnhealthy', 'fileInvalid', 'engineUnavailable', 'nameConflict', 'unknown']);
export type RunReason = z.infer<typeof RunReason>;

export const RunOutcome = z.object({
  command: z.string(),
  exitCode: z.number().int(),
  ok: z.boolean(),
  cancelled: z.boolean(),
  /** The last lines of the CLI's output. */
  output: z.array(z.string()),
  reason: RunReason.optional(),
  /** The CLI's own line that says what failed. */
  detail: z.string().optional(),
  /** Dependencies that were unhealthy when `up` gave up, with their health check's last output. */
  unhealthy: z.array(z.object({ service: z.string(), container: z.string(), output: z.string() })),
  /** `ps` under v2: the rows of `ps --format json`. */
  ps: z.array(z.object({ name: z.string(), service: z.string(), state: z.string(), health: z.string(), exitCode: z.number() })).optional(),
});
export type RunOutcome = z.infer<typeof RunOutcome>;

export const DownPreview = z.object({
  /** Named volumes of the project that `down -v` deletes, with the data in them. */
  volumes: z.array(z.object({ name: z.string(), declared: z.string(), external: z.boolean(), inUseBy: z.array(z.string()) })),
  command: z.string(),
});
export type DownPreview = z.infer<typeof DownPreview>;

export const ComposeLogLine = z.object({
  service: z.string(),
  container: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  time: z.number().optional(),
});
export type ComposeLogLine = z.infer<typeof ComposeLogLine>;

export const ComposeLogBatch = z.object({
  lines: z.array(ComposeLogLine),
  ended: z.boolean(),
  error: ErrorData.optional(),
});
export type ComposeLogBatch = z.infer<typeof ComposeLogBatch>;

export const ProgressLine = z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() });
export type ProgressLine = z.infer<typeof ProgressLine>;
