import { COMPOSE_LABELS, type ComposeProject } from '@shared/compose/dto';
import type { EngineEvent } from '@shared/dto/engine';

/** Container events that change a project's state; exec_*, attach, top and the like do not. */
const PROJECT_ACTIONS = /^(create|start|restart|die|stop|kill|pause|unpause|rename|destroy|health_status)/;

/** The project an engine event is about, when it is about a Compose container. */
export function projectOfEvent(event: EngineEvent): string | undefined {
  if (event.type !== 'container' || !PROJECT_ACTIONS.test(event.action)) return undefined;
  return event.attributes[COMPOSE_LABELS.project];
}

/** The list after a re-read of some projects: the fresh ones replace them, the ones gone (not even opened) drop out. */
export function applyProjects(byName: Record<string, ComposeProject>, names: string[], fresh: ComposeProject[]): Record<string, ComposeProject> {
  const next = { ...byName };
  for (const name of names) delete next[name];
  for (const project of fresh) next[project.name] = project;
  return next;
}
