import { Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { createVolumeCommand } from '@shared/cli/volumes';
import { CreateVolume } from '@shared/dto/volumes';
import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { exerciseLabels } from '../../stores/exercises';
import { parseLabels } from '../networks/CreateNetworkModal';

/** `docker volume create` as a form: name (or none for an anonymous one), driver, options, labels. */
export function CreateVolumeModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation('volumes');
  const [form, setForm] = useState({ name: '', driver: 'local', options: [] as string[], labels: [] as string[] });
  const { busy, error, submit: run } = useSubmit();
  const request = {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    driver: form.driver.trim() || 'local',
    options: parseLabels(form.options),
    // While an exercise is open, what Lotse creates carries its label, so the trainer's reset finds it.
    labels: { ...exerciseLabels(), ...parseLabels(form.labels) },
  };
  const parsed = CreateVolume.safeParse(request);
  const nameError = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === 'name') ? t('create.nameInvalid') : undefined;
  const command = createVolumeCommand(request);

  const submit = async (): Promise<void> => {
    const created = await run(() => perform({ label: t('create.action', { name: request.name ?? '' }), command, run: () => api.call('volumes.create', request) }));
    if (!created) return;
    setForm({ name: '', driver: 'local', options: [], labels: [] });
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('create.title')} size="lg">
      <Stack gap="sm">
        <TextInput label={t('create.name')} description={t('create.nameHelp')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={nameError} data-autofocus data-testid="volume-name" />
        <TextInput label={t('create.driver')} value={form.driver} onChange={(e) => setForm({ ...form, driver: e.currentTarget.value })} />
        <TagsInput label={t('create.options')} description={t('create.optionsHelp')} placeholder="type=tmpfs" value={form.options} onChange={(options) => setForm({ ...form, options })} />
        <TagsInput label={t('create.labels')} placeholder="project=web" value={form.labels} onChange={(labels) => setForm({ ...form, labels })} />
        <CommandLine command={command} />
        {error ? <ErrorNotice error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!parsed.success} data-testid="volume-create-submit">
            {t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
