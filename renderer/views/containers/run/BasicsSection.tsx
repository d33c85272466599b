import { Autocomplete, Button, Fieldset, Group, Progress, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { RunFormState } from './useRunForm';

/** Image (with a pull when it is missing), name, command, entrypoint and the switches of `docker run`. */
export function BasicsSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem, pull } = run;
  return (
    <Fieldset legend={t('run.sections.basics')}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap={4}>
          <Autocomplete
            label={t('fields.image')}
            description={t('help.image')}
            data={run.images}
            limit={50}
            value={form.image}
            onChange={(v) => update('image', v)}
            error={problem('image')}
            required
            data-testid="run-image"
          />
          {run.imageMissing ? (
            <Button size="xs" variant="light" onClick={() => void run.pullImage()} loading={pull !== undefined} data-testid="run-pull">
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
        <Switch label={t('fields.detach')} description={t('help.detach')} checked={form.detach} disabled={run.create} onChange={(e) => update('detach', e.currentTarget.checked)} />
        <Switch label={t('fields.interactive')} description={t('help.interactive')} checked={form.interactive && form.tty} onChange={(e) => run.setForm((f) => ({ ...f, interactive: e.currentTarget.checked, tty: e.currentTarget.checked }))} />
        <Switch label={t('fields.autoRemove')} description={t('help.autoRemove')} checked={form.autoRemove} onChange={(e) => update('autoRemove', e.currentTarget.checked)} error={problem('autoRemove')} />
        <Switch label={t('fields.readOnly')} description={t('help.readOnly')} checked={form.readOnly} onChange={(e) => update('readOnly', e.currentTarget.checked)} />
      </Group>
    </Fieldset>
  );
}
