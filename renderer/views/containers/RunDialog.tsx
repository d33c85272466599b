import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconClipboardText, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactElement, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { parseRunCommand } from '@shared/cli/containers/parse';
import { runCommand } from '@shared/cli/containers/render';
import type { FieldIssue, RunResult, RunSpecInput } from '@shared/dto/containers';
import type { PullProgress } from '@shared/dto/images';
import { errorReasons, LotseError } from '@shared/errors';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { freshOnOpen } from '../../components/freshOnOpen';
import { SubmitButton } from '../../components/SubmitButton';
import { useConcept } from '../../stores/concept';
import { exerciseLabels } from '../../stores/exercises';
import {
  emptyForm,
  fromSpec,
  issueFor,
  type KeyValueRow,
  localIssues,
  type MountRow,
  plainIssue,
  type PortRow,
  type RunForm,
  stillCurrent,
  toSpec,
} from './runForm';

interface RunDialogProps {
  opened: boolean;
  onClose: () => void;
  onDone: (result: Extract<RunResult, { ok: true }>, spec: RunSpecInput) => void;
}

const reasons = new Set<string>(errorReasons);

/** `docker run` as a form: every option of the course, its command shown as the learner types. */
function RunDialogForm({ opened, onClose, onDone }: RunDialogProps): ReactElement {
  const { t } = useTranslation('containers');
  const [form, setForm] = useState<RunForm>(emptyForm);
  const [create, setCreate] = useState(false);
  const [keep, setKeep] = useState(false);
  // The backend's answer and the spec it was about: each issue stands only while its field is unchanged.
  const [checked, setChecked] = useState<{ spec: RunSpecInput; issues: FieldIssue[] }>({ spec: toSpec(emptyForm), issues: [] });
  const [pasted, setPasted] = useState('');
  const [pasteReport, setPasteReport] = useState<{ unknown: string[]; problems: string[] } | undefined>(undefined);
  const [images, setImages] = useState<string[]>([]);
  const [networks, setNetworks] = useState<string[]>(['bridge', 'host', 'none']);
  const [volumes, setVolumes] = useState<string[]>([]);
  const [exposedOf, setExposedOf] = useState<{ image: string; ports: string[] }>({ image: '', ports: [] });
  const [busy, setBusy] = useState(false);
  const [pull, setPull] = useState<{ percent: number; status: string } | undefined>(undefined);

  // While an exercise is open, what Lotse creates carries its label, so the trainer's reset finds it.
  const spec = useMemo(() => {
    const base = toSpec(form);
    const exercise = Object.entries(exerciseLabels()).map(([key, value]) => ({ key, value }));
    return exercise.length ? { ...base, labels: [...(base.labels ?? []), ...exercise] } : base;
  }, [form]);
  const command = runCommand(spec, { create });
  const local = useMemo(() => localIssues(form, t), [form, t]);
  const shown = [...local, ...checked.issues.filter((issue) => stillCurrent(issue, checked.spec, spec))];

  // Problems the backend named (code) are said in the learner's language; others as the engine said them.
  const say = (issue: FieldIssue): string => {
    if (!issue.code) return plainIssue(issue);
    if (reasons.has(issue.code)) return `${t(`errors:reasons.${issue.code}`)} ${t(`errors:hints.${issue.code}`)} ${t('errors:original')}: ${issue.message}`;
    return t(`issues.${issue.code}`, { ...issue.params, defaultValue: plainIssue(issue) });
  };
  const problem = (field: FieldIssue['field'], index?: number): string | undefined => issueFor(shown, field, index, say);

  const blockers = [
    ...(spec.image ? [] : [t('errors:form.missing', { field: t('fields.image') })]),
    ...[...new Set(local.map((issue) => issue.field))].map((field) => t('errors:form.invalid', { field: t([`fields.${field}`, `run.sections.${field}`]) })),
  ];

  const update = <K extends keyof RunForm>(key: K, value: RunForm[K]): void => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (!opened) return;
    api.call('images.list', {}).then(
      (list) => setImages([...new Set(list.flatMap((i) => i.tags))].sort()),
      () => setImages([]),
    );
    api.call('networks.list', {}).then(
      (list) => setNetworks([...new Set(list.map((n) => n.name))].sort()),
      () => undefined,
    );
    api.call('volumes.list', {}).then(
      (list) => setVolumes(list.map((v) => v.name).sort()),
      () => undefined,
    );
  }, [opened]);

  // The engine's view of the spec (name taken, port taken, path missing...), a moment after typing stops.
  useEffect(() => {
    if (!opened || !spec.image || local.length) return undefined;
    let stale = false;
    const timer = setTimeout(() => {
      api.call('containers.check', { spec }).then(
        (found) => !stale && setChecked({ spec, issues: found }),
        () => undefined,
      );
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [opened, spec, local.length]);

  // The ports the image declares (EXPOSE) are offered for publishing.
  useEffect(() => {
    const image = form.image;
    if (!opened || !images.includes(image)) return;
    api.call('images.inspect', { ref: image }).then(
      (inspect) => setExposedOf({ image, ports: inspect.exposedPorts }),
      () => setExposedOf({ image, ports: [] }),
    );
  }, [opened, form.image, images]);
  const exposed = exposedOf.image === form.image ? exposedOf.ports : [];

  const fill = (): void => {
    const parsed = parseRunCommand(pasted);
    setForm(fromSpec(parsed.spec));
    setCreate(parsed.create);
    setPasteReport({ unknown: parsed.unknownFlags, problems: parsed.problems });
  };

  const pullImage = async (): Promise<void> => {
    const ref = form.image;
    setPull({ percent: 0, status: '' });
    const layers = new Map<string, PullProgress>();
    try {
      await perform({
        label: t('run.pull', { image: ref }),
        command: `docker pull ${ref}`,
        run: () =>
          api.call('images.pull', { ref }, {
            onProgress: (value) => {
              const p = value as PullProgress;
              if (p.id) layers.set(p.id, p);
              const all = [...layers.values()];
              const total = all.reduce((s, l) => s + (l.total ?? 0), 0);
              const current = all.reduce((s, l) => s + (l.phase === 'done' || l.phase === 'exists' ? (l.total ?? 0) : (l.current ?? 0)), 0);
              setPull({ percent: total ? (current / total) * 100 : 0, status: p.status });
            },
          }),
      });
      setImages((list) => [...new Set([...list, ref])].sort());
      setChecked((old) => ({ ...old, issues: old.issues.filter((i) => i.field !== 'image') }));
    } catch {
      // perform() told the learner.
    } finally {
      setPull(undefined);
    }
  };

  const submit = async (): Promise<void> => {
    if (local.length) return;
    setBusy(true);
    try {
      const result = await perform({
        label: create ? t('run.createLabel', { image: spec.image }) : t('run.runLabel', { image: spec.image }),
        command,
        run: async () => {
          const r = await api.call('containers.run', { spec, start: !create, keepOnFailure: keep });
          if (!r.ok) {
            setChecked({ spec, issues: r.issues });
            throw new LotseError('INVALID_PARAMS', r.issues.map(say).join(' '));
          }
          return r;
        },
      });
      onDone(result, spec);
    } catch {
      // The problems stand next to their fields.
    } finally {
      setBusy(false);
    }
  };

  const imageIssue = problem('image');
  const imageMissing = shown.some((i) => i.code === 'imageMissing');

  return (
    <Modal opened={opened} onClose={onClose} title={t('run.title')} size="80rem" data-testid="run-dialog">
      <Stack gap="md">
        <Group align="flex-end" gap="xs">
          <Textarea
            style={{ flex: 1 }}
            label={t('run.paste')}
            description={t('run.pasteHelp')}
            placeholder="docker run -d -p 8080:80 --name web nginx"
            autosize
            minRows={1}
            maxRows={4}
            value={pasted}
            onChange={(e) => setPasted(e.currentTarget.value)}
            data-testid="run-paste"
          />
          <Button variant="light" leftSection={<IconClipboardText size={16} />} onClick={fill} disabled={!pasted.trim()} data-testid="run-paste-fill">
            {t('run.fill')}
          </Button>
        </Group>
        {pasteReport && (pasteReport.unknown.length || pasteReport.problems.length) ? (
          <Alert color="orange" title={t('run.pasteReport')} data-testid="paste-report">
            {pasteReport.unknown.length ? <Text size="sm">{t('run.unknownFlags', { flags: pasteReport.unknown.join(', ') })}</Text> : null}
            {pasteReport.problems.map((p) => (
              <Text size="sm" key={p}>
                {p}
              </Text>
            ))}
          </Alert>
        ) : null}

        <Fieldset legend={t('run.sections.basics')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap={4}>
              <Autocomplete
                label={t('fields.image')}
                description={t('help.image')}
                data={images}
                limit={50}
                value={form.image}
                onChange={(v) => update('image', v)}
                error={imageIssue}
                required
                data-testid="run-image"
              />
              {imageMissing ? (
                <Button size="xs" variant="light" onClick={() => void pullImage()} loading={pull !== undefined} data-testid="run-pull">
                  {t('run.pullButton', { image: form.image })}
                </Button>
              ) : null}
              {pull ? <Progress value={pull.percent} size="sm" aria-label={pull.status} /> : null}
            </Stack>
            <TextInput label={t('fields.name')} description={t('help.name')} value={form.name} onChange={(e) => update('name', e.currentTarget.value)} error={problem('name')} data-testid="run-name" />
            <TextInput label={t('fields.command')} description={t('help.command')} value={form.command} onChange={(e) => update('command', e.currentTarget.value)} error={problem('command')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            <TextInput label={t('fields.entrypoint')} description={t('help.entrypoint')} value={form.entrypoint} onChange={(e) => update('entrypoint', e.currentTarget.value)} error={problem('entrypoint')} />
          </SimpleGrid>
          <Group mt="sm" gap="lg">
            <Switch label={t('fields.detach')} description={t('help.detach')} checked={form.detach} disabled={create} onChange={(e) => update('detach', e.currentTarget.checked)} />
            <Switch label={t('fields.interactive')} description={t('help.interactive')} checked={form.interactive && form.tty} onChange={(e) => setForm((f) => ({ ...f, interactive: e.currentTarget.checked, tty: e.currentTarget.checked }))} />
            <Switch label={t('fields.autoRemove')} description={t('help.autoRemove')} checked={form.autoRemove} onChange={(e) => update('autoRemove', e.currentTarget.checked)} error={problem('autoRemove')} />
            <Switch label={t('fields.readOnly')} description={t('help.readOnly')} checked={form.readOnly} onChange={(e) => update('readOnly', e.currentTarget.checked)} />
          </Group>
        </Fieldset>

        <Fieldset legend={<LegendWithConcept label={t('run.sections.ports')} concept="port-publishing" />}>
          <Text size="xs" c="dimmed" mb="xs">
            {t('help.ports')}
          </Text>
          {exposed.length ? (
            <Group gap="xs" mb="xs">
              <Text size="xs">{t('run.exposed')}</Text>
              {exposed.map((p) => {
                const [port = '', protocol = 'tcp'] = p.split('/');
                return (
                  <Button
                    key={p}
                    size="compact-xs"
                    variant="light"
                    onClick={() => update('ports', [...form.ports, { hostIp: '', hostPort: '', containerPort: port, protocol: protocol === 'udp' ? 'udp' : 'tcp' }])}
                  >
                    + {p}
                  </Button>
                );
              })}
            </Group>
          ) : null}
          <Rows
            rows={form.ports}
            onChange={(rows) => update('ports', rows)}
            empty={{ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' } satisfies PortRow}
            addLabel={t('run.addPort')}
            testId="run-add-port"
            render={(row, set, index) => (
              <>
                <TextInput aria-label={t('fields.hostIp')} placeholder={t('fields.hostIp')} value={row.hostIp} onChange={(e) => set({ ...row, hostIp: e.currentTarget.value })} w={150} />
                <TextInput aria-label={t('fields.hostPort')} placeholder={t('fields.hostPort')} value={row.hostPort} onChange={(e) => set({ ...row, hostPort: e.currentTarget.value })} w={120} error={problem('ports', index)} data-testid={`run-port-host-${index}`} />
                <Text>→</Text>
                <TextInput aria-label={t('fields.containerPort')} placeholder={t('fields.containerPort')} value={row.containerPort} onChange={(e) => set({ ...row, containerPort: e.currentTarget.value })} w={140} data-testid={`run-port-container-${index}`} />
                <SegmentedControl size="xs" data={['tcp', 'udp']} value={row.protocol} onChange={(v) => set({ ...row, protocol: v === 'udp' ? 'udp' : 'tcp' })} />
              </>
            )}
          />
        </Fieldset>

        <Fieldset legend={<LegendWithConcept label={t('run.sections.env')} concept="environment-variables" />}>
          <Text size="xs" c="dimmed" mb="xs">
            {t('help.env')}
          </Text>
          <KeyValueRows rows={form.env} onChange={(rows) => update('env', rows)} addLabel={t('run.addEnv')} error={(i) => problem('env', i)} testId="run-env" />
          <Textarea mt="xs" label={t('fields.envFiles')} description={t('help.envFiles')} autosize minRows={1} value={form.envFiles} onChange={(e) => update('envFiles', e.currentTarget.value)} error={shown.filter((i) => i.field === 'envFiles').map(say).join(' ') || undefined} />
        </Fieldset>

        <Fieldset legend={<LegendWithConcept label={t('run.sections.mounts')} concept="storage" />}>
          <Text size="xs" c="dimmed" mb="xs">
            {t('help.mounts')}
          </Text>
          <Rows
            rows={form.mounts}
            onChange={(rows) => update('mounts', rows)}
            empty={{ type: 'bind', source: '', target: '', readOnly: false, size: '' } satisfies MountRow}
            addLabel={t('run.addMount')}
            testId="run-add-mount"
            render={(row, set, index) => (
              <>
                <Select
                  aria-label={t('fields.mountType')}
                  data={[
                    { value: 'bind', label: t('mountTypes.bind') },
                    { value: 'volume', label: t('mountTypes.volume') },
                    { value: 'tmpfs', label: t('mountTypes.tmpfs') },
                  ]}
                  value={row.type}
                  onChange={(v) => set({ ...row, type: v === 'volume' || v === 'tmpfs' ? v : 'bind' })}
                  allowDeselect={false}
                  w={150}
                  data-testid={`run-mount-type-${index}`}
                />
                {row.type === 'volume' ? (
                  <Autocomplete
                    aria-label={t('fields.source')}
                    placeholder={t('fields.volumeName')}
                    data={volumes}
                    limit={30}
                    value={row.source}
                    onChange={(v) => set({ ...row, source: v })}
                    style={{ flex: 1 }}
                    error={problem('mounts', index)}
                    description={row.source && !volumes.includes(row.source) ? t('run.newVolume') : undefined}
                  />
                ) : row.type === 'bind' ? (
                  <TextInput
                    aria-label={t('fields.source')}
                    placeholder={t('fields.hostPath')}
                    value={row.source}
                    onChange={(e) => set({ ...row, source: e.currentTarget.value })}
                    style={{ flex: 1 }}
                    error={problem('mounts', index)}
                    data-testid={`run-mount-source-${index}`}
                  />
                ) : (
                  <TextInput aria-label={t('fields.size')} placeholder={t('fields.size')} value={row.size} onChange={(e) => set({ ...row, size: e.currentTarget.value })} w={120} error={problem('mounts', index)} />
                )}
                <Text>→</Text>
                <TextInput aria-label={t('fields.target')} placeholder={t('fields.target')} value={row.target} onChange={(e) => set({ ...row, target: e.currentTarget.value })} style={{ flex: 1 }} data-testid={`run-mount-target-${index}`} />
                {row.type !== 'tmpfs' ? <Checkbox label={t('fields.ro')} checked={row.readOnly} onChange={(e) => set({ ...row, readOnly: e.currentTarget.checked })} /> : null}
                <ActionIcon variant="subtle" aria-label={t(`mountTypes.${row.type}`)} onClick={() => useConcept.getState().show(row.type === 'bind' ? 'bind-mount' : row.type)}>
                  ?
                </ActionIcon>
              </>
            )}
          />
        </Fieldset>

        <Fieldset legend={t('run.sections.network')}>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Autocomplete label={t('fields.network')} description={t('help.network')} data={networks} value={form.network} onChange={(v) => update('network', v)} error={problem('network')} />
            <TextInput label={t('fields.networkAliases')} description={t('help.networkAliases')} value={form.networkAliases} onChange={(e) => update('networkAliases', e.currentTarget.value)} error={problem('networkAliases')} />
            <TextInput label={t('fields.hostname')} description={t('help.hostname')} value={form.hostname} onChange={(e) => update('hostname', e.currentTarget.value)} error={problem('hostname')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('run.sections.process')}>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <Select
              label={t('fields.restart')}
              description={t('help.restart')}
              data={['no', 'always', 'unless-stopped', 'on-failure']}
              value={form.restart}
              onChange={(v) => update('restart', v === 'always' || v === 'unless-stopped' || v === 'on-failure' ? v : 'no')}
              allowDeselect={false}
              error={problem('restart')}
            />
            <TextInput label={t('fields.maxRetries')} description={t('help.maxRetries')} value={form.maxRetries} disabled={form.restart !== 'on-failure'} onChange={(e) => update('maxRetries', e.currentTarget.value)} />
            <TextInput label={t('fields.user')} description={t('help.user')} value={form.user} onChange={(e) => update('user', e.currentTarget.value)} error={problem('user')} />
            <TextInput label={t('fields.workdir')} description={t('help.workdir')} value={form.workdir} onChange={(e) => update('workdir', e.currentTarget.value)} error={problem('workdir')} />
          </SimpleGrid>
          <Text size="sm" fw={500} mt="sm">
            {t('fields.labels')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('help.labels')}
          </Text>
          <KeyValueRows rows={form.labels} onChange={(rows) => update('labels', rows)} addLabel={t('run.addLabel')} error={(i) => problem('labels', i)} testId="run-label" />
        </Fieldset>

        <Fieldset legend={<LegendWithConcept label={t('run.sections.limits')} concept="resource-limits" />}>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <TextInput label={t('fields.memory')} description={t('help.memory')} placeholder="256m" value={form.memory} onChange={(e) => update('memory', e.currentTarget.value)} error={problem('memory')} data-testid="run-memory" />
            <TextInput label={t('fields.memorySwap')} description={t('help.memorySwap')} placeholder="512m" value={form.memorySwap} onChange={(e) => update('memorySwap', e.currentTarget.value)} error={problem('memorySwap')} />
            <TextInput label={t('fields.cpuShares')} description={t('help.cpuShares')} placeholder="1024" value={form.cpuShares} onChange={(e) => update('cpuShares', e.currentTarget.value)} error={problem('cpuShares')} />
            <TextInput label={t('fields.cpus')} description={t('help.cpus')} placeholder="0.5" value={form.cpus} onChange={(e) => update('cpus', e.currentTarget.value)} error={problem('cpus')} />
          </SimpleGrid>
        </Fieldset>

        <Stack gap={4} pos="sticky" bottom={0} bg="var(--mantine-color-body)" py="xs" style={{ zIndex: 3 }}>
          <Text size="xs" c="dimmed">
            {t('run.commandHelp')}
          </Text>
          <div data-testid="run-command">
            <CommandLine command={command} />
          </div>
          <Group justify="space-between">
            <Group gap="lg">
              <Checkbox label={t('run.createOnly')} description={t('run.createOnlyHelp')} checked={create} onChange={(e) => setCreate(e.currentTarget.checked)} />
              <Checkbox label={t('run.keep')} description={t('run.keepHelp')} checked={keep} onChange={(e) => setKeep(e.currentTarget.checked)} />
            </Group>
            <Group gap="xs" align="flex-start">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <SubmitButton onClick={() => void submit()} loading={busy} blockers={blockers} testId="run-submit">
                {create ? t('run.create') : t('run.run')}
              </SubmitButton>
            </Group>
          </Group>
        </Stack>
      </Stack>
    </Modal>
  );
}

export const RunDialog = freshOnOpen(RunDialogForm);

function LegendWithConcept({ label, concept }: { label: string; concept: string }): ReactElement {
  return (
    <Group gap={6}>
      <span>{label}</span>
      <ActionIcon size="xs" variant="subtle" aria-label={label} onClick={() => useConcept.getState().show(concept)}>
        ?
      </ActionIcon>
    </Group>
  );
}

function Rows<T>(props: {
  rows: T[];
  onChange: (rows: T[]) => void;
  empty: T;
  addLabel: string;
  testId?: string;
  render: (row: T, set: (row: T) => void, index: number) => ReactNode;
}): ReactElement {
  const { rows, onChange } = props;
  return (
    <Stack gap={6}>
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          {props.render(row, (next) => onChange(rows.map((r, i) => (i === index ? next : r))), index)}
          <ActionIcon variant="subtle" color="red" aria-label="−" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, props.empty])} w="fit-content" data-testid={props.testId}>
        {props.addLabel}
      </Button>
    </Stack>
  );
}

function KeyValueRows(props: {
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  addLabel: string;
  error: (index: number) => string | undefined;
  testId: string;
}): ReactElement {
  const { rows, onChange, addLabel, error, testId } = props;
  return (
    <Rows
      rows={rows}
      onChange={onChange}
      empty={{ key: '', value: '' }}
      addLabel={addLabel}
      testId={`${testId}-add`}
      render={(row, set, index) => (
        <>
          <TextInput aria-label="key" placeholder="KEY" value={row.key} onChange={(e) => set({ ...row, key: e.currentTarget.value })} w={220} error={error(index)} ff="monospace" data-testid={`${testId}-key-${index}`} />
          <Text>=</Text>
          <TextInput aria-label="value" placeholder="value" value={row.value} onChange={(e) => set({ ...row, value: e.currentTarget.value })} style={{ flex: 1 }} ff="monospace" data-testid={`${testId}-value-${index}`} />
        </>
      )}
    />
  );
}
