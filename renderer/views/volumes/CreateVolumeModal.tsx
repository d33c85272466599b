import { Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { createVolumeCommand } from '@shared/cli/volumes';
import { CreateVolume } from '@shared/dto/volumes';
import { paramIssues } from '@shared/errors';
import { checkVolumeName } from '@shared/rules/names';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { sayNameIssue, sayParamProblem } from '../../components/errorText';
import { freshOnOpen } from '../../components/freshOnOpen';
import { parseLabels } from '../../components/labels';
import { SubmitButton } from '../../components/SubmitButton';
import { exerciseLabels } from '../../stores/exercises';

/** `docker volume create` as a form: name (or none for an anonymous one), driver, options, labels. */
function CreateVolumeDialog({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation('volumes');
  const [form, setForm] = useState({ name: '', driver: 'local', options: [] as string[], labels: [] as string[] });
  const { busy, error, submit: run } = useSubmit(form);
  const request = {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    driver: form.driver.trim() || 'local',
    options: parseLabels(form.options),
    // While an exercise is open, what Lotse creates carries its label, so the trainer's reset finds it.
    labels: { ...exerciseLabels(), ...parseLabels(form.labels) },
  };
  // The contract's rules, checked as the learner types: the name by the naming rule, the rest by the schema.
  const nameIssue = request.name === undefined ? null : checkVolumeName(request.name);
  const parsed = CreateVolume.safeParse(request);
  const refused = [...(parsed.success ? [] : paramIssues(parsed.error, request)), ...(error?.issues ?? [])];
  const fields = ['name', 'driver', 'options', 'labels'] as const;
  const problem = (field: (typeof fields)[number]): string | undefined => {
    if (field === 'name' && nameIssue) return sayNameIssue(nameIssue, 'name', t);
    const found = refused.find((issue) => issue.path[0] === field);
    return found ? sayParamProblem(found, t) : undefined;
  };
  const blockers = fields.filter((field) => problem(field)).map((field) => t('errors:form.invalid', { field: t(`create.${field}`) }));
  // Refused values stand at their fields; whatever has no field goes above the buttons.
  const placed = error?.issues?.length && error.issues.every((issue) => fields.some((field) => field === issue.path[0]));
  const unplaced = error && !placed ? error : undefined;
  const command = createVolumeCommand(request);

  const submit = async (): Promise<void> => {
    const created = await run(() => perform({ label: t('create.action', { name: request.name ?? '' }), command, run: () => api.call('volumes.create', request) }));
    if (created) onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('create.title')} size="lg">
      <Stack gap="sm">
        <TextInput label={t('create.name')} description={t('create.nameHelp')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={problem('name')} data-autofocus data-testid="volume-name" />
        <TextInput label={t('create.driver')} value={form.driver} onChange={(e) => setForm({ ...form, driver: e.currentTarget.value })} error={problem('driver')} />
        <TagsInput label={t('create.options')} description={t('create.optionsHelp')} placeholder="type=tmpfs" value={form.options} onChange={(options) => setForm({ ...form, options })} error={problem('options')} />
        <TagsInput label={t('create.labels')} placeholder="project=web" value={form.labels} onChange={(labels) => setForm({ ...form, labels })} error={problem('labels')} />
        <CommandLine command={command} />
        {unplaced ? <ErrorNotice error={unplaced} /> : null}
        <Group justify="flex-end" align="flex-start">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <SubmitButton onClick={() => void submit()} loading={busy} blockers={blockers} testId="volume-create-submit">
            {t('create.submit')}
          </SubmitButton>
        </Group>
      </Stack>
    </Modal>
  );
}

export const CreateVolumeModal = freshOnOpen(CreateVolumeDialog);
