import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';

import { parseDotenv } from './dotenv';
import { interpolate, type VariableRef } from './interpolate';
import { buildModel } from './model';
import { hostPorts, looksLikeMount, parseMount, parsePort } from './short-syntax';
import { closestKey, dependsOnConditions, isExtension, isV2Only, type KeyLevel, knownKeys, serviceOnlyKeys, valueTypes } from './spec';
import type { ComposeFlavor, ComposeModel, EngineFacts, Finding, FindingParams, Position, Severity, SourceFile, VariableInfo } from './types';
import { entries, entry, isEmpty, items, parseFile, type ParsedFile, plain, positionOf, type Readable, readable } from './yaml';

/** Every rule the doctor knows, with how each Compose version takes what it finds. */
export const RULES = {
  'tab-indent': { v1: 'error', v2: 'error' },
  'bad-indent': { v1: 'error', v2: 'error' },
  'nested-on-one-line': { v1: 'error', v2: 'error' },
  'yaml-error': { v1: 'error', v2: 'error' },
  'duplicate-key': { v1: 'warning', v2: 'error' },
  'not-a-mapping': { v1: 'error', v2: 'error' },
  'no-services': { v1: 'error', v2: 'error' },
  'keys-as-services': { v1: 'error', v2: 'error' },
  'unknown-key': { v1: 'error', v2: 'error' },
  'v2-only-key': { v1: 'error', v2: 'error' },
  'wrong-type': { v1: 'error', v2: 'error' },
  'environment-mixed': { v1: 'error', v2: 'error' },
  'volume-in-environment': { v1: 'warning', v2: 'warning' },
  'volume-in-ports': { v1: 'error', v2: 'error' },
  'bad-port': { v1: 'error', v2: 'error' },
  'undeclared-volume': { v1: 'error', v2: 'error' },
  'undeclared-network': { v1: 'error', v2: 'error' },
  'unknown-dependency': { v1: 'error', v2: 'error' },
  'bad-condition': { v1: 'error', v2: 'error' },
  'port-base60': { v1: 'warning', v2: 'hint' },
  'yaml11-boolean': { v1: 'error', v2: 'hint' },
  'healthy-without-healthcheck': { v1: 'error', v2: 'error' },
  'fixed-port-scaled': { v1: 'warning', v2: 'warning' },
  'container-name-scaled': { v1: 'error', v2: 'error' },
  'port-taken': { v1: 'error', v2: 'error' },
  'unset-variable': { v1: 'warning', v2: 'warning' },
  'required-variable': { v1: 'error', v2: 'error' },
  'invalid-interpolation': { v1: 'error', v2: 'error' },
  'env-file-misplaced': { v1: 'warning', v2: 'warning' },
  'literal-variable-name': { v1: 'warning', v2: 'warning' },
  'image-unavailable': { v1: 'warning', v2: 'warning' },
  'bind-source-missing': { v1: 'warning', v2: 'warning' },
  'obsolete-version': { v1: 'hint', v2: 'warning' },
} as const satisfies Record<string, Record<ComposeFlavor, Severity>>;

export type Rule = keyof typeof RULES;

export interface DoctorInput {
  /** The compose files in `-f` order. */
  files: SourceFile[];
  flavor: ComposeFlavor;
  /** The environment Compose runs with (what Lotse passes to the CLI). */
  shell?: Record<string, string>;
  /** The .env this Compose reads (beside the project directory, or `--env-file`). */
  envFile?: SourceFile;
  /** .env files lying where this Compose does not read them (beside another -f file, the folder above). */
  strayEnvFiles?: SourceFile[];
  engine?: EngineFacts;
  /** The scale the learner asks for per service (`up --scale`). */
  scale?: Record<string, number>;
  /** This project's name: its own containers do not count as holding a port. */
  projectName?: string;
  /** What the host has at each bind mount's source, keyed by the source as written (the service looks). */
  hostPaths?: Record<string, 'file' | 'dir' | 'missing'>;
}

export interface Analysis {
  findings: Finding[];
  model: ComposeModel;
  variables: VariableInfo[];
}

interface Context {
  input: DoctorInput;
  flavor: ComposeFlavor;
  findings: Finding[];
  lookup: (name: string) => string | undefined;
  variables: Map<string, VariableInfo>;
  dotenv: Map<string, { value: string; line: number }>;
  stray: Map<string, string>;
}

function add(ctx: Context, rule: Rule, at: Position, params: FindingParams = {}): void {
  const severity: Severity = RULES[rule][ctx.flavor];
  ctx.findings.push({ rule, severity, at, params });
}

/** Reads the project's files as its Compose will, and says everything that is wrong or likely not meant. */
export function analyze(input: DoctorInput): Analysis {
  const flavor = input.flavor;
  const dotenv = new Map<string, { value: string; line: number }>();
  for (const e of input.envFile ? parseDotenv(input.envFile.text) : []) dotenv.set(e.name, { value: e.value, line: e.line });
  const stray = new Map<string, string>();
  for (const file of input.strayEnvFiles ?? []) for (const e of parseDotenv(file.text)) if (!stray.has(e.name)) stray.set(e.name, file.path);
  const shell = input.shell ?? {};
  const ctx: Context = {
    input,
    flavor,
    findings: [],
    // The shell's environment wins over .env in both versions.
    lookup: (name) => (Object.hasOwn(shell, name) ? shell[name] : dotenv.get(name)?.value),
    variables: new Map(),
    dotenv,
    stray,
  };
  const parsed = input.files.map((f) => parseFile(f.path, f.text));
  for (const file of parsed) syntaxFindings(ctx, file);
  const docs = parsed.map(readable).filter((r): r is Readable => r !== undefined);
  const data = docs.map((r) => ({ r, value: interpolateTree(ctx, r, r.doc.contents as Node | null) }));
  const declared = collectDeclared(data.map((d) => d.value));
  for (const { r, value } of data) structureFindings(ctx, r, value, declared);
  const model = buildModel(data.map((d) => ({ value: d.value, at: serviceAt(d.r) })));
  scaleFindings(ctx, model);
  engineFindings(ctx, model);
  hostFindings(ctx, model);
  ctx.findings.sort((a, b) => (a.at.file === b.at.file ? a.at.line - b.at.line || a.at.column - b.at.column : 0));
  return { findings: ctx.findings, model, variables: [...ctx.variables.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Where each service, network and volume is named in a file. */
function serviceAt(r: Readable): (section: string, name: string) => Position | undefined {
  const root = r.doc.contents;
  return (section, name) => {
    const found = entry(r.doc, entry(r.doc, root, section)?.value, name);
    return found ? r.at(found.keyNode) : undefined;
  };
}

function syntaxFindings(ctx: Context, file: ParsedFile): void {
  const moved = new Set(file.readable?.moved ?? []);
  const lines = new Set<number>();
  for (const p of file.syntax) {
    if (lines.has(p.line)) continue;
    // Without a readable document, what follows the first problem is mostly its echo.
    if (!file.readable && lines.size > 0 && p.code !== 'TAB_AS_INDENT') continue;
    if (file.readable && !moved.has(p.line)) continue;
    lines.add(p.line);
    const at = positionOf(file, p);
    if (p.code === 'TAB_AS_INDENT') add(ctx, 'tab-indent', at);
    else if (p.code === 'BLOCK_AS_IMPLICIT_KEY' && /compact mappings/.test(p.message)) add(ctx, 'nested-on-one-line', at, { text: lineText(file.text, p.line) });
    else if (moved.has(p.line) || p.code === 'BAD_INDENT' || p.code === 'BLOCK_AS_IMPLICIT_KEY') add(ctx, 'bad-indent', at, { text: lineText(file.text, p.line) });
    else add(ctx, 'yaml-error', at, { message: p.message });
  }
  for (const p of file.duplicates) {
    const key = /^\s*-?\s*([^:#]+?)\s*:/.exec(lineText(file.text, p.line))?.[1] ?? '';
    add(ctx, 'duplicate-key', positionOf(file, p), { key });
  }
}

const lineText = (text: string, line: number): string => (text.split('\n')[line - 1] ?? '').trim();

// ---------------------------------------------------------------------------------------------------
// interpolation

/** The document as plain data with every string value interpolated; records each variable and its use. */
function interpolateTree(ctx: Context, r: Readable, node: Node | null, inEnvironment = false): unknown {
  const doc = r.doc;
  if (!node) return null;
  if (isScalar(node)) {
    if (typeof node.value !== 'string') return node.value;
    return interpolateScalar(ctx, r, node);
  }
  if (isSeq(node)) return items(doc, node).map((i) => interpolateTree(ctx, r, i, inEnvironment));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const e of entries(doc, node)) out[e.key] = interpolateTree(ctx, r, e.value, inEnvironment);
    return out;
  }
  return plain(doc, node);
}

function interpolateScalar(ctx: Context, r: Readable, node: Scalar): string {
  const raw = String(node.value);
  if (!raw.includes('$')) return raw;
  const result = interpolate(raw, ctx.lookup, ctx.flavor);
  const at = r.at(node);
  const source = r.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  const where = (ref: { offset: number; text: string }): Position => {
    const index = source.indexOf(ref.text);
    if (at.line !== at.endLine || index < 0) return at;
    return { ...at, column: at.column + index, endColumn: at.column + index + ref.text.length };
  };
  for (const ref of result.refs) {
    const text = raw.slice(ref.offset, ref.offset + ref.length);
    const position = where({ offset: ref.offset, text });
    note(ctx, ref, position);
    const value = ctx.lookup(ref.name);
    if (value === undefined && (ref.operator === '' || ref.operator === ':+' || ref.operator === '+')) {
      const strayFile = ctx.stray.get(ref.name);
      if (strayFile) add(ctx, 'env-file-misplaced', position, { name: ref.name, file: strayFile });
      else if (ref.operator === '') add(ctx, 'unset-variable', position, { name: ref.name, example: `\${${ref.name}:-…}` });
    }
  }
  for (const problem of result.problems) {
    const position = where({ offset: problem.offset, text: problem.text || `\${${problem.name}` });
    if (problem.kind === 'required') add(ctx, 'required-variable', position, { name: problem.name, message: problem.text, reference: `\${${problem.name}:?}` });
    else add(ctx, 'invalid-interpolation', position, { text: problem.text, flavor: ctx.flavor });
  }
  return result.value;
}

function note(ctx: Context, ref: VariableRef, at: Position): void {
  const known = ctx.variables.get(ref.name);
  if (known) {
    known.usedAt.push(at);
    return;
  }
  const shell = ctx.input.shell ?? {};
  const fromEnv = ctx.dotenv.get(ref.name);
  const info: VariableInfo = Object.hasOwn(shell, ref.name)
    ? { name: ref.name, source: 'shell', value: shell[ref.name] ?? '', ...(fromEnv ? { shadowed: fromEnv.value } : {}), usedAt: [at] }
    : fromEnv && ctx.input.envFile
      ? { name: ref.name, source: 'env-file', value: fromEnv.value, file: ctx.input.envFile.path, line: fromEnv.line, usedAt: [at] }
      : ref.operator === ':-' || ref.operator === '-'
        ? { name: ref.name, source: 'default', value: ref.argument, usedAt: [at] }
        : { name: ref.name, source: 'unset', usedAt: [at] };
  ctx.variables.set(ref.name, info);
}

// ---------------------------------------------------------------------------------------------------
// structure

interface Declared {
  services: Set<string>;
  volumes: Set<string>;
  networks: Set<string>;
  healthchecks: Set<string>;
  images: Map<string, string>;
}

function collectDeclared(values: unknown[]): Declared {
  const declared: Declared = { services: new Set(), volumes: new Set(), networks: new Set(['default']), healthchecks: new Set(), images: new Map() };
  for (const value of values) {
    const top = asRecord(value);
    for (const name of Object.keys(asRecord(top.volumes))) declared.volumes.add(name);
    for (const name of Object.keys(asRecord(top.networks))) declared.networks.add(name);
    for (const [name, service] of Object.entries(asRecord(top.services))) {
      const s = asRecord(service);
      if (!isRecord(service) && serviceOnlyKeys.has(name)) continue;
      declared.services.add(name);
      const health = asRecord(s.healthcheck);
      if (isRecord(s.healthcheck) && health.disable !== true && health.test !== 'NONE' && !(Array.isArray(health.test) && health.test[0] === 'NONE')) {
        declared.healthchecks.add(name);
      }
      if (typeof s.image === 'string') declared.images.set(name, s.image);
    }
  }
  return declared;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

function checkKeys(ctx: Context, r: Readable, node: Node | null, level: KeyLevel, where: string, allowExtensions: boolean): void {
  const known = knownKeys(level, ctx.flavor);
  for (const e of entries(r.doc, node)) {
    if (known.has(e.key) || (allowExtensions && isExtension(e.key))) continue;
    const at = r.at(e.keyNode);
    if (ctx.flavor === 'v1' && isV2Only(level, e.key)) {
      add(ctx, 'v2-only-key', at, { key: e.key, where });
      continue;
    }
    const suggestion = closestKey(e.key, known);
    add(ctx, 'unknown-key', at, { key: e.key, where, ...(suggestion ? { suggestion } : {}) });
  }
}

function structureFindings(ctx: Context, r: Readable, value: unknown, declared: Declared): void {
  const doc = r.doc;
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    if (root) add(ctx, 'not-a-mapping', r.at(root), { where: 'file' });
    return;
  }
  checkKeys(ctx, r, root, 'top', 'top', true);
  const version = entry(doc, root, 'version');
  if (version) add(ctx, 'obsolete-version', r.at(version.keyNode));
  const top = asRecord(value);
  const services = entry(doc, root, 'services');
  if (!services) {
    if (!declared.services.size) add(ctx, 'no-services', r.at(root));
  } else if (!isMap(services.value)) {
    add(ctx, 'not-a-mapping', r.at(services.value ?? services.keyNode), { where: 'services' });
  } else {
    serviceFindings(ctx, r, services.value, asRecord(top.services), declared);
  }
  for (const [level, key] of [
    ['network', 'networks'],
    ['volume', 'volumes'],
  ] as const) {
    const section = entry(doc, root, key);
    for (const e of entries(doc, section?.value)) {
      if (!isEmpty(e.value) && !isMap(e.value)) add(ctx, 'not-a-mapping', r.at(e.value), { where: `${key}.${e.key}` });
      else checkKeys(ctx, r, e.value, level, `${key}.${e.key}`, true);
    }
  }
}

function serviceFindings(ctx: Context, r: Readable, servicesNode: Node, values: Record<string, unknown>, declared: Declared): void {
  const doc = r.doc;
  const all = entries(doc, servicesNode);
  // Service keys written at the level of the service names (the course's web sample): one finding for the slip.
  const slipped = all.filter((e) => serviceOnlyKeys.has(e.key) && !isMap(e.value));
  if (slipped.length) {
    const first = slipped[0];
    const before = all[all.indexOf(first as (typeof all)[number]) - 1];
    add(ctx, 'keys-as-services', r.at(first?.keyNode), {
      keys: slipped.map((e) => e.key).join(', '),
      service: before && !isMap(before.value) ? before.key : '',
    });
  }
  for (const e of all) {
    if (slipped.includes(e)) continue;
    if (!isMap(e.value)) {
      // An empty service right above slipped keys is part of that one finding.
      const next = all[all.indexOf(e) + 1];
      if (!(next && slipped.includes(next))) add(ctx, 'not-a-mapping', r.at(e.value ?? e.keyNode), { where: `services.${e.key}` });
      continue;
    }
    serviceRules(ctx, r, e.key, e.value, asRecord(values[e.key]), declared);
  }
}

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;

function serviceRules(ctx: Context, r: Readable, name: string, node: Node, value: Record<string, unknown>, declared: Declared): void {
  const doc = r.doc;
  const where = `services.${name}`;
  checkKeys(ctx, r, node, 'service', where, true);
  for (const e of entries(doc, node)) {
    const type = valueTypes[e.key];
    if (!type || isEmpty(e.value)) continue;
    if (e.key === 'environment' && isScalar(e.value)) continue;
    if (!type.schema.safeParse(value[e.key]).success) add(ctx, 'wrong-type', r.at(e.value), { key: e.key, where, shape: type.shape });
  }

  const environment = entry(doc, node, 'environment');
  if (environment?.value) {
    if (isScalar(environment.value) && typeof environment.value.value === 'string') {
      add(ctx, 'environment-mixed', r.at(environment.value), { service: name });
    }
    for (const item of items(doc, environment.value)) {
      const text = isScalar(item) ? item.value : undefined;
      if (isMap(item)) add(ctx, 'environment-mixed', r.at(item), { service: name });
      else if (looksLikeMount(text)) add(ctx, 'volume-in-environment', r.at(item), { service: name, text: String(text) });
      else if (typeof text === 'string') literalName(ctx, r, item, text.slice(text.indexOf('=') + 1), text.includes('='));
    }
    for (const e of entries(doc, environment.value)) {
      if (isScalar(e.value) && e.value.type === 'PLAIN' && YAML11_BOOL.test(source(r, e.value))) {
        add(ctx, 'yaml11-boolean', r.at(e.value), { key: e.key, text: source(r, e.value) });
      } else if (isScalar(e.value) && typeof e.value.value === 'string') literalName(ctx, r, e.value, e.value.value, true);
    }
  }

  const ports = entry(doc, node, 'ports');
  for (const item of items(doc, ports?.value)) {
    if (!isScalar(item)) continue;
    const raw = source(r, item);
    if (item.type === 'PLAIN' && BASE60.test(raw)) {
      add(ctx, 'port-base60', r.at(item), { text: raw, value: sexagesimal(raw) });
      continue;
    }
    const v = interpolatedScalar(ctx, item);
    if (looksLikeMount(v)) add(ctx, 'volume-in-ports', r.at(item), { service: name, text: String(v) });
    // A port made of variables is judged by Compose once they are set; an unset one is its own finding.
    else if (parsePort(v) === undefined && !raw.includes('$')) add(ctx, 'bad-port', r.at(item), { service: name, text: String(v) });
  }

  const volumes = entry(doc, node, 'volumes');
  const volumeValues = Array.isArray(value.volumes) ? value.volumes : [];
  items(doc, volumes?.value).forEach((item, i) => {
    const mount = parseMount(volumeValues[i]);
    if (mount?.kind === 'volume' && mount.source && !declared.volumes.has(mount.source)) {
      add(ctx, 'undeclared-volume', r.at(item), { service: name, volume: mount.source });
    }
  });

  const networks = entry(doc, node, 'networks');
  if (networks?.value) {
    const named = isSeq(networks.value)
      ? items(doc, networks.value).map((n) => ({ name: String(plain(doc, n)), node: n }))
      : entries(doc, networks.value).map((e) => ({ name: e.key, node: e.keyNode }));
    for (const n of named) if (!declared.networks.has(n.name)) add(ctx, 'undeclared-network', r.at(n.node), { service: name, network: n.name });
  }

  const dependsOn = entry(doc, node, 'depends_on');
  if (dependsOn?.value) {
    const deps = isSeq(dependsOn.value)
      ? items(doc, dependsOn.value).map((n) => ({ target: String(plain(doc, n)), keyNode: n, value: null as Node | null }))
      : entries(doc, dependsOn.value).map((e) => ({ target: e.key, keyNode: e.keyNode, value: e.value }));
    for (const dep of deps) {
      if (!declared.services.has(dep.target)) {
        add(ctx, 'unknown-dependency', r.at(dep.keyNode), { service: name, dependency: dep.target });
        continue;
      }
      if (!dep.value) continue;
      checkKeys(ctx, r, dep.value, 'dependsOn', `${where}.depends_on.${dep.target}`, false);
      const condition = entry(doc, dep.value, 'condition');
      const conditionValue = condition ? plain(doc, condition.value) : undefined;
      if (condition && !dependsOnConditions.includes(String(conditionValue))) {
        add(ctx, 'bad-condition', r.at(condition.value), { service: name, condition: String(conditionValue) });
      }
      if (conditionValue === 'service_healthy' && !declared.healthchecks.has(dep.target)) {
        const image = declared.images.get(dep.target);
        const facts = image ? ctx.input.engine?.images?.[normalizeImage(image)] : undefined;
        if (!facts?.healthcheck) {
          add(ctx, 'healthy-without-healthcheck', r.at(condition?.value), {
            service: name,
            dependency: dep.target,
            image: image ?? '',
            imageKnown: facts ? 'yes' : 'no',
          });
        }
      }
    }
  }

  for (const level of ['healthcheck', 'build'] as const) {
    const e = entry(doc, node, level);
    if (e && isMap(e.value)) checkKeys(ctx, r, e.value, level, `${where}.${level}`, true);
  }
}

function source(r: Readable, node: Scalar): string {
  return r.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0).trim();
}

function interpolatedScalar(ctx: Context, node: Scalar): unknown {
  return typeof node.value === 'string' ? interpolate(node.value, ctx.lookup, ctx.flavor).value : node.value;
}

function sexagesimal(raw: string): number {
  return raw
    .replace(/_/g, '')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** `DB_USER: DB_USER` or `- POSTGRES_USER=DB_USER` where .env has DB_USER: the name is passed, not its value. */
function literalName(ctx: Context, r: Readable, node: Node, text: string, assignment: boolean): void {
  if (!assignment || !ctx.dotenv.has(text) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return;
  add(ctx, 'literal-variable-name', r.at(node), { name: text, reference: `\${${text}}` });
}

// ---------------------------------------------------------------------------------------------------
// across services: scale, engine

function scaleFindings(ctx: Context, model: ComposeModel): void {
  for (const service of model.services) {
    const scale = ctx.input.scale?.[service.name] ?? service.replicas;
    if (scale <= 1 || !service.at) continue;
    const fixed = service.ports.filter((p) => p.published && !p.published.includes('-'));
    if (fixed.length) add(ctx, 'fixed-port-scaled', service.at, { service: service.name, scale, port: fixed.map((p) => p.published ?? '').join(', ') });
    if (service.containerName) add(ctx, 'container-name-scaled', service.at, { service: service.name, scale, name: service.containerName });
  }
}

/** `nginx` → `nginx:latest`; a digest or tag stays. */
export function normalizeImage(reference: string): string {
  const lastSlash = reference.lastIndexOf('/');
  const tail = reference.slice(lastSlash + 1);
  return tail.includes(':') || tail.includes('@') ? reference : `${reference}:latest`;
}

/** A bind mount of a folder that is not there: Docker makes an empty one, and the container sees nothing of the learner's files. */
function hostFindings(ctx: Context, model: ComposeModel): void {
  const paths = ctx.input.hostPaths;
  if (!paths) return;
  for (const service of model.services) {
    if (!service.at) continue;
    for (const mount of service.mounts) {
      if (mount.kind === 'bind' && mount.source && paths[mount.source] === 'missing') {
        add(ctx, 'bind-source-missing', service.at, { service: service.name, source: mount.source, target: mount.target });
      }
    }
  }
}

function engineFindings(ctx: Context, model: ComposeModel): void {
  const engine = ctx.input.engine;
  if (!engine) return;
  for (const service of model.services) {
    if (!service.at) continue;
    if (engine.images && service.image && !service.build && !engine.images[normalizeImage(service.image)]) {
      add(ctx, 'image-unavailable', service.at, { service: service.name, image: service.image });
    }
    for (const port of service.ports) {
      for (const hostPort of hostPorts(port)) {
        const holder = engine.publishedPorts?.find(
          (p) => p.port === hostPort && p.protocol === port.protocol && (!ctx.input.projectName || p.project !== ctx.input.projectName),
        );
        if (holder) add(ctx, 'port-taken', service.at, { service: service.name, port: hostPort, container: holder.container, project: holder.project ?? '' });
      }
    }
  }
}
