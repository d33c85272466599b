import type { ComposeFlavor } from './types';

/**
 * The project name each version derives from a folder name or COMPOSE_PROJECT_NAME: v1 lowercases and
 * drops everything but `-_a-z0-9`; v2 does the same and also trims leading `_` and `-`.
 */
export function normalizeProjectName(raw: string, flavor: ComposeFlavor): string {
  const kept = raw.toLowerCase().replace(/[^-_a-z0-9]/g, '');
  return flavor === 'v1' ? kept : kept.replace(/^[-_]+/, '');
}

/** A name given with `-p` must already be valid for v2 (it refuses, never rewrites, an explicit name). */
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The folder a path lies in (POSIX or Windows separators). */
export function dirOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? (cut === 0 ? path.slice(0, 1) : '.') : path.slice(0, cut);
}

export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/**
 * The name Compose gives the project: `-p`, else (v2) the file's `name:`, else COMPOSE_PROJECT_NAME,
 * else the project directory's name (the folder of the first file), normalised.
 */
export function projectNameFor(options: {
  explicit?: string | undefined;
  nameKey?: string | undefined;
  env?: Record<string, string> | undefined;
  projectDir: string;
  flavor: ComposeFlavor;
}): string {
  if (options.explicit) return options.explicit;
  if (options.flavor === 'v2' && options.nameKey) return normalizeProjectName(options.nameKey, 'v2');
  const fromEnv = options.env?.COMPOSE_PROJECT_NAME;
  if (fromEnv) return normalizeProjectName(fromEnv, options.flavor);
  return normalizeProjectName(baseName(options.projectDir), options.flavor);
}
