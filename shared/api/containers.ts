import { z } from 'zod';

import {
  ArchiveFile,
  BulkOutcome,
  ContainerDetails,
  ContainerSummary,
  CopyOutResult,
  DiffEntry,
  FieldIssue,
  LogBatch,
  RunResult,
  RunSpec,
  SessionEvent,
  StatsEvent,
} from '../dto/containers';
import { ContainerName, ContainerRef, ObjectId } from '../rules/names';
import { ARCHIVE_LIMIT_BYTES } from '../rules/containers';
import type { MethodSpec, TopicSpec } from './common';

const Ids = z.array(ContainerRef).min(1).max(5000);
const Id = ContainerRef;


/** Containers: list, run/create, lifecycle, logs, stats, terminal, inspect, diff and files. */
export const containersMethods = {
  'containers.list': {
    summary: 'Containers as `docker ps -a` lists them; with ids, only those (a re-read after an event).',
    params: z.object({ ids: z.array(ObjectId).max(500).optional() }).strict(),
    result: z.array(ContainerSummary),
  },
  'containers.check': {
    summary: 'Checks a run spec before the engine sees it: every problem with the field it belongs to.',
    params: z.object({ spec: RunSpec }).strict(),
    result: z.array(FieldIssue),
  },
  'containers.run': {
    summary: '`docker run` (start: true) or `docker create`; a failed start removes the container unless keepOnFailure.',
    params: z.object({ spec: RunSpec, start: z.boolean().default(true), keepOnFailure: z.boolean().default(false) }).strict(),
    result: RunResult,
  },
  'containers.start': { summary: '`docker start` for each id.', params: z.object({ ids: Ids }).strict(), result: BulkOutcome },
  'containers.stop': {
    summary: '`docker stop -t N`: SIGTERM, then SIGKILL after the timeout.',
    params: z.object({ ids: Ids, timeout: z.number().int().min(0).max(3600).optional() }).strict(),
    result: BulkOutcome,
  },
  'containers.restart': {
    summary: '`docker restart -t N`.',
    params: z.object({ ids: Ids, timeout: z.number().int().min(0).max(3600).optional() }).strict(),
    result: BulkOutcome,
  },
  'containers.kill': {
    summary: '`docker kill -s SIGNAL`.',
    params: z.object({ ids: Ids, signal: z.string().regex(/^[A-Z0-9+-]+$/).default('SIGKILL') }).strict(),
    result: BulkOutcome,
  },
  'containers.pause': { summary: '`docker pause` (freezes the processes).', params: z.object({ ids: Ids }).strict(), result: BulkOutcome },
  'containers.unpause': { summary: '`docker unpause`.', params: z.object({ ids: Ids }).strict(), result: BulkOutcome },
  'containers.remove': {
    summary: '`docker rm [-f] [-v]`: force stops running ones first; volumes removes their anonymous volumes.',
    params: z.object({ ids: Ids, force: z.boolean().default(false), volumes: z.boolean().default(false) }).strict(),
    result: BulkOutcome,
  },
  'containers.rename': {
    summary: '`docker rename`.',
    params: z.object({ id: Id, name: ContainerName }).strict(),
    result: z.object({ id: z.string(), name: z.string() }),
  },
  'containers.inspect': {
    summary: '`docker inspect` as readable sections plus the raw answer.',
    params: z.object({ id: Id }).strict(),
    result: ContainerDetails,
  },
  'containers.diff': {
    summary: "`docker diff`: what the container's writable layer added (A), changed (C) or deleted (D).",
    params: z.object({ id: Id }).strict(),
    result: z.array(DiffEntry),
  },
  'containers.copyOut': {
    summary: `\`docker cp CONTAINER:PATH .\` via the archive endpoint; at most ${ARCHIVE_LIMIT_BYTES} bytes in one message.`,
    params: z.object({ id: Id, path: z.string().startsWith('/') }).strict(),
    result: CopyOutResult,
  },
  'containers.copyIn': {
    summary: '`docker cp FILE CONTAINER:DIR` via the archive endpoint; the files go into an existing directory.',
    params: z.object({ id: Id, directory: z.string().startsWith('/'), files: z.array(ArchiveFile).min(1).max(100) }).strict(),
    result: z.object({ written: z.array(z.string()), bytes: z.number() }),
  },
  'containers.session.open': {
    summary:
      '`docker exec -it CONTAINER sh` (mode exec) or `docker attach` (mode attach): prepares a session; subscribe to containers.session to run it.',
    params: z
      .object({
        id: Id,
        mode: z.enum(['exec', 'attach']).default('exec'),
        command: z.array(z.string()).min(1).default(['sh']),
        cols: z.number().int().min(1).max(1000).default(80),
        rows: z.number().int().min(1).max(1000).default(24),
      })
      .strict(),
    result: z.object({ session: z.string(), tty: z.boolean() }),
  },
  'containers.session.input': {
    summary: 'Keystrokes for a running session.',
    params: z.object({ session: z.string(), data: z.string().max(65_536) }).strict(),
    result: z.object({ ok: z.boolean() }),
  },
  'containers.session.resize': {
    summary: 'The terminal size changed (TIOCSWINSZ inside the container).',
    params: z.object({ session: z.string(), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(),
    result: z.object({ ok: z.boolean() }),
  },
} as const satisfies Record<string, MethodSpec>;

export const containersTopics = {
  'containers.logs': {
    summary: '`docker logs [-f] [--tail N] [--since T] [-t]` in batches; stdout and stderr told apart.',
    params: z
      .object({
        id: Id,
        follow: z.boolean().default(true),
        tail: z.number().int().min(0).max(100_000).optional(),
        /** Epoch seconds, or a duration the CLI takes (10m, 2h). */
        since: z.string().regex(/^(\d+(\.\d+)?|\d+[smh])$/).optional(),
        timestamps: z.boolean().default(false),
      })
      .strict(),
    event: LogBatch,
  },
  'containers.stats': {
    summary: '`docker stats CONTAINER`: one sample per second, computed as the docker CLI computes it.',
    params: z.object({ id: Id }).strict(),
    event: StatsEvent,
  },
  'containers.session': {
    summary: 'The output of an exec/attach session; unsubscribing ends it.',
    params: z.object({ session: z.string() }).strict(),
    event: SessionEvent,
  },
} as const satisfies Record<string, TopicSpec>;
