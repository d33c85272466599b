import { ActionIcon, Autocomplete, Checkbox, Fieldset, Select, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { useConcept } from '../../../stores/concept';
import { LegendWithConcept, Rows } from './rows';
import type { MountRow } from './runForm';
import type { RunFormState } from './useRunForm';

/** Bind mounts, volumes and tmpfs (`-v`, `--mount`, `--tmpfs`), each with its concept. */
export function MountsSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem, volumes } = run;
  return (
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
  );
}
