import { Fieldset, SimpleGrid, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { LegendWithConcept } from './rows';
import type { RunFormState } from './useRunForm';

/** Memory and CPU limits. */
export function LimitsSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem } = run;
  return (
    <Fieldset legend={<LegendWithConcept label={t('run.sections.limits')} concept="resource-limits" />}>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <TextInput label={t('fields.memory')} description={t('help.memory')} placeholder="256m" value={form.memory} onChange={(e) => update('memory', e.currentTarget.value)} error={problem('memory')} data-testid="run-memory" />
        <TextInput label={t('fields.memorySwap')} description={t('help.memorySwap')} placeholder="512m" value={form.memorySwap} onChange={(e) => update('memorySwap', e.currentTarget.value)} error={problem('memorySwap')} />
        <TextInput label={t('fields.cpuShares')} description={t('help.cpuShares')} placeholder="1024" value={form.cpuShares} onChange={(e) => update('cpuShares', e.currentTarget.value)} error={problem('cpuShares')} />
        <TextInput label={t('fields.cpus')} description={t('help.cpus')} placeholder="0.5" value={form.cpus} onChange={(e) => update('cpus', e.currentTarget.value)} error={problem('cpus')} />
      </SimpleGrid>
    </Fieldset>
  );
}
