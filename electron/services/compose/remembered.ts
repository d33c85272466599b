import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { z } from 'zod';

import { OpenedProject } from '@shared/compose/dto';

const FileShape = z.object({ version: z.literal(1), projects: z.array(OpenedProject) });

/** The projects the learner opened, kept in a JSON file of the app's data folder across restarts. */
export class RememberedProjects {
  private projects: Map<string, OpenedProject> | undefined;

  constructor(private readonly file: string) {}

  all(): OpenedProject[] {
    return [...this.load().values()];
  }

  get(name: string): OpenedProject | undefined {
    return this.load().get(name);
  }

  remember(project: OpenedProject): void {
    this.load().set(project.name, project);
    this.save();
  }

  forget(name: string): boolean {
    const gone = this.load().delete(name);
    if (gone) this.save();
    return gone;
  }

  private load(): Map<string, OpenedProject> {
    if (this.projects) return this.projects;
    let list: OpenedProject[] = [];
    try {
      const parsed = FileShape.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      // A damaged file starts an empty list; it is replaced on the next save, never read half.
      if (parsed.success) list = parsed.data.projects;
    } catch {
      // No file yet.
    }
    this.projects = new Map(list.map((p) => [p.name, p]));
    return this.projects;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${String(process.pid)}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, projects: this.all() }, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
