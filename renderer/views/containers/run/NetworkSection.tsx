import { Autocomplete, Fieldset, SimpleGrid, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { RunFormState } from './useRunForm';

/** The network (`--network`), aliases on it and the hostname. */
export function NetworkSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem } = run;
  return (
    <Fieldset legend={t('run.sections.network')}>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Autocomplete label={t('fields.network')} description={t('help.network')} data={run.networks} value={form.network} onChange={(v) => update('network', v)} error={problem('network')} />
        <TextInput label={t('fields.networkAliases')} description={t('help.networkAliases')} value={form.networkAliases} onChange={(e) => update('networkAliases', e.currentTarget.value)} error={problem('networkAliases')} />
        <TextInput label={t('fields.hostname')} description={t('help.hostname')} value={form.hostname} onChange={(e) => update('hostname', e.currentTarget.value)} error={problem('hostname')} />
      </SimpleGrid>
    </Fieldset>
  );
}
