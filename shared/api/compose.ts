import { z } from 'zod';

import {
  ComposeCliInfo,
  ComposeLogBatch,
  ComposeProject,
  DownPreview,
  OpenResult,
  ProgressLine,
  ProjectAnalysis,
  RunOutcome,
} from '../compose/dto';
import type { MethodSpec, TopicSpec } from './common';

/** A project name as Compose writes it into its labels (v2: a-z0-9_-, v1 may keep a leading _ or -). */
export const ProjectName = z.string().regex(/^[a-z0-9_-]{1,255}$/);
/** A service name as the Compose specification allows it. */
export const ServiceName = z.string().regex(/^[a-zA-Z0-9._-]{1,255}$/);
/** A path on the machine Lotse runs on; checked for what it is (absolute, existing) by the service. */
const LocalPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'badChar');
const Services = z.array(ServiceName).max(100).optional();
/** The editor's text of one file: at most 1 MB, as the files Lotse reads. */
const FileText = z.string().max(1024 * 1024);

export const ComposeActionParams = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('up'),
      services: Services,
      build: z.boolean().optional(),
      pull: z.enum(['always', 'missing', 'never']).optional(),
      removeOrphans: z.boolean().optional(),
      scale: z.record(ServiceName, z.number().int().min(0).max(100)).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('down'), volumes: z.boolean(), removeOrphans: z.boolean().optional() }).strict(),
  z.object({ kind: z.enum(['start', 'stop', 'restart', 'pull', 'build']), services: Services }).strict(),
  z.object({ kind: z.literal('ps') }).strict(),
]);

const Project = z.object({ project: ProjectName }).strict();

/** Compose projects: found by their labels, opened from files, checked by the doctor, run through the learner's Compose. */
export const composeMethods = {
  'compose.cli': {
    summary: 'Which Compose is installed: `docker compose` (v2) or `docker-compose` (v1), with its version; refresh looks again.',
    params: z.object({ refresh: z.boolean().default(false) }).strict(),
    result: ComposeCliInfo,
  },
  'compose.projects': {
    summary: 'Every Compose project on the engine (by its labels) plus the opened ones that are down; with projects, only those.',
    params: z.object({ projects: z.array(ProjectName).max(200).optional() }).strict(),
    result: z.array(ComposeProject),
  },
  'compose.open': {
    summary: 'Opens a project from a folder or compose files (-f order): read, interpolated and checked; remembered across restarts.',
    params: z
      .object({
        path: LocalPath.optional(),
        files: z.array(LocalPath).min(1).max(20).optional(),
        projectName: z.string().max(255).optional(),
        envFile: LocalPath.optional(),
        profiles: z.array(ServiceName).max(20).optional(),
      })
      .strict()
      .refine((p) => (p.path === undefined) !== (p.files === undefined), { message: 'required', path: ['path'] }),
    result: OpenResult,
  },
  'compose.analyze': {
    summary: "The project's files with the doctor's findings, the model the graph draws and where each variable came from; overrides are unsaved editor texts.",
    params: z
      .object({ project: ProjectName, overrides: z.array(z.object({ path: LocalPath, text: FileText }).strict()).max(20).default([]) })
      .strict(),
    result: ProjectAnalysis,
  },
  'compose.save': {
    summary: 'Saves a file of an opened project; refused (CONFLICT) when it changed on disk since version; the old text is kept as a backup.',
    params: z.object({ project: ProjectName, path: LocalPath, text: FileText, version: z.string().max(100) }).strict(),
    result: z.object({ version: z.string(), backup: z.string() }),
  },
  'compose.forget': {
    summary: 'Forgets an opened project (its containers, volumes and files stay).',
    params: Project,
    result: z.object({ forgotten: z.boolean() }),
  },
  'compose.run': {
    summary: 'Runs up/down/start/stop/restart/pull/build/ps through the installed Compose with -p, absolute -f and the project folder as cwd; output streams as progress.',
    params: z.object({ project: ProjectName, action: ComposeActionParams }).strict(),
    result: RunOutcome,
    progress: ProgressLine,
  },
  'compose.downPreview': {
    summary: 'What `down -v` would delete: the named volumes of the project, and who mounts them.',
    params: Project,
    result: DownPreview,
  },
} as const satisfies Record<string, MethodSpec>;

export const composeTopics = {
  'compose.logs': {
    summary: 'The merged logs of a project or one service, each line with its service and container; containers that start later join.',
    params: z
      .object({ project: ProjectName, service: ServiceName.optional(), tail: z.number().int().min(0).max(5000).default(200), follow: z.boolean().default(true) })
      .strict(),
    event: ComposeLogBatch,
  },
} as const satisfies Record<string, TopicSpec>;
