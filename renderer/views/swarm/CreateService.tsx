import { Accordion, Alert, Button, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { parsePublish, parseServiceCreate, parseServiceMount, renderMount, renderPublish, serviceCreateCommand } from '@shared/cli/swarm';
import { shellWords } from '@shared/cli/shell';
import type { NetworkSummary } from '@shared/dto/networks';
import { ServiceForm, type ServiceFormInput, type UpdatePolicy } from '@shared/dto/swarm';
import { checkImageReference } from '@shared/rules/names';
import { checkServiceName } from '@shared/rules/swarm-names';
import { type ServiceField, serviceFormIssues } from '@shared/rules/swarm-spec';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { sayNameIssue } from '../../components/errorText';
import { freshOnOpen } from '../../components/freshOnOpen';
import { parseLabels } from '../../components/labels';
import { SubmitButton } from '../../components/SubmitButton';
import { exerciseLabels } from '../../stores/exercises';
import { useSwarm } from '../../stores/swarm';
import { PolicyFields } from './ServiceActions';

const DEFAULT_POLICY: UpdatePolicy = { parallelism: 1, delay: '0s', failureAction: 'pause', monitor: '5s', maxFailureRatio: 0, order: 'stop-first' };

/** The form as typed: list fields in the CLI's own syntax (published=8080,target=80; type=volume,…). */
interface Draft {
  name: string;
  image: string;
  mode: 'replicated' | 'global';
  replicas: number | string;
  command: string;
  env: string[];
  publish: string[];
  mounts: string[];
  networks: string[];
  constraints: string[];
  placementPrefs: string[];
  maxReplicasPerNode: number | string;
  limitCpus: string;
  limitMemory: string;
  reserveCpus: string;
  reserveMemory: string;
  restartCondition: 'any' | 'on-failure' | 'none';
  restartDelay: string;
  restartMaxAttempts: number | string;
  update: UpdatePolicy;
  rollback: UpdatePolicy;
  stopGracePeriod: string;
  labels: string[];
}

const EMPTY: Draft = {
  name: '',
  image: '',
  mode: 'replicated',
  replicas: 1,
  command: '',
  env: [],
  publish: [],
  mounts: [],
  networks: [],
  constraints: [],
  placementPrefs: [],
  maxReplicasPerNode: 0,
  limitCpus: '',
  limitMemory: '',
  reserveCpus: '',
  reserveMemory: '',
  restartCondition: 'any',
  restartDelay: '5s',
  restartMaxAttempts: 0,
  update: DEFAULT_POLICY,
  rollback: DEFAULT_POLICY,
  stopGracePeriod: '',
  labels: [],
};

const num = (v: number | string): number => (typeof v === 'number' ? v : 0);
const quoteWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'"'"'`)}'`);

/** The draft as the contract's form (list fields parsed; what does not parse is left out and marked). */
function toForm(draft: Draft): ServiceFormInput {
  const pairs = (items: string[]): { key: string; value: string }[] => Object.entries(parseLabels(items)).map(([key, value]) => ({ key, value }));
  return {
    name: draft.name.trim(),
    image: draft.image.trim(),
    mode: draft.mode,
    replicas: num(draft.replicas),
    command: shellWords(draft.command),
    env: pairs(draft.env),
    publish: draft.publish.map(parsePublish).filter((p) => p !== undefined),
    mounts: draft.mounts.map(parseServiceMount).filter((m) => m !== undefined),
    networks: draft.networks,
    constraints: draft.constraints,
    placementPrefs: draft.placementPrefs,
    maxReplicasPerNode: num(draft.maxReplicasPerNode),
    limits: { ...(draft.limitCpus ? { cpus: draft.limitCpus } : {}), ...(draft.limitMemory ? { memory: draft.limitMemory } : {}) },
    reservations: { ...(draft.reserveCpus ? { cpus: draft.reserveCpus } : {}), ...(draft.reserveMemory ? { memory: draft.reserveMemory } : {}) },
    restart: { condition: draft.restartCondition, delay: draft.restartDelay, maxAttempts: num(draft.restartMaxAttempts), window: '0s' },
    update: draft.update,
    rollback: draft.rollback,
    ...(draft.stopGracePeriod.trim() ? { stopGracePeriod: draft.stopGracePeriod.trim() } : {}),
    // While an exercise is open, what Lotse creates carries its label, so the trainer's reset finds it.
    labels: pairs([...Object.entries(exerciseLabels()).map(([k, v]) => `${k}=${v}`), ...draft.labels]),
  };
}

/** A pasted command back into the draft. */
function fromForm(form: ServiceFormInput): Draft {
  const f = ServiceForm.safeParse({ ...form, name: form.name || 'x', image: form.image || 'x' });
  const full = f.success ? f.data : undefined;
  return {
    ...EMPTY,
    name: form.name,
    image: form.image,
    mode: form.mode ?? 'replicated',
    replicas: form.replicas ?? 1,
    command: (form.command ?? []).map(quoteWord).join(' '),
    env: (form.env ?? []).map((e) => `${e.key}=${e.value}`),
    publish: (form.publish ?? []).map((p) => renderPublish(p)),
    mounts: (form.mounts ?? []).map((m) => renderMount(m)),
    networks: form.networks ?? [],
    constraints: form.constraints ?? [],
    placementPrefs: form.placementPrefs ?? [],
    maxReplicasPerNode: form.maxReplicasPerNode ?? 0,
    limitCpus: form.limits?.cpus ?? '',
    limitMemory: form.limits?.memory ?? '',
    reserveCpus: form.reservations?.cpus ?? '',
    reserveMemory: form.reservations?.memory ?? '',
    restartCondition: full?.restart.condition ?? 'any',
    restartDelay: full?.restart.delay ?? '5s',
    restartMaxAttempts: full?.restart.maxAttempts ?? 0,
    update: full?.update ?? DEFAULT_POLICY,
    rollback: full?.rollback ?? DEFAULT_POLICY,
    stopGracePeriod: form.stopGracePeriod ?? '',
    labels: (form.labels ?? []).map((l) => (l.value ? `${l.key}=${l.value}` : l.key)),
  };
}

/** `docker service create` as a form: the command follows every change, and a pasted command fills the form. */
function CreateServiceDialog({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const services = useSwarm((s) => s.snapshot?.services ?? []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [networks, setNetworks] = useState<NetworkSummary[]>([]);
  const [paste, setPaste] = useState('');
  const [pasted, setPasted] = useState<{ unknownFlags: string[]; problems: string[] } | undefined>(undefined);
  const { busy, error, submit } = useSubmit(draft);
  useEffect(() => {
    if (opened) void api.call('networks.list', {}).then(setNetworks, () => undefined);
  }, [opened]);
  const set = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });

  const form = toForm(draft);
  const command = serviceCreateCommand(form);
  const nameIssue = form.name ? checkServiceName(form.name) : null;
  const imageIssue = form.image ? checkImageReference(form.image) : null;
  const issues = serviceFormIssues(form, {
    serviceNames: services.map((s) => s.name),
    networks: networks.map((n) => ({ id: n.id, name: n.name, driver: n.driver, scope: n.scope })),
  });
  const unparsed = [
    ...draft.publish.filter((p) => !parsePublish(p)).map((text) => ({ field: 'publish' as const, text })),
    ...draft.mounts.filter((m) => !parseServiceMount(m)).map((text) => ({ field: 'mounts' as const, text })),
  ];
  const problem = (field: ServiceField, part?: string): string | undefined => {
    if (field === 'name' && nameIssue) return sayNameIssue(nameIssue, 'name', t);
    if (field === 'image' && imageIssue) return sayNameIssue(imageIssue, 'reference', t);
    const bad = unparsed.find((u) => u.field === field);
    if (bad) return t(`issues.unparsed.${bad.field}`, { text: bad.text });
    const found = issues.find((i) => i.field === field && (part === undefined || i.part === part));
    if (found) return t(`issues.${found.code}`, { ...found.params });
    const refused = error?.issues?.find((i) => i.path[0] === 'form' && i.path[1] === field);
    return refused ? t(`issues.${String(refused.params?.code ?? 'invalid')}`, { defaultValue: t('errors:value.invalid') }) : undefined;
  };
  const fields: ServiceField[] = ['name', 'image', 'env', 'publish', 'mounts', 'networks', 'constraints', 'placementPrefs', 'limits', 'reservations', 'restart', 'update', 'rollback', 'stopGracePeriod', 'labels'];
  const blockers = [
    ...(form.name ? [] : [t('errors:form.missing', { field: t('create.fields.name') })]),
    ...(form.image ? [] : [t('errors:form.missing', { field: t('create.fields.image') })]),
    ...fields.filter((f) => problem(f)).map((f) => t('errors:form.invalid', { field: t(`create.fields.${f}`) })),
  ];

  const fill = (): void => {
    const parsed = parseServiceCreate(paste);
    setDraft(fromForm(parsed.form));
    setPasted({ unknownFlags: parsed.unknownFlags, problems: parsed.problems });
  };
  const create = async (): Promise<void> => {
    let warnings: string[] = [];
    const ok = await submit(async () => {
      const result = await perform({ label: t('create.action', { name: form.name }), command, run: () => api.call('swarm.services.create', { form }) });
      warnings = result.warnings;
    });
    if (!ok) return;
    for (const warning of warnings) notifications.show({ color: 'yellow', title: t('create.warningTitle'), message: t(`create.warnings.${warning}`, { image: form.image }) });
    onClose();
  };
  const swarmNetworks = networks.filter((n) => n.scope === 'swarm' && n.name !== 'ingress');

  return (
    <Modal opened={opened} onClose={onClose} title={t('create.title')} size="xl">
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <Textarea label={t('create.paste')} description={t('create.pasteHelp')} autosize minRows={1} maxRows={4} style={{ flex: 1 }} value={paste} onChange={(e) => setPaste(e.currentTarget.value)} data-testid="service-paste" />
          <Button variant="light" onClick={fill} disabled={!paste.trim()} data-testid="service-paste-fill">
            {t('create.fill')}
          </Button>
        </Group>
        {pasted && (pasted.unknownFlags.length || pasted.problems.length) ? (
          <Alert color="yellow" data-testid="service-paste-notes">
            {pasted.problems.map((p) => (
              <Text key={p} size="xs">
                {p}
              </Text>
            ))}
            {pasted.unknownFlags.length ? <Text size="xs">{t('create.unknownFlags', { flags: pasted.unknownFlags.join(' ') })}</Text> : null}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label={t('create.fields.name')} value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={problem('name')} data-testid="service-name" data-autofocus />
          <TextInput label={t('create.fields.image')} description={t('create.imageHelp')} value={draft.image} onChange={(e) => set({ image: e.currentTarget.value })} error={problem('image')} data-testid="service-image" />
        </SimpleGrid>
        <Group align="flex-end">
          <SegmentedControl
            value={draft.mode}
            onChange={(mode) => set({ mode: mode })}
            data={[
              { value: 'replicated', label: t('services.modes.replicated') },
              { value: 'global', label: t('services.modes.global') },
            ]}
            data-testid="service-mode"
          />
          {draft.mode === 'replicated' ? (
            <NumberInput label={t('create.fields.replicas')} min={0} max={1000} w={140} value={draft.replicas} onChange={(replicas) => set({ replicas })} data-testid="service-replicas" />
          ) : (
            <Text size="xs" c="dimmed" maw={420}>
              {t('create.globalHelp')}
            </Text>
          )}
        </Group>
        <TextInput label={t('create.command')} description={t('create.commandHelp')} value={draft.command} onChange={(e) => set({ command: e.currentTarget.value })} data-testid="service-command" />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TagsInput label={t('create.fields.publish')} description={t('create.publishHelp')} placeholder="published=8080,target=80" value={draft.publish} onChange={(publish) => set({ publish })} error={problem('publish')} data-testid="service-publish" />
          <TagsInput label={t('create.fields.env')} placeholder="KEY=value" value={draft.env} onChange={(env) => set({ env })} error={problem('env')} />
          <TagsInput label={t('create.fields.mounts')} description={t('create.mountsHelp')} placeholder="type=volume,source=data,target=/data" value={draft.mounts} onChange={(mounts) => set({ mounts })} error={problem('mounts')} />
          <MultiSelect
            label={t('create.fields.networks')}
            description={t('create.networksHelp')}
            data={swarmNetworks.map((n) => ({ value: n.name, label: `${n.name}${n.attachable ? ` (${t('create.attachable')})` : ''}` }))}
            value={draft.networks}
            onChange={(networks) => set({ networks })}
            error={problem('networks')}
            data-testid="service-networks"
          />
        </SimpleGrid>
        <Accordion variant="contained" multiple>
          <Accordion.Item value="placement">
            <Accordion.Control>{t('create.placement')}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <TagsInput label={t('create.fields.constraints')} description={t('create.constraintsHelp')} placeholder="node.role==worker" value={draft.constraints} onChange={(constraints) => set({ constraints })} error={problem('constraints')} />
                <TagsInput label={t('create.fields.placementPrefs')} placeholder="spread=node.labels.zone" value={draft.placementPrefs} onChange={(placementPrefs) => set({ placementPrefs })} error={problem('placementPrefs')} />
                <NumberInput label={t('create.maxPerNode')} min={0} max={1000} w={200} value={draft.maxReplicasPerNode} onChange={(maxReplicasPerNode) => set({ maxReplicasPerNode })} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="resources">
            <Accordion.Control>{t('create.resources')}</Accordion.Control>
            <Accordion.Panel>
              <SimpleGrid cols={4}>
                <TextInput label={t('create.limitCpus')} placeholder="0.5" value={draft.limitCpus} onChange={(e) => set({ limitCpus: e.currentTarget.value })} error={problem('limits', 'cpus')} />
                <TextInput label={t('create.limitMemory')} placeholder="128m" value={draft.limitMemory} onChange={(e) => set({ limitMemory: e.currentTarget.value })} error={problem('limits', 'memory')} />
                <TextInput label={t('create.reserveCpus')} value={draft.reserveCpus} onChange={(e) => set({ reserveCpus: e.currentTarget.value })} error={problem('reservations', 'cpus')} />
                <TextInput label={t('create.reserveMemory')} value={draft.reserveMemory} onChange={(e) => set({ reserveMemory: e.currentTarget.value })} error={problem('reservations', 'memory')} />
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={4}>
                {t('create.resourcesHelp')}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="restart">
            <Accordion.Control>{t('create.restart')}</Accordion.Control>
            <Accordion.Panel>
              <SimpleGrid cols={4}>
                <Select label={t('create.restartCondition')} data={['any', 'on-failure', 'none']} value={draft.restartCondition} allowDeselect={false} onChange={(v) => v && set({ restartCondition: v })} />
                <TextInput label={t('create.restartDelay')} value={draft.restartDelay} onChange={(e) => set({ restartDelay: e.currentTarget.value })} error={problem('restart', 'delay')} />
                <NumberInput label={t('create.restartMax')} min={0} value={draft.restartMaxAttempts} onChange={(restartMaxAttempts) => set({ restartMaxAttempts })} />
                <TextInput label={t('create.fields.stopGracePeriod')} placeholder="10s" value={draft.stopGracePeriod} onChange={(e) => set({ stopGracePeriod: e.currentTarget.value })} error={problem('stopGracePeriod')} data-testid="service-stop-grace" />
              </SimpleGrid>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="update">
            <Accordion.Control>{t('create.fields.update')}</Accordion.Control>
            <Accordion.Panel>
              <PolicyFields value={draft.update} onChange={(update) => set({ update })} error={(part) => problem('update', part)} testPrefix="create-update" />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="rollback">
            <Accordion.Control>{t('create.fields.rollback')}</Accordion.Control>
            <Accordion.Panel>
              <PolicyFields value={draft.rollback} onChange={(rollback) => set({ rollback })} error={(part) => problem('rollback', part)} testPrefix="create-rollback" rollback />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <TagsInput label={t('create.fields.labels')} placeholder="team=web" value={draft.labels} onChange={(labels) => set({ labels })} error={problem('labels')} data-testid="service-labels" />
        <CommandLine command={command} />
        {error && !error.issues?.length ? <ErrorNotice error={error} /> : null}
        <Group justify="flex-end" align="flex-start">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <SubmitButton blockers={blockers} loading={busy} testId="service-create-submit" onClick={() => void create()}>
            {t('create.submit')}
          </SubmitButton>
        </Group>
      </Stack>
    </Modal>
  );
}

export const CreateServiceModal = freshOnOpen(CreateServiceDialog);
