import { COMPOSE_LABELS as L, type ComposeLogBatch, type ComposeLogLine } from '@shared/compose/dto';
import type { EngineEvent } from '@shared/dto/engine';

import { openLogs } from '../containers/streams';
import type { EngineService } from '../docker/engine';
import { toLotseError } from '../docker/errors';
import { composeContainers } from './discovery';

export interface ProjectLogParams {
  project: string;
  service?: string | undefined;
  tail: number;
  follow: boolean;
}

/**
 * The merged logs of a project (or one service): one engine log stream per container, each line
 * tagged with its service and container. Following, containers that start later (scale up,
 * restart) join; each stream is bounded and batched as container logs are.
 */
export function openProjectLogs(engine: EngineService, params: ProjectLogParams, emit: (batch: ComposeLogBatch) => void, end: () => void): () => void {
  const streams = new Map<string, () => void>();
  let closed = false;
  let open = 0;
  let stopEvents: (() => void) | undefined;

  const finish = (error?: unknown): void => {
    if (closed) return;
    closed = true;
    stopEvents?.();
    for (const dispose of streams.values()) dispose();
    emit({ lines: [], ended: true, ...(error ? { error: toLotseError(error).toData() } : {}) });
    end();
  };

  const attach = (id: string, service: string, container: string, tail: number): void => {
    if (closed || streams.has(id)) return;
    open++;
    const dispose = openLogs(
      engine,
      { id, follow: params.follow, tail, timestamps: true },
      (batch) => {
        if (closed) return;
        const lines: ComposeLogLine[] = batch.lines.map((l) => ({ service, container, stream: l.stream, text: l.text, ...(l.time ? { time: l.time } : {}) }));
        if (lines.length) emit({ lines, ended: false });
        if (batch.ended) {
          open--;
          // A stream ends with its container; following, the project's logs go on while others run or start.
          if (!params.follow && open === 0) finish();
        }
      },
      () => undefined,
    );
    streams.set(id, dispose);
  };

  const belongs = (labels: Record<string, string>): boolean =>
    labels[L.project] === params.project && labels[L.oneoff] !== 'True' && (!params.service || labels[L.service] === params.service);

  if (params.follow) {
    stopEvents = engine.onEvent((event: EngineEvent) => {
      if (event.type !== 'container' || event.action !== 'start' || !belongs(event.attributes)) return;
      // A container that starts again gets a fresh stream (its old one ended when it stopped).
      streams.get(event.id)?.();
      streams.delete(event.id);
      attach(event.id, event.attributes[L.service] ?? '', event.name ?? event.id.slice(0, 12), 0);
    });
  }

  void composeContainers(engine.docker(), [params.project])
    .then((containers) => {
      const own = containers.filter((c) => belongs(c.Labels));
      if (!own.length && !params.follow) finish();
      for (const c of own) attach(c.Id, c.Labels[L.service] ?? '', (c.Names[0] ?? c.Id).replace(/^\//, ''), params.tail);
    })
    .catch(finish);

  return () => {
    closed = true;
    stopEvents?.();
    for (const dispose of streams.values()) dispose();
  };
}
