import { ActionIcon, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { NetworkSummary } from '@shared/dto/networks';

import { useConcept } from '../../stores/concept';

const DRIVER_CONCEPT: Record<string, string> = {
  bridge: 'network-driver-bridge',
  host: 'network-driver-host',
  null: 'network-driver-none',
  overlay: 'network-driver-overlay',
  ipvlan: 'network-driver-ipvlan',
  macvlan: 'network-driver-macvlan',
};

/** `docker network ls` with what inspect adds: subnets, flags and how many containers are attached. */
export function NetworkList({ networks, onOpen }: { networks: NetworkSummary[]; onOpen: (id: string) => void }): ReactElement {
  const { t } = useTranslation('networks');
  return (
    <Table.ScrollContainer minWidth={760} maxHeight="calc(100vh - 300px)">
      <Table highlightOnHover stickyHeader data-testid="network-list">
        <Table.Thead>
          <Table.Tr>
            {(['name', 'driver', 'scope', 'subnet', 'flags', 'containers'] as const).map((key) => (
              <Table.Th key={key}>{t(`list.columns.${key}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {networks.map((n) => (
            <Table.Tr key={n.id} data-testid={`network-row-${n.name}`} style={{ cursor: 'pointer' }} onClick={() => onOpen(n.id)}>
              <Table.Td>
                <Text size="sm" fw={600} component="button" type="button" style={{ all: 'unset', cursor: 'pointer' }} onClick={() => onOpen(n.id)}>
                  {n.name}
                </Text>
                {n.predefined ? (
                  <Badge size="xs" variant="light" ml={6}>
                    {t('list.predefined')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" ff="monospace">
                    {n.driver}
                  </Text>
                  {DRIVER_CONCEPT[n.driver] ? (
                    <Tooltip label={t('list.explainDriver')}>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        aria-label={t('list.explainDriver')}
                        onClick={(event) => {
                          event.stopPropagation();
                          useConcept.getState().show(DRIVER_CONCEPT[n.driver] ?? 'networking');
                        }}
                      >
                        <IconBulb size={14} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{n.scope}</Table.Td>
              <Table.Td>
                {n.subnets.map((s) => (
                  <Text key={s.subnet} size="xs" ff="monospace">
                    {s.subnet}
                    {s.gateway ? ` · gw ${s.gateway}` : ''}
                    {s.ipRange ? ` · range ${s.ipRange}` : ''}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {n.internal ? <Badge size="xs" color="orange">{t('flags.internal')}</Badge> : null}
                  {n.attachable ? <Badge size="xs">{t('flags.attachable')}</Badge> : null}
                  {n.ipv6 ? <Badge size="xs" color="grape">IPv6</Badge> : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('list.attached', { count: n.containers, running: n.endpoints })}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
