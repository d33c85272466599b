import type { LabelSelector } from 'kubernetes-types/meta/v1';

import type { KObject } from '../types';

/** Label and field selectors: the query-string syntax and LabelSelector objects. */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' }
  | { key: string; op: 'gt' | 'lt'; value: number };

export class SelectorError extends Error {}

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 317) throw new SelectorError(`unable to parse requirement: invalid label key "${key}"`);
  return key;
}
function checkValue(value: string): string {
  if (!VALUE.test(value) || value.length > 63) throw new SelectorError(`unable to parse requirement: invalid label value: "${value}"`);
  return value;
}

/** Splits at commas outside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

/** Parses `app=web,tier!=db,env in (a,b),!legacy`. */
export function parseLabelSelector(text: string | null | undefined): Requirement[] {
  if (!text) return [];
  return splitTerms(text).map((term): Requirement => {
    let m = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (m) {
      const values = (m[3] ?? '').split(',').map((v) => checkValue(v.trim()));
      return { key: checkKey(m[1] ?? ''), op: m[2] as 'in' | 'notin', values };
    }
    m = /^!\s*(\S+)$/.exec(term);
    if (m) return { key: checkKey(m[1] ?? ''), op: 'doesnotexist' };
    m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/.exec(term);
    if (m) {
      const key = checkKey(m[1] ?? '');
      const value = m[3] ?? '';
      if (m[2] === '>' || m[2] === '<') {
        const n = Number(value);
        if (!Number.isInteger(n)) throw new SelectorError(`unable to parse requirement: for 'gt', 'lt' operators, the value must be an integer`);
        return { key, op: m[2] === '>' ? 'gt' : 'lt', value: n };
      }
      return { key, op: m[2] === '!=' ? 'notin' : 'in', values: [checkValue(value)] };
    }
    if (/^\S+$/.test(term)) return { key: checkKey(term), op: 'exists' };
    throw new SelectorError(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

export function matchesRequirements(requirements: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const value = l[r.key];
    switch (r.op) {
      case 'in':
        return has && r.values.includes(value ?? '');
      case 'notin':
        return !has || !r.values.includes(value ?? '');
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has) return false;
        const n = Number(value);
        return Number.isInteger(n) && (r.op === 'gt' ? n > r.value : n < r.value);
      }
    }
    return false;
  });
}

/** Requirements of a LabelSelector object (matchLabels and matchExpressions). */
export function requirementsOf(selector: LabelSelector | undefined | null): Requirement[] {
  if (!selector) return [];
  const out: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, op: 'in', values: [value] }));
  for (const e of selector.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') out.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') out.push({ key: e.key, op: 'exists' });
    else if (op === 'doesnotexist') out.push({ key: e.key, op: 'doesnotexist' });
  }
  return out;
}

/** A LabelSelector object: an empty one matches everything, a missing one nothing (as for PDBs and NetworkPolicies). */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  return matchesRequirements(requirementsOf(selector), labels);
}

/** A Service's or ReplicaSet's plain map selector; an empty map selects nothing. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  if (!selector) return '<none>';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In' || op === 'NotIn') parts.push(`${e.key} ${op.toLowerCase()} (${(e.values ?? []).join(',')})`);
    else if (op === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

// ---------------------------------------------------------------------------------------------------------
// field selectors

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

type FieldGetter = (o: KObject) => string | undefined;
const get = (path: string): FieldGetter => (o) => {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return undefined;
  return typeof cur === 'string' ? cur : typeof cur === 'number' || typeof cur === 'boolean' ? String(cur) : undefined;
};

const COMMON = ['metadata.name', 'metadata.namespace'];
/** The fields each resource can be selected by, as the real API server allows them. */
const FIELDS: Record<string, string[]> = {
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  secrets: ['type'],
  'apps/replicasets': ['status.replicas'],
};

const SPECIAL: Record<string, FieldGetter> = {
  source: (o) => get('source.component')(o) ?? get('reportingComponent')(o) ?? '',
  'spec.unschedulable': (o) => String(get('spec.unschedulable')(o) ?? 'false'),
  'spec.hostNetwork': (o) => String(get('spec.hostNetwork')(o) ?? 'false'),
};

export function parseFieldSelector(text: string | null | undefined, resource: string): FieldRequirement[] {
  if (!text) return [];
  const allowed = [...COMMON, ...(FIELDS[resource] ?? [])];
  return splitTerms(text).map((term) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = m[1] ?? '';
    if (!allowed.includes(field)) throw new SelectorError(`field label not supported: ${field}`);
    return { field, value: m[3] ?? '', negate: m[2] === '!=' };
  });
}

export function matchesFields(requirements: FieldRequirement[], object: KObject): boolean {
  return requirements.every((r) => {
    const value = (SPECIAL[r.field] ?? get(r.field))(object) ?? '';
    return r.negate ? value !== r.value : value === r.value;
  });
}
