import { Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { serviceListCommand } from '@shared/cli/swarm';
import type { ServiceSummary, SwarmSnapshot } from '@shared/dto/swarm';

import { CommandLine } from '../../components/CommandLine';
import { CreateServiceModal } from './CreateService';
import { ServiceActions } from './ServiceActions';

/** The update state with the truth from the tasks: "completed" while fewer run than wanted says so. */
export function UpdateBadge({ service }: { service: ServiceSummary }): ReactElement | null {
  const { t } = useTranslation('swarm');
  const update = service.update;
  if (!update) return null;
  const short = (update.state === 'completed' || update.state === 'rollback_completed') && service.running < service.desired;
  const color = update.state.includes('paused') || short ? 'red' : update.state.includes('completed') ? 'teal' : 'yellow';
  const badge = (
    <Badge size="sm" color={color} data-testid={`service-update-state-${service.name}`}>
      {short ? t('update.short', { running: service.running, desired: service.desired }) : t(`update.state.${update.state}`)}
    </Badge>
  );
  return update.message ? <Tooltip label={update.message}>{badge}</Tooltip> : badge;
}

export function ServiceList({ snapshot, onOpen }: { snapshot: SwarmSnapshot; onOpen: (id: string) => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="sm" data-testid="service-list">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('services.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="service-create">
          {t('create.open')}
        </Button>
      </Group>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('services.name')}</Table.Th>
            <Table.Th>{t('services.mode')}</Table.Th>
            <Table.Th>{t('services.replicas')}</Table.Th>
            <Table.Th>{t('services.image')}</Table.Th>
            <Table.Th>{t('services.ports')}</Table.Th>
            <Table.Th>{t('services.update')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {snapshot.services.map((s) => (
            <Table.Tr key={s.id} data-testid={`service-row-${s.name}`}>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => onOpen(s.id)} data-testid={`service-open-${s.name}`}>
                  {s.name}
                </Button>
              </Table.Td>
              <Table.Td>{t(`services.modes.${s.mode}`)}</Table.Td>
              <Table.Td data-testid={`service-replicas-${s.name}`}>
                {s.running}/{s.desired}
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {s.image}
                </Text>
              </Table.Td>
              <Table.Td>
                {s.ports.map((p) => (
                  <Text key={`${p.published ?? ''}-${p.target}-${p.protocol}`} size="xs">
                    {p.published ?? '?'}→{p.target}/{p.protocol} ({t(`services.portMode.${p.mode}`)})
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <UpdateBadge service={s} />
              </Table.Td>
              <Table.Td>
                <ServiceActions service={s} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {snapshot.services.length ? null : <Text size="sm" c="dimmed">{t('services.none')}</Text>}
      <CommandLine command={serviceListCommand()} />
      <CreateServiceModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
