import { type Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';

import type { DoctorFinding } from '../dto/kube';
import { isClusterScoped, labelKeyValid, labelValueValid, nameFollows, nameRuleOf } from './names';
import { pathText, type SchemaIndex } from './schema';
import { type Labels, matchesMap } from './selectors';
import { applyFixes, keyAt, keyText, mendIndentation, nodeAt, type ParsedStream, pairsOf, parseStream, position } from './yaml';

/**
 * The manifest doctor: what is wrong with a text of Kubernetes manifests before the cluster sees it.
 * YAML errors at line and column (indentation slips mended where the neighbouring lines say how), fields
 * that lost their indentation, names and labels against Kubernetes' rules, selectors against the labels
 * they should select, namespaces that do not exist, and (with the cluster's OpenAPI) unknown or misplaced
 * fields and wrong types. Findings are codes with parameters; the renderer says them (kube:doctor.<code>).
 */

export interface ClusterFacts {
  /** The namespaces that exist; undefined when not known. */
  namespaces?: ReadonlySet<string>;
  /** The cluster's OpenAPI v3 schemas. */
  schemas?: SchemaIndex;
  /** Whether the cluster serves a kind in an apiVersion; undefined when not known. */
  served?: (apiVersion: string, kind: string) => boolean | undefined;
  /** Live pods' labels, for selectors. */
  pods?: readonly { namespace: string; labels: Labels }[];
  /** Where objects without a namespace go (the context's namespace). */
  defaultNamespace?: string;
}

export interface ManifestDoc {
  index: number;
  /** First line of the document. */
  line: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The object as read (after mending); undefined when the document is not an object. */
  object?: Record<string, unknown>;
}

export interface DoctorReport {
  docs: ManifestDoc[];
  findings: DoctorFinding[];
  /** The text with every suggested fix applied. */
  mended: string;
  /** No finding of severity error. */
  ok: boolean;
}

type Severity = DoctorFinding['severity'];

/** Fields whose value is an object, and the fields that object has: for "lost its indentation". */
const OBJECT_FIELDS: Record<string, readonly string[]> = {
  metadata: ['name', 'namespace', 'labels', 'annotations', 'generateName', 'finalizers', 'ownerReferences'],
  roleRef: ['apiGroup', 'kind', 'name'],
  spec: ['replicas', 'selector', 'template', 'containers', 'type', 'ports', 'podSelector', 'policyTypes', 'ingress', 'egress', 'strategy', 'minAvailable', 'maxUnavailable'],
  selector: ['matchLabels', 'matchExpressions', 'app'],
  template: ['metadata', 'spec'],
  matchLabels: ['app'],
};
/** List fields whose items are objects, and the fields of an item. */
const ITEM_FIELDS: Record<string, readonly string[]> = {
  subjects: ['kind', 'name', 'namespace', 'apiGroup'],
  ports: ['name', 'protocol', 'port', 'targetPort', 'nodePort', 'containerPort', 'endPort'],
  containers: ['name', 'image', 'command', 'args', 'ports', 'env', 'resources', 'volumeMounts', 'imagePullPolicy'],
  rules: ['apiGroups', 'resources', 'verbs', 'resourceNames'],
};
/** Fields an object has at its top level. */
const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'stringData', 'binaryData', 'type', 'immutable', 'rules', 'subjects', 'roleRef', 'aggregationRule', 'secrets', 'imagePullSecrets', 'automountServiceAccountToken', 'items']);

const APPS_WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

export function examine(text: string, facts: ClusterFacts = {}): DoctorReport {
  const findings: DoctorFinding[] = [];
  const add = (doc: number, severity: Severity, code: string, at: { line: number; column: number }, params: DoctorFinding['params'] = {}, extra: Partial<DoctorFinding> = {}): void => {
    findings.push({ doc, severity, code, line: at.line, column: at.column, params, ...extra });
  };

  // 1. YAML: mend indentation slips one after another, report what cannot be mended.
  let current = text;
  let stream = parseStream(current);
  for (let round = 0; round < 12; round++) {
    const first = stream.problems.find((p) => p.code !== 'DUPLICATE_KEY');
    if (!first) break;
    const fix = first.code === 'TAB_AS_INDENT' ? undefined : mendIndentation(current, first.line);
    if (!fix) break;
    const lines = current.split('\n');
    const anchor = lines.slice(0, fix.fromLine - 1).findLastIndex((l) => /\S/.test(l) && !/^\s*#/.test(l)) + 1;
    add(docIndexAt(stream, first.line), 'error', 'indentSlip', { line: first.line, column: first.column }, { lines: `${fix.fromLine}–${fix.toLine}`, delta: fix.delta, under: anchor }, { fix: { fromLine: fix.fromLine, toLine: fix.toLine, text: fix.text }, endLine: fix.toLine });
    current = applyFixes(current, [fix]);
    stream = parseStream(current);
  }
  for (const p of stream.problems) {
    if (p.code === 'DUPLICATE_KEY') continue;
    const code = p.code === 'TAB_AS_INDENT' ? 'tabIndent' : 'yamlError';
    add(docIndexAt(stream, p.line), 'error', code, p, { yamlCode: p.code, detail: p.message }, { endLine: p.endLine, endColumn: p.endColumn });
  }
  if (stream.problems.some((p) => p.code !== 'DUPLICATE_KEY')) {
    return { docs: [], findings: sortFindings(findings), mended: current, ok: false };
  }

  // 2. Fields that lost their indentation: mend them too, then read the objects.
  const lostFixes: { fromLine: number; toLine: number; text: string }[] = [];
  stream.docs.forEach((doc, index) => {
    for (const lost of lostIndentation(doc, stream, current)) {
      add(index, 'error', 'lostIndentation', lost.at, { parent: lost.parent, fields: lost.fields.join(', ') }, { fix: lost.fix, endLine: lost.fix.toLine });
      lostFixes.push(lost.fix);
    }
  });
  if (lostFixes.length) {
    current = applyFixes(current, lostFixes);
    stream = parseStream(current);
  }

  const docs: ManifestDoc[] = [];
  stream.docs.forEach((doc, index) => {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    const line = position(stream.lines, doc.contents.range?.[0] ?? 0).line;
    const at = (path: readonly (string | number)[]): { line: number; column: number } => locate(doc, stream, path) ?? { line, column: 1 };
    for (const e of doc.errors.filter((x) => x.code === 'DUPLICATE_KEY')) {
      const p = position(stream.lines, e.pos[0]);
      add(index, 'error', 'duplicateKey', p, { key: current.slice(e.pos[0], e.pos[1]).replace(/:.*$/s, '').trim() });
    }
    if (!isMap(doc.contents)) {
      add(index, 'error', 'notAnObject', { line, column: 1 });
      docs.push({ index, line });
      return;
    }
    const object = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    const apiVersion = str(object.apiVersion);
    const kind = str(object.kind);
    const meta = rec(object.metadata);
    const name = typeof meta?.name === 'string' ? meta.name : undefined;
    const namespace = str(meta?.namespace);
    docs.push({ index, line, object, ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) });
    checkObject({ index, object, apiVersion, kind, name, namespace, at, add, facts, docs: stream.docs });
  });

  // 3. Across documents: the same object twice; namespaces and selectors against the whole text.
  const seen = new Map<string, ManifestDoc>();
  for (const d of docs) {
    if (!d.kind || !d.name) continue;
    const key = `${d.kind}/${isClusterScoped(d.kind) ? '' : (d.namespace ?? facts.defaultNamespace ?? 'default')}/${d.name}`;
    const earlier = seen.get(key);
    if (earlier) add(d.index, 'warning', 'duplicateObject', { line: d.line, column: 1 }, { kind: d.kind, name: d.name, first: earlier.line });
    else seen.set(key, d);
  }
  crossChecks(docs, facts, stream, add);

  const sorted = sortFindings(findings);
  return { docs, findings: sorted, mended: current, ok: !sorted.some((f) => f.severity === 'error') };
}

/** In line order, each finding once (the schema and the doctor's own rules may both see a missing field). */
function sortFindings(findings: DoctorFinding[]): DoctorFinding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.doc}:${f.code}:${f.path ?? `${f.line}:${f.column}`}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function docIndexAt(stream: ParsedStream, line: number): number {
  let index = 0;
  stream.docs.forEach((d, i) => {
    const start = d.range[0];
    if (position(stream.lines, start).line <= line) index = i;
  });
  return index;
}

function locate(doc: Document.Parsed, stream: ParsedStream, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === path.length ? keyAt(doc, path) : nodeAt(doc, path.slice(0, n));
    if (node?.range) return position(stream.lines, node.range[0]);
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const labelsOf = (v: unknown): Labels => Object.fromEntries(Object.entries(rec(v) ?? {}).map(([k, x]) => [k, String(x)]));

interface Lost {
  parent: string;
  fields: string[];
  at: { line: number; column: number };
  fix: { fromLine: number; toLine: number; text: string };
}

/**
 * Keys that stand at the level of their parent instead of under it: `metadata:` with nothing after it and
 * then `name:` at the same column (the course's ServiceAccount), or the keys of a list item written flush
 * with the list (`- kind: ServiceAccount` then `name: donald`).
 */
function lostIndentation(doc: Document.Parsed, stream: ParsedStream, text: string): Lost[] {
  const lines = text.split('\n');
  const out: Lost[] = [];
  const walk = (node: unknown, depth: number): void => {
    const pairs = pairsOf(node);
    const seen = new Set<string>();
    let open: { parent: string; fields: readonly string[]; column: number; children: Pair[] } | undefined;
    const close = (): void => {
      if (open?.children.length) {
        const first = open.children[0]!;
        const last = open.children[open.children.length - 1]!;
        const fromLine = lineOf(stream, first.key);
        const toLine = endLineOf(stream, last, text);
        const block = lines.slice(fromLine - 1, toLine);
        const indent = Math.min(...block.filter((l) => /\S/.test(l)).map((l) => l.search(/\S/)));
        const delta = open.column - indent;
        out.push({
          parent: open.parent,
          fields: open.children.map(keyText),
          at: { line: fromLine, column: indent + 1 },
          fix: { fromLine, toLine, text: block.map((l) => (/\S/.test(l) ? ' '.repeat(Math.max(0, delta)) + l : l)).join('\n') },
        });
      }
      open = undefined;
    };
    for (const pair of pairs) {
      const key = keyText(pair);
      const value = pair.value as Node | null;
      const duplicate = seen.has(key);
      seen.add(key);
      const belongsHere = depth === 0 ? TOP_LEVEL.has(key) : true;
      if (open && open.fields.includes(key) && (duplicate || !belongsHere)) {
        open.children.push(pair);
        continue;
      }
      close();
      const keyColumn = columnOf(stream, pair.key);
      if ((value === null || (isScalar(value) && value.value === null)) && OBJECT_FIELDS[key]) {
        open = { parent: key, fields: OBJECT_FIELDS[key], column: keyColumn + 2, children: [] };
      } else if (isSeq(value) && ITEM_FIELDS[key] && value.items.length) {
        const lastItem = value.items[value.items.length - 1];
        if (isMap(lastItem)) {
          const itemPairs = pairsOf(lastItem);
          const itemColumn = itemPairs.length ? columnOf(stream, itemPairs[0]!.key) : keyColumn + 2;
          // Only a list written flush with its key can lose its items' keys to the key's level.
          if (itemColumn <= keyColumn + 2) open = { parent: `${key}[${value.items.length - 1}]`, fields: ITEM_FIELDS[key], column: itemColumn, children: [] };
        }
        for (const item of value.items) walk(item, depth + 1);
      } else if (isMap(value)) {
        walk(value, depth + 1);
      } else if (isSeq(value)) {
        for (const item of value.items) walk(item, depth + 1);
      }
    }
    close();
  };
  walk(doc.contents, 0);
  return out;
}

const lineOf = (stream: ParsedStream, node: unknown): number => position(stream.lines, (node as Node | null)?.range?.[0] ?? 0).line;
const columnOf = (stream: ParsedStream, node: unknown): number => position(stream.lines, (node as Node | null)?.range?.[0] ?? 0).column - 1;

function endLineOf(stream: ParsedStream, pair: Pair, text: string): number {
  const value = pair.value as Node | null;
  const end = value?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? 0;
  // The range ends after the newline of the value's last line.
  const before = Math.max(0, Math.min(end, text.length) - 1);
  return position(stream.lines, text[before] === '\n' ? before : end).line;
}

interface ObjectCheck {
  index: number;
  object: Record<string, unknown>;
  apiVersion: string | undefined;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  at: (path: readonly (string | number)[]) => { line: number; column: number };
  add: (doc: number, severity: Severity, code: string, at: { line: number; column: number }, params?: DoctorFinding['params'], extra?: Partial<DoctorFinding>) => void;
  facts: ClusterFacts;
  docs: Document.Parsed[];
}

function checkObject(c: ObjectCheck): void {
  const { index, object, apiVersion, kind, name, at, add, facts } = c;
  const here = (severity: Severity, code: string, path: readonly (string | number)[], params: DoctorFinding['params'] = {}): void =>
    add(index, severity, code, at(path), params, { path: pathText(path) });
  if (!apiVersion) here('error', 'missingField', ['apiVersion'], { field: 'apiVersion' });
  if (!kind) here('error', 'missingField', ['kind'], { field: 'kind' });
  const meta = rec(object.metadata);
  if (!meta) {
    here('error', 'missingField', ['metadata'], { field: 'metadata' });
  } else if ((meta.name === undefined || meta.name === null || meta.name === '') && !str(meta.generateName)) {
    here('error', 'missingField', ['metadata', 'name'], { field: 'metadata.name' });
  }
  if (!apiVersion || !kind) return;

  const served = facts.served?.(apiVersion, kind);
  if (served === false) here('error', 'notServed', ['kind'], { kind, apiVersion });

  const schema = facts.schemas?.forKind(apiVersion, kind);
  if (schema && facts.schemas) {
    for (const issue of facts.schemas.validate(schema, object)) {
      // metadata fields the server fills in are not the learner's concern; status is ignored on create.
      if (issue.path[0] === 'status') continue;
      here(issue.code === 'unknownField' ? 'error' : issue.code === 'wrongType' ? 'error' : 'error', issue.code, issue.path, issue.params);
    }
  }

  if (name && !nameFollows(nameRuleOf(kind), name)) here('error', 'invalidName', ['metadata', 'name'], { name, rule: nameRuleOf(kind), kind });
  checkLabels(here, meta?.labels, ['metadata', 'labels']);

  const clusterScoped = isClusterScoped(kind);
  if (clusterScoped && c.namespace) here('warning', 'namespaceIgnored', ['metadata', 'namespace'], { kind, namespace: c.namespace });

  if (APPS_WORKLOADS.has(kind)) checkWorkload(here, object, kind);
  if (kind === 'Pod') checkPodSpec(here, rec(object.spec), ['spec']);
  if (kind === 'Service') checkService(here, object);
  if (kind === 'ClusterRoleBinding' || kind === 'RoleBinding') checkBinding(here, object);
}

type Here = (severity: Severity, code: string, path: readonly (string | number)[], params?: DoctorFinding['params']) => void;

function checkLabels(here: Here, labels: unknown, path: (string | number)[]): void {
  for (const [key, value] of Object.entries(rec(labels) ?? {})) {
    if (!labelKeyValid(key)) here('error', 'invalidLabelKey', [...path, key], { key });
    else {
      const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
      if (!labelValueValid(text)) here('error', 'invalidLabelValue', [...path, key], { key, value: text });
    }
  }
}

function checkWorkload(here: Here, object: Record<string, unknown>, kind: string): void {
  const spec = rec(object.spec);
  if (!spec) {
    here('error', 'missingField', ['spec'], { field: 'spec' });
    return;
  }
  const replicas = spec.replicas;
  if (typeof replicas === 'number' && (replicas < 0 || !Number.isInteger(replicas))) here('error', 'badReplicas', ['spec', 'replicas'], { replicas });
  const template = rec(spec.template);
  const templateLabels = labelsOf(rec(template?.metadata)?.labels);
  checkLabels(here, rec(template?.metadata)?.labels, ['spec', 'template', 'metadata', 'labels']);
  const selector = rec(spec.selector);
  if (!selector) {
    here('error', 'selectorMissing', ['spec'], { kind });
  } else {
    const matchLabels = labelsOf(selector.matchLabels);
    const expressions = arr(selector.matchExpressions);
    if (!Object.keys(matchLabels).length && !expressions.length) here('error', 'selectorEmpty', ['spec', 'selector'], { kind });
    const mismatch = Object.entries(matchLabels).find(([k, v]) => templateLabels[k] !== v);
    if (mismatch) {
      here('error', 'selectorMismatch', ['spec', 'selector', 'matchLabels', mismatch[0]], {
        selector: `${mismatch[0]}=${mismatch[1]}`,
        labels: Object.entries(templateLabels).map(([k, v]) => `${k}=${v}`).join(', ') || '–',
      });
    }
  }
  if (!template) here('error', 'missingField', ['spec', 'template'], { field: 'spec.template' });
  else checkPodSpec(here, rec(template.spec), ['spec', 'template', 'spec']);
}

function checkPodSpec(here: Here, spec: Record<string, unknown> | undefined, path: (string | number)[]): void {
  if (!spec) {
    here('error', 'missingField', path, { field: pathText(path) });
    return;
  }
  const containers = arr(spec.containers);
  if (!containers.length) here('error', 'noContainers', [...path, 'containers']);
  const names = new Set<string>();
  containers.forEach((raw, i) => {
    const container = rec(raw);
    if (!container) return;
    const cname = str(container.name);
    if (cname && !nameFollows('dns1123-label', cname)) here('error', 'invalidName', [...path, 'containers', i, 'name'], { name: cname, rule: 'dns1123-label', kind: 'container' });
    if (cname && names.has(cname)) here('error', 'duplicateContainer', [...path, 'containers', i, 'name'], { name: cname });
    if (cname) names.add(cname);
    if (!str(container.image)) here('error', 'imageMissing', [...path, 'containers', i], { container: cname ?? String(i) });
    arr(container.ports).forEach((p, j) => {
      const port = rec(p)?.containerPort;
      if (typeof port === 'number' && (port < 1 || port > 65535)) here('error', 'portRange', [...path, 'containers', i, 'ports', j, 'containerPort'], { port });
    });
  });
}

function checkService(here: Here, object: Record<string, unknown>): void {
  const spec = rec(object.spec);
  if (!spec) return;
  const type = str(spec.type) ?? 'ClusterIP';
  arr(spec.ports).forEach((raw, i) => {
    const port = rec(raw);
    if (!port) return;
    const nodePort = port.nodePort;
    if (typeof nodePort === 'number') {
      if (type !== 'NodePort' && type !== 'LoadBalancer') here('error', 'nodePortNeedsType', ['spec', 'ports', i, 'nodePort'], { type });
      else if (nodePort < 30000 || nodePort > 32767) here('error', 'nodePortRange', ['spec', 'ports', i, 'nodePort'], { port: nodePort });
    }
    if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535)) here('error', 'portRange', ['spec', 'ports', i, 'port'], { port: port.port });
    if (port.port === undefined) here('error', 'requiredField', ['spec', 'ports', i, 'port'], { field: 'port' });
  });
}

function checkBinding(here: Here, object: Record<string, unknown>): void {
  arr(object.subjects).forEach((raw, i) => {
    const subject = rec(raw);
    if (subject && str(subject.kind) === 'ServiceAccount' && !str(subject.namespace)) here('error', 'subjectNamespaceMissing', ['subjects', i], { name: str(subject.name) ?? '' });
  });
  const roleRef = rec(object.roleRef);
  if (str(roleRef?.kind) === 'ClusterRole' && str(roleRef?.name) === 'cluster-admin') {
    here('warning', 'clusterAdminBinding', ['roleRef', 'name'], {
      subjects: arr(object.subjects)
        .map((s) => str(rec(s)?.name))
        .filter(Boolean)
        .join(', '),
      kind: str(object.kind) ?? '',
    });
  }
}

/** Namespaces that must exist, and selectors that should select something, with the whole text in view. */
function crossChecks(docs: ManifestDoc[], facts: ClusterFacts, stream: ParsedStream, add: (doc: number, severity: Severity, code: string, at: { line: number; column: number }, params?: DoctorFinding['params'], extra?: Partial<DoctorFinding>) => void): void {
  const created = new Set(docs.filter((d) => d.kind === 'Namespace' && d.name).map((d) => d.name!));
  const ns = (d: ManifestDoc): string => d.namespace ?? facts.defaultNamespace ?? 'default';
  const at = (d: ManifestDoc, path: (string | number)[]): { line: number; column: number } => {
    const doc = stream.docs[d.index];
    return (doc && locate(doc, stream, path)) ?? { line: d.line, column: 1 };
  };
  // Pods that the text would make (templates and pods) plus the live ones.
  const podsIn = (namespace: string): Labels[] => [
    ...docs.filter((d) => d.kind && (APPS_WORKLOADS.has(d.kind) || d.kind === 'Pod') && ns(d) === namespace).map((d) =>
      d.kind === 'Pod' ? labelsOf(rec(d.object?.metadata)?.labels) : labelsOf(rec(rec(rec(d.object?.spec)?.template)?.metadata)?.labels),
    ),
    ...(facts.pods ?? []).filter((p) => p.namespace === namespace).map((p) => p.labels),
  ];
  for (const d of docs) {
    if (!d.kind || isClusterScoped(d.kind)) continue;
    const namespace = ns(d);
    if (facts.namespaces && !facts.namespaces.has(namespace) && !created.has(namespace)) {
      add(d.index, 'error', 'namespaceMissing', at(d, d.namespace ? ['metadata', 'namespace'] : ['metadata']), { namespace }, { path: 'metadata.namespace' });
    }
    if (d.kind === 'Service') {
      const selector = labelsOf(rec(d.object?.spec)?.selector);
      if (Object.keys(selector).length && !podsIn(namespace).some((labels) => matchesMap(selector, labels))) {
        add(d.index, 'warning', 'selectsNothing', at(d, ['spec', 'selector']), { selector: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(','), namespace }, { path: 'spec.selector' });
      }
    }
    if (d.kind === 'NetworkPolicy') {
      const podSelector = labelsOf(rec(rec(d.object?.spec)?.podSelector)?.matchLabels);
      if (Object.keys(podSelector).length && !podsIn(namespace).some((labels) => matchesMap(podSelector, labels))) {
        add(d.index, 'warning', 'selectsNothing', at(d, ['spec', 'podSelector']), { selector: Object.entries(podSelector).map(([k, v]) => `${k}=${v}`).join(','), namespace }, { path: 'spec.podSelector' });
      }
    }
  }
}
