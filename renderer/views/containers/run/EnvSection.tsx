import { Fieldset, Text, Textarea } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { KeyValueRows, LegendWithConcept } from './rows';
import type { RunFormState } from './useRunForm';

/** Environment variables (`-e`) and env files (`--env-file`). */
export function EnvSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem } = run;
  return (
    <Fieldset legend={<LegendWithConcept label={t('run.sections.env')} concept="environment-variables" />}>
      <Text size="xs" c="dimmed" mb="xs">
        {t('help.env')}
      </Text>
      <KeyValueRows rows={form.env} onChange={(rows) => update('env', rows)} addLabel={t('run.addEnv')} error={(i) => problem('env', i)} testId="run-env" />
      <Textarea mt="xs" label={t('fields.envFiles')} description={t('help.envFiles')} autosize minRows={1} value={form.envFiles} onChange={(e) => update('envFiles', e.currentTarget.value)} error={run.problems('envFiles')} />
    </Fieldset>
  );
}
