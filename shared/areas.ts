export const areaSections = ['engine', 'orchestration', 'learning'] as const;
export type AreaSection = (typeof areaSections)[number];

/** The icons areas show in the navigation; the renderer draws each (renderer/components/AreaIcon.tsx). */
export type AreaIcon = 'gauge' | 'layers' | 'box' | 'network' | 'database' | 'stack' | 'hexagons' | 'sitemap' | 'book';

interface AreaBase {
  /**
   * Its name in code: shared/api/<id>.ts, electron/services/<id>/, electron/rpc/handlers/<id>.ts,
   * renderer/views/<id>/ and the address #/<id> (the dashboard shows the engine: api/engine.ts, services/docker/).
   */
  readonly id: string;
  /** Where its texts are: renderer/i18n/locales/{de,en}/<namespace>.json. */
  readonly namespace: string;
  /** The first word of each of its method and topic names (`kube.scale` is the kube area's). */
  readonly prefixes: readonly string[];
}

/** An area with a place in the navigation and a view of its own. */
export interface NavigationArea extends AreaBase {
  readonly section: AreaSection;
  /** The concept the side panel opens while the area is shown. */
  readonly concept: string;
  readonly icon: AreaIcon;
}

export type AreaSpec = NavigationArea | AreaBase;

/**
 * Every area of Lotse, in navigation order. Its contract (methods and topics) is declared in
 * shared/api/<area>.ts and listed by area in shared/contract.ts; this list carries no schemas, so the
 * navigation loads without them, and the backend finds the area of a name (areaOfName) before it loads
 * that area's schemas and handlers. The contract, the backend's handler map (electron/rpc/handlers/index.ts)
 * and the renderer's view map (renderer/views/registry.tsx) are keyed by these ids, so an area left out
 * there fails the type check.
 */
export const areas = [
  { id: 'dashboard', section: 'engine', namespace: 'common', prefixes: ['engine', 'system', 'docker'], concept: 'disk-usage', icon: 'gauge' },
  { id: 'images', section: 'engine', namespace: 'images', prefixes: ['images', 'registry'], concept: 'image', icon: 'layers' },
  { id: 'containers', section: 'engine', namespace: 'containers', prefixes: ['containers'], concept: 'container', icon: 'box' },
  { id: 'networks', section: 'engine', namespace: 'networks', prefixes: ['networks'], concept: 'networking', icon: 'network' },
  { id: 'volumes', section: 'engine', namespace: 'volumes', prefixes: ['volumes'], concept: 'storage', icon: 'database' },
  // No place in the navigation: its panels show in the volumes area's cleanup tab.
  { id: 'prune', namespace: 'prune', prefixes: ['prune'] },
  { id: 'compose', section: 'orchestration', namespace: 'compose', prefixes: ['compose'], concept: 'compose', icon: 'stack' },
  { id: 'swarm', section: 'orchestration', namespace: 'swarm', prefixes: ['swarm'], concept: 'swarm', icon: 'hexagons' },
  { id: 'kube', section: 'orchestration', namespace: 'kube', prefixes: ['kube'], concept: 'kubernetes', icon: 'sitemap' },
  { id: 'learn', section: 'learning', namespace: 'learn', prefixes: ['learn'], concept: 'container-vs-vm', icon: 'book' },
] as const satisfies readonly AreaSpec[];

export type Area = (typeof areas)[number];
export type AreaId = Area['id'];
/** The areas in the navigation, each with a view. */
export type NavigationAreaSpec = Extract<Area, { section: AreaSection }>;
export type NavigationAreaId = NavigationAreaSpec['id'];

/** The areas in navigation order (Alt+1 … follows it). */
export const navigationAreas: readonly NavigationAreaSpec[] = areas.filter((area): area is NavigationAreaSpec => 'section' in area);

/** Each navigation area by its id. */
export const navigationArea = Object.fromEntries(navigationAreas.map((area) => [area.id, area])) as {
  [A in NavigationAreaId]: Extract<NavigationAreaSpec, { id: A }>;
};

const areaByPrefix = new Map<string, AreaId>(areas.flatMap((area) => area.prefixes.map((prefix) => [prefix, area.id] as const)));

/** The area a method or topic name belongs to, by its first word; undefined for a name of no area. */
export function areaOfName(name: string): AreaId | undefined {
  const dot = name.indexOf('.');
  return dot > 0 ? areaByPrefix.get(name.slice(0, dot)) : undefined;
}
