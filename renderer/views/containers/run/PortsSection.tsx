import { Button, Fieldset, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { LegendWithConcept, Rows } from './rows';
import type { PortRow } from './runForm';
import type { RunFormState } from './useRunForm';

/** Published ports (`-p`), with the ports the image exposes offered as one click. */
export function PortsSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { form, update, problem, exposed } = run;
  return (
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
  );
}
