import { readFile } from 'node:fs/promises';

import type Docker from 'dockerode';

import type {
  ArchiveFile,
  BulkOutcome,
  ContainerDetails,
  ContainerSummary,
  CopyOutResult,
  DiffEntry,
  FieldIssue,
  RunResult,
  RunSpec,
} from '@shared/dto/containers';
import { LotseError } from '@shared/errors';
import { containerDisplayName } from '@shared/rules/containers';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { eachLimited } from '../docker/limit';
import { containerOf } from '../docker/paths';
import { checkRunSpec, engineIssue } from './checks';
import { copyIn, copyOut, diff } from './files';
import { LogDecoder } from './frames';
import { toDetails, toSummary } from './mapping';
import { parseEnvFile, toCreateOptions } from './spec';

/**
 * Containers: list, run/create with clean-up, lifecycle on many, inspect. The checks before a run
 * are in checks.ts, the engine's objects become DTOs in mapping.ts, diff and copy are in files.ts.
 */
export class ContainerService {
  constructor(private readonly engine: EngineService) {}

  async list(ids?: string[]): Promise<ContainerSummary[]> {
    const docker = this.engine.docker();
    if (ids && ids.length === 0) return [];
    const raw = await docker.listContainers({ all: true, ...(ids ? { filters: { id: ids } } : {}) });
    const summaries = raw.map(toSummary);
    // The list has no start time: read it for running containers only (few, even with thousands in total).
    const running = summaries.filter((c) => c.state === 'running' || c.state === 'paused');
    await eachLimited(running, 16, async (c) => {
      try {
        const info = await containerOf(docker, c.id).inspect();
        const started = Date.parse(info.State.StartedAt);
        if (started > 0) c.startedAt = started;
      } catch {
        // Gone between list and inspect: the next event re-reads it.
      }
    });
    return summaries;
  }

  /** Every problem the spec has, each with its field; asks the engine and the host where needed. */
  check(spec: RunSpec): Promise<FieldIssue[]> {
    return checkRunSpec(this.engine, spec);
  }

  /** `docker run` / `docker create`. A container that fails to start is removed again unless keepOnFailure. */
  async run(spec: RunSpec, start: boolean, keepOnFailure: boolean): Promise<RunResult> {
    const issues = await this.check(spec);
    if (issues.length) return { ok: false, issues, kept: false };
    const docker = this.engine.docker();
    const envFromFiles: string[] = [];
    for (const file of spec.envFiles) envFromFiles.push(...parseEnvFile(await readFile(file, 'utf8'), process.env));

    let container: Docker.Container;
    try {
      container = await docker.createContainer(toCreateOptions(spec, envFromFiles));
    } catch (error) {
      const issue = engineIssue(error, spec);
      if (issue) return { ok: false, issues: [issue], kept: false };
      throw toLotseError(error);
    }
    const info = await container.inspect();
    const name = containerDisplayName(info);
    if (!start) return { ok: true, id: container.id, name, started: false, warnings: [] };

    try {
      await container.start();
    } catch (error) {
      if (!keepOnFailure) await container.remove({ force: true, v: true }).catch(() => undefined);
      const issue = engineIssue(error, spec);
      if (issue) return { ok: false, issues: [issue], kept: keepOnFailure };
      const e = toLotseError(error);
      throw new LotseError(e.code, e.message, keepOnFailure ? `The container ${name} was kept: inspect it, then remove it.` : 'Nothing was left behind: the container was removed again.');
    }
    // A container that stops at once (sh without -it, a typo in the command) deserves an explanation.
    const exited = await Promise.race([
      container.wait({ condition: 'not-running' }).then((r: { StatusCode?: number }) => r.StatusCode ?? 0),
      sleep(600).then(() => undefined),
    ]).catch(() => undefined);
    if (exited === undefined) return { ok: true, id: container.id, name, started: true, warnings: [] };
    let logTail: string[] = [];
    let error: string | undefined;
    try {
      const after = await container.inspect();
      if (after.State.Running) return { ok: true, id: container.id, name, started: true, warnings: [] };
      error = after.State.Error || undefined;
      const buffer = await container.logs({ stdout: true, stderr: true, tail: 20, follow: false });
      const decoder = new LogDecoder(after.Config.Tty, false);
      logTail = [...decoder.push(buffer), ...decoder.flush()].map((l) => l.text);
    } catch {
      // --rm removed it already.
    }
    return {
      ok: true,
      id: container.id,
      name,
      started: true,
      warnings: [],
      exitedAtOnce: { exitCode: exited, ...(error ? { error } : {}), logTail },
    };
  }

  start(ids: string[]): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.start());
  }

  stop(ids: string[], timeout?: number): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.stop(timeout === undefined ? {} : { t: timeout }));
  }

  restart(ids: string[], timeout?: number): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.restart(timeout === undefined ? {} : { t: timeout }));
  }

  kill(ids: string[], signal: string): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.kill({ signal }));
  }

  pause(ids: string[]): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.pause());
  }

  unpause(ids: string[]): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.unpause());
  }

  remove(ids: string[], force: boolean, volumes: boolean): Promise<BulkOutcome> {
    return this.bulk(ids, (c) => c.remove({ force, v: volumes }));
  }

  async rename(id: string, name: string): Promise<{ id: string; name: string }> {
    try {
      await containerOf(this.engine.docker(), id).rename({ name });
    } catch (error) {
      const e = toLotseError(error);
      if (e.code === 'CONFLICT') throw new LotseError('CONFLICT', e.message, 'Another container has that name: choose another one.');
      throw e;
    }
    return { id, name };
  }

  async inspect(id: string): Promise<ContainerDetails> {
    const info = await containerOf(this.engine.docker(), id).inspect();
    return toDetails(info);
  }

  diff(id: string): Promise<DiffEntry[]> {
    return diff(this.engine.docker(), id);
  }

  copyOut(id: string, path: string, signal?: AbortSignal): Promise<CopyOutResult> {
    return copyOut(this.engine.docker(), id, path, signal);
  }

  copyIn(id: string, directory: string, files: ArchiveFile[]): Promise<{ written: string[]; bytes: number }> {
    return copyIn(this.engine.docker(), id, directory, files);
  }

  private async bulk(ids: string[], act: (container: Docker.Container) => Promise<unknown>): Promise<BulkOutcome> {
    const docker = this.engine.docker();
    const outcomes: BulkOutcome = ids.map((id) => ({ id, ok: false }));
    await eachLimited(
      ids.map((id, index) => ({ id, index })),
      8,
      async ({ id, index }) => {
        try {
          await act(containerOf(docker, id));
          outcomes[index] = { id, ok: true };
        } catch (error) {
          // 304: already in the wanted state (stop a stopped one): done, not failed.
          if ((error as { statusCode?: number }).statusCode === 304) outcomes[index] = { id, ok: true };
          else outcomes[index] = { id, ok: false, error: explain(toLotseError(error)).toData() };
        }
      },
    );
    return outcomes;
  }
}

/** Adds what to do to the engine's most common lifecycle refusals. */
function explain(error: LotseError): LotseError {
  if (error.hint) return error;
  const m = error.message;
  const hinted = (hint: string): LotseError => new LotseError(error.code, m, hint, { reason: error.reason, detail: error.detail });
  if (/cannot remove a running container|stop the container before/i.test(m)) {
    return hinted('A running container must be stopped first — or removed with force (docker rm -f), which kills its processes.');
  }
  if (/is not running/i.test(m)) return hinted('Start the container first.');
  if (/is paused/i.test(m)) return hinted('Unpause it first.');
  if (/removal of container .* is already in progress/i.test(m)) return hinted('It is going away already.');
  return error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
