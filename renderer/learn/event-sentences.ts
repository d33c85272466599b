import type { EngineEvent } from '@shared/dto/engine';

export type Language = 'de' | 'en';
export type ObjectArea = 'containers' | 'images' | 'networks' | 'volumes';

/** A piece of a sentence: plain words, or an object's name that links to its area. */
export type Segment = { text: string } | { text: string; area: ObjectArea; ref: string };

export interface EventSentence {
  segments: Segment[];
  /** How the event reads at a glance: a crash is a warning, a start a success. */
  tone: 'info' | 'success' | 'warning' | 'danger';
}

/** Looks up a container's name by id (network and volume events name only the id). */
export type NameOf = (containerId: string) => string | undefined;

type Sentences = Record<string, { de: string; en: string }>;

// {x} placeholders are filled with linked names or plain values.
const container: Sentences = {
  create: { de: 'Container {c} wurde aus dem Image {i} erstellt.', en: 'Container {c} was created from image {i}.' },
  start: { de: 'Container {c} wurde aus dem Image {i} gestartet.', en: 'Container {c} was started from image {i}.' },
  restart: { de: 'Container {c} wurde neu gestartet.', en: 'Container {c} was restarted.' },
  'die-0': { de: 'Container {c} hat sich beendet (Exit-Code 0, alles in Ordnung).', en: 'Container {c} exited with code 0 (all fine).' },
  die: { de: 'Container {c} hat sich mit Exit-Code {code} beendet.', en: 'Container {c} exited with code {code}.' },
  stop: { de: 'Container {c} wurde gestoppt.', en: 'Container {c} was stopped.' },
  kill: { de: 'Container {c} hat das Signal {signal} bekommen.', en: 'Container {c} was sent signal {signal}.' },
  oom: { de: 'Container {c} hatte keinen Speicher mehr (OOM) und wurde beendet.', en: 'Container {c} ran out of memory (OOM) and was killed.' },
  destroy: { de: 'Container {c} wurde gelöscht.', en: 'Container {c} was removed.' },
  rename: { de: 'Container {old} heißt jetzt {c}.', en: 'Container {old} was renamed to {c}.' },
  pause: { de: 'Container {c} wurde eingefroren (pause).', en: 'Container {c} was paused.' },
  unpause: { de: 'Container {c} läuft weiter (unpause).', en: 'Container {c} was unpaused.' },
  attach: { de: 'Ein Terminal hat sich mit Container {c} verbunden.', en: 'A terminal attached to container {c}.' },
  detach: { de: 'Ein Terminal hat sich von Container {c} getrennt.', en: 'A terminal detached from container {c}.' },
  resize: { de: 'Das Terminal von Container {c} hat eine neue Größe.', en: "Container {c}'s terminal was resized." },
  commit: { de: 'Aus Container {c} wurde ein Image gespeichert (commit).', en: 'Container {c} was committed to an image.' },
  update: { de: 'Die Einstellungen von Container {c} wurden geändert.', en: "Container {c}'s settings were updated." },
  export: { de: 'Das Dateisystem von Container {c} wurde exportiert.', en: "Container {c}'s file system was exported." },
  copy: { de: 'Dateien wurden in oder aus Container {c} kopiert.', en: 'Files were copied to or from container {c}.' },
  'archive-path': { de: 'Dateien wurden aus Container {c} gelesen.', en: 'Files were read from container {c}.' },
  'extract-to-dir': { de: 'Dateien wurden in Container {c} geschrieben.', en: 'Files were written into container {c}.' },
  top: { de: 'Die Prozesse in Container {c} wurden aufgelistet.', en: 'The processes in container {c} were listed.' },
  exec_create: { de: 'In Container {c} wurde ein Befehl vorbereitet: {cmd}', en: 'A command was prepared in container {c}: {cmd}' },
  exec_start: { de: 'In Container {c} läuft jetzt: {cmd}', en: 'Now running in container {c}: {cmd}' },
  exec_die: { de: 'Ein Befehl in Container {c} ist fertig (Exit-Code {code}).', en: 'A command in container {c} finished (exit code {code}).' },
  'exec_die-unknown': { de: 'Ein Befehl in Container {c} ist fertig.', en: 'A command in container {c} finished.' },
  'health_status-healthy': { de: 'Container {c} ist jetzt gesund (healthy).', en: 'Container {c} is now healthy.' },
  'health_status-unhealthy': { de: 'Container {c} ist krank (unhealthy): sein Healthcheck schlägt fehl.', en: 'Container {c} is unhealthy: its health check fails.' },
  'health_status-starting': { de: 'Der Healthcheck von Container {c} beginnt.', en: "Container {c}'s health check is starting." },
  health_status: { de: 'Container {c} meldet den Gesundheitszustand {status}.', en: 'Container {c} reports health {status}.' },
};

const image: Sentences = {
  pull: { de: 'Das Image {i} wurde heruntergeladen (pull).', en: 'Image {i} was pulled.' },
  push: { de: 'Das Image {i} wurde in eine Registry hochgeladen (push).', en: 'Image {i} was pushed to a registry.' },
  tag: { de: 'Das Image {id} hat den Namen {i} bekommen.', en: 'Image {id} was tagged {i}.' },
  untag: { de: 'Das Image {id} hat einen Namen verloren.', en: 'A name was removed from image {id}.' },
  delete: { de: 'Das Image {id} wurde gelöscht.', en: 'Image {id} was deleted.' },
  import: { de: 'Ein Image {i} wurde aus einem Archiv importiert.', en: 'Image {i} was imported from an archive.' },
  load: { de: 'Das Image {i} wurde geladen (docker load).', en: 'Image {i} was loaded (docker load).' },
  save: { de: 'Das Image {i} wurde als Archiv gespeichert (docker save).', en: 'Image {i} was saved to an archive (docker save).' },
};

const network: Sentences = {
  create: { de: 'Das Netzwerk {n} wurde angelegt (Treiber {driver}).', en: 'Network {n} was created (driver {driver}).' },
  connect: { de: 'Das Netzwerk {n} wurde mit {c} verbunden.', en: 'Network {n} was connected to {c}.' },
  disconnect: { de: 'Das Netzwerk {n} wurde von {c} getrennt.', en: 'Network {n} was disconnected from {c}.' },
  destroy: { de: 'Das Netzwerk {n} wurde gelöscht.', en: 'Network {n} was removed.' },
  remove: { de: 'Das Netzwerk {n} wurde gelöscht.', en: 'Network {n} was removed.' },
};

const volume: Sentences = {
  create: { de: 'Das Volume {v} wurde angelegt (Treiber {driver}).', en: 'Volume {v} was created (driver {driver}).' },
  mount: { de: 'Das Volume {v} wurde in {c} unter {dest} eingebunden.', en: 'Volume {v} was mounted into {c} at {dest}.' },
  unmount: { de: 'Das Volume {v} wurde aus {c} ausgehängt.', en: 'Volume {v} was unmounted from {c}.' },
  destroy: { de: 'Das Volume {v} wurde gelöscht.', en: 'Volume {v} was removed.' },
};

const daemon: Sentences = {
  reload: { de: 'Die Docker-Engine hat ihre Konfiguration neu geladen.', en: 'The Docker engine reloaded its configuration.' },
};

const fallback = { de: '{type} {obj}: {action}', en: '{type} {obj}: {action}' };

const typeNames: Record<string, { de: string; en: string }> = {
  container: { de: 'Container', en: 'Container' },
  image: { de: 'Image', en: 'Image' },
  network: { de: 'Netzwerk', en: 'Network' },
  volume: { de: 'Volume', en: 'Volume' },
  daemon: { de: 'Engine', en: 'Engine' },
  plugin: { de: 'Plugin', en: 'Plugin' },
  service: { de: 'Service', en: 'Service' },
  node: { de: 'Knoten', en: 'Node' },
  secret: { de: 'Secret', en: 'Secret' },
  config: { de: 'Config', en: 'Config' },
};

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** Fills {x} placeholders with segments; unknown placeholders stay as written. */
function fill(template: string, values: Record<string, Segment | string | undefined>): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const value = values[match[1] ?? ''];
    if (value === undefined) continue;
    if (match.index > last) out.push({ text: template.slice(last, match.index) });
    out.push(typeof value === 'string' ? { text: value } : value);
    last = match.index + match[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last) });
  // Neighbouring plain pieces become one, so a sentence reads as one text where nothing links.
  return out.reduce<Segment[]>((acc, s) => {
    const prev = acc[acc.length - 1];
    if (prev && !('area' in prev) && !('area' in s)) acc[acc.length - 1] = { text: prev.text + s.text };
    else acc.push(s);
    return acc;
  }, []);
}

/** The action without its details: "exec_start: sh -c ls" → "exec_start", "health_status: healthy" → "health_status". */
function baseAction(action: string): { base: string; detail: string } {
  const at = action.indexOf(':');
  return at < 0 ? { base: action, detail: '' } : { base: action.slice(0, at), detail: action.slice(at + 1).trim() };
}

/** One engine event as a sentence in the learner's language, with the objects it names linked. */
export function eventSentence(event: EngineEvent, language: Language, nameOf: NameOf = () => undefined): EventSentence {
  const a = event.attributes;
  const { base, detail } = baseAction(event.action);
  const say = (sentences: Sentences, key: string, values: Record<string, Segment | string | undefined>, tone: EventSentence['tone'] = 'info'): EventSentence | undefined => {
    const sentence = sentences[key];
    return sentence ? { segments: fill(sentence[language], values), tone } : undefined;
  };
  const containerLink = (id: string, name?: string): Segment => ({ text: name ?? nameOf(id) ?? short(id), area: 'containers', ref: id });
  const imageLink = (ref: string, label?: string): Segment => ({ text: label ?? ref, area: 'images', ref });

  let sentence: EventSentence | undefined;
  if (event.type === 'container') {
    const c = containerLink(event.id, a.name);
    const i = a.image ? imageLink(a.image) : undefined;
    if (base === 'die') {
      const code = a.exitCode ?? '?';
      sentence = code === '0' ? say(container, 'die-0', { c }) : say(container, 'die', { c, code }, 'warning');
    } else if (base === 'exec_die') {
      sentence = a.exitCode === undefined ? say(container, 'exec_die-unknown', { c }) : say(container, 'exec_die', { c, code: a.exitCode }, a.exitCode === '0' ? 'info' : 'warning');
    } else if (base === 'health_status') {
      const status = detail || a.health_status || '';
      const tone = status === 'healthy' ? 'success' : status === 'unhealthy' ? 'danger' : 'info';
      sentence = say(container, `health_status-${status}`, { c }, tone) ?? say(container, 'health_status', { c, status }, tone);
    } else if (base === 'rename') {
      sentence = say(container, 'rename', { c, old: (a.oldName ?? '').replace(/^\//, '') || '?' });
    } else if (base === 'exec_create' || base === 'exec_start') {
      sentence = say(container, base, { c, cmd: detail || '…' });
    } else {
      const tone = base === 'start' ? 'success' : base === 'oom' ? 'danger' : base === 'kill' ? 'warning' : 'info';
      sentence = say(container, base, { c, i: i ?? '?', signal: a.signal ?? '?' }, tone);
    }
  } else if (event.type === 'image') {
    // pull, push, load, import name the reference; tag names the new tag; untag and delete only the id.
    const ref = a.name && !a.name.startsWith('sha256:') ? a.name : event.id.startsWith('sha256:') ? short(event.id) : event.id;
    const tone = base === 'delete' ? 'warning' : 'info';
    sentence = say(image, base, { i: imageLink(ref), id: imageLink(event.id, short(event.id)) }, tone);
  } else if (event.type === 'network') {
    const n: Segment = { text: a.name ?? short(event.id), area: 'networks', ref: event.id };
    const c = a.container ? containerLink(a.container) : undefined;
    sentence = say(network, base, { n, c: c ?? '?', driver: a.type ?? '?' });
  } else if (event.type === 'volume') {
    const v: Segment = { text: event.id.length > 40 ? short(event.id) : event.id, area: 'volumes', ref: event.id };
    const c = a.container ? containerLink(a.container) : undefined;
    sentence = say(volume, base, { v, c: c ?? '?', dest: a.destination ?? '?', driver: a.driver ?? 'local' }, base === 'destroy' ? 'warning' : 'info');
  } else if (event.type === 'daemon') {
    sentence = say(daemon, base, {});
  }
  if (sentence) return sentence;
  const type = typeNames[event.type]?.[language] ?? event.type;
  return { segments: fill(fallback[language], { type, obj: a.name ?? short(event.id), action: event.action }), tone: 'info' };
}

/** The sentence as plain text (for copying, tests and screen readers). */
export function sentenceText(sentence: EventSentence): string {
  return sentence.segments.map((s) => s.text).join('');
}
