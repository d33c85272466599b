import { Fieldset, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { KeyValueRows } from './rows';
import type { RunFormState } from './useRunForm';

/** Restart policy, user, working directory and labels. */
export function ProcessSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem } = run;
  return (
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
  );
}
