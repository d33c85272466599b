import { shellQuote, shellWords } from '@shared/cli/shell';
import type { FieldIssue, MountSpec, RestartPolicyName, RunSpecInput } from '@shared/dto/containers';
import { checkContainerName, checkImageRef, checkNetworkRef, checkVolumeName } from '@shared/rules/names';

import { sayNameIssue, type Translate } from '../../../components/errorText';

export interface PortRow {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}
export interface MountRow {
  type: 'bind' | 'volume' | 'tmpfs';
  source: string;
  target: string;
  readOnly: boolean;
  size: string;
}
export interface KeyValueRow {
  key: string;
  value: string;
}

/** The dialog's fields as the learner types them (text everywhere); toSpec turns them into a run spec. */
export interface RunForm {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  detach: boolean;
  interactive: boolean;
  tty: boolean;
  autoRemove: boolean;
  readOnly: boolean;
  ports: PortRow[];
  env: KeyValueRow[];
  envFiles: string;
  mounts: MountRow[];
  network: string;
  networkAliases: string;
  hostname: string;
  restart: RestartPolicyName;
  maxRetries: string;
  user: string;
  workdir: string;
  labels: KeyValueRow[];
  memory: string;
  memorySwap: string;
  cpuShares: string;
  cpus: string;
}

export const emptyForm: RunForm = {
  image: '',
  name: '',
  command: '',
  entrypoint: '',
  detach: true,
  interactive: false,
  tty: false,
  autoRemove: false,
  readOnly: false,
  ports: [],
  env: [],
  envFiles: '',
  mounts: [],
  network: '',
  networkAliases: '',
  hostname: '',
  restart: 'no',
  maxRetries: '',
  user: '',
  workdir: '',
  labels: [],
  memory: '',
  memorySwap: '',
  cpuShares: '',
  cpus: '',
};

const list = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

function toMount(row: MountRow): MountSpec {
  if (row.type === 'tmpfs') return row.size.trim() ? { type: 'tmpfs', target: row.target.trim(), size: row.size.trim() } : { type: 'tmpfs', target: row.target.trim() };
  if (row.type === 'volume' && !row.source.trim()) return { type: 'volume', target: row.target.trim(), readOnly: row.readOnly };
  return { type: row.type, source: row.source.trim(), target: row.target.trim(), readOnly: row.readOnly };
}

/** Empty fields are left out, so the command shows only what the learner set. */
export function toSpec(form: RunForm): RunSpecInput {
  const text = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);
  const spec: RunSpecInput = {
    image: form.image.trim(),
    command: shellWords(form.command),
    detach: form.detach,
    interactive: form.interactive,
    tty: form.tty,
    autoRemove: form.autoRemove,
    readOnly: form.readOnly,
    ports: form.ports
      .filter((p) => p.containerPort.trim())
      .map((p) => ({
        ...(p.hostIp.trim() ? { hostIp: p.hostIp.trim() } : {}),
        ...(p.hostPort.trim() ? { hostPort: Number(p.hostPort) } : {}),
        containerPort: Number(p.containerPort),
        protocol: p.protocol,
      })),
    env: form.env.filter((e) => e.key.trim()).map((e) => ({ key: e.key.trim(), value: e.value })),
    envFiles: list(form.envFiles, /\n/),
    mounts: form.mounts.filter((m) => m.target.trim()).map(toMount),
    networkAliases: list(form.networkAliases, /[,\s]+/),
    restart: form.restart === 'on-failure' && /^\d+$/.test(form.maxRetries) ? { name: 'on-failure', maxRetries: Number(form.maxRetries) } : { name: form.restart },
    labels: form.labels.filter((l) => l.key.trim()).map((l) => ({ key: l.key.trim(), value: l.value })),
  };
  const optional: [keyof RunSpecInput, string][] = [
    ['name', form.name],
    ['network', form.network],
    ['hostname', form.hostname],
    ['user', form.user],
    ['workdir', form.workdir],
    ['memory', form.memory],
    ['memorySwap', form.memorySwap],
    ['cpus', form.cpus],
  ];
  for (const [key, value] of optional) {
    const v = text(value);
    if (v !== undefined) (spec as Record<string, unknown>)[key] = v;
  }
  if (form.entrypoint.trim()) spec.entrypoint = form.entrypoint.trim();
  if (/^\d+$/.test(form.cpuShares.trim())) spec.cpuShares = Number(form.cpuShares.trim());
  return spec;
}

/** A parsed (pasted) command back into the dialog's fields. */
export function fromSpec(spec: RunSpecInput): RunForm {
  return {
    ...emptyForm,
    image: spec.image,
    name: spec.name ?? '',
    command: (spec.command ?? []).map(shellQuote).join(' '),
    entrypoint: spec.entrypoint ?? '',
    detach: spec.detach ?? true,
    interactive: spec.interactive ?? false,
    tty: spec.tty ?? false,
    autoRemove: spec.autoRemove ?? false,
    readOnly: spec.readOnly ?? false,
    ports: (spec.ports ?? []).map((p) => ({
      hostIp: p.hostIp ?? '',
      hostPort: p.hostPort === undefined ? '' : String(p.hostPort),
      containerPort: String(p.containerPort),
      protocol: p.protocol ?? 'tcp',
    })),
    env: (spec.env ?? []).map((e) => ({ ...e })),
    envFiles: (spec.envFiles ?? []).join('\n'),
    mounts: (spec.mounts ?? []).map((m) =>
      m.type === 'tmpfs'
        ? { type: 'tmpfs', source: '', target: m.target, readOnly: false, size: m.size ?? '' }
        : { type: m.type, source: m.source ?? '', target: m.target, readOnly: m.readOnly ?? false, size: '' },
    ),
    network: spec.network ?? '',
    networkAliases: (spec.networkAliases ?? []).join(', '),
    hostname: spec.hostname ?? '',
    restart: spec.restart?.name ?? 'no',
    maxRetries: spec.restart?.maxRetries === undefined ? '' : String(spec.restart.maxRetries),
    user: spec.user ?? '',
    workdir: spec.workdir ?? '',
    labels: (spec.labels ?? []).map((l) => ({ ...l })),
    memory: spec.memory ?? '',
    memorySwap: spec.memorySwap ?? '',
    cpuShares: spec.cpuShares === undefined ? '' : String(spec.cpuShares),
    cpus: spec.cpus ?? '',
  };
}

/** An issue in the backend's words: message and what to do. */
export function plainIssue(issue: FieldIssue): string {
  return issue.hint ? `${issue.message} ${issue.hint}` : issue.message;
}

/** The problem for a field (and row), joined when there are several. */
export function issueFor(
  issues: FieldIssue[],
  field: FieldIssue['field'],
  index?: number,
  say: (issue: FieldIssue) => string = plainIssue,
): string | undefined {
  const found = issues.filter((i) => i.field === field && (index === undefined ? i.index === undefined : i.index === index));
  if (!found.length) return undefined;
  return found.map(say).join(' ');
}

const isPort = (text: string): boolean => /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;

/**
 * What the dialog sees by itself, said in the learner's language: the contract's naming rules
 * (image, name, volume, network) and numbers typed into text fields.
 */
export function localIssues(form: RunForm, t: Translate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: FieldIssue['field'], message: string, index?: number): void => {
    issues.push(index === undefined ? { field, message } : { field, index, message });
  };
  const image = form.image.trim();
  const imageIssue = image ? checkImageRef(image) : null;
  if (imageIssue) add('image', sayNameIssue(imageIssue, 'reference', t));
  const name = form.name.trim();
  const nameIssue = name ? checkContainerName(name) : null;
  if (nameIssue) add('name', sayNameIssue(nameIssue, 'name', t));
  form.ports.forEach((p, index) => {
    if ((p.hostPort && !isPort(p.hostPort)) || (p.containerPort && !isPort(p.containerPort))) add('ports', t('containers:issues.portRange'), index);
  });
  form.mounts.forEach((m, index) => {
    const volumeIssue = m.type === 'volume' && m.source.trim() ? checkVolumeName(m.source.trim()) : null;
    if (volumeIssue) add('mounts', sayNameIssue(volumeIssue, 'name', t), index);
  });
  const network = form.network.trim();
  const networkIssue = network ? checkNetworkRef(network) : null;
  if (networkIssue) add('network', sayNameIssue(networkIssue, 'name', t));
  if (form.cpuShares.trim() && !/^\d+$/.test(form.cpuShares.trim())) add('cpuShares', t('containers:issues.cpuSharesWhole'));
  if (form.restart === 'on-failure' && form.maxRetries && !/^\d+$/.test(form.maxRetries)) add('restart', t('containers:issues.retriesWhole'));
  return issues;
}

/** The part of a spec an issue is about (the field, or its row). */
function partOf(spec: RunSpecInput, issue: FieldIssue): string {
  const value = spec[issue.field];
  return JSON.stringify(issue.index !== undefined && Array.isArray(value) ? value[issue.index] : value);
}

/**
 * Whether an issue found for an earlier spec still speaks about what the form holds now: once the
 * learner changes the field (or its row), its old answer goes until the field is checked again.
 */
export function stillCurrent(issue: FieldIssue, checked: RunSpecInput, now: RunSpecInput): boolean {
  return partOf(checked, issue) === partOf(now, issue);
}
