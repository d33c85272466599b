import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { CommandLine } from '../../components/CommandLine';
import { useConcept } from '../../stores/concept';
import { useVolumes } from '../../stores/volumes';

const KINDS = [
  { type: 'volume', concept: 'volume', color: 'blue', command: 'docker run -v foo:/usr/share/nginx/html nginx' },
  { type: 'bind', concept: 'bind-mount', color: 'orange', command: 'docker run -v "$PWD/site:/usr/share/nginx/html:ro" nginx' },
  { type: 'tmpfs', concept: 'tmpfs', color: 'grape', command: 'docker run --tmpfs /cache:size=64m nginx' },
] as const;

/** The three kinds of mounts side by side, and every container's mounts. */
export function MountsPanel(): ReactElement {
  const { t } = useTranslation('volumes');
  const mounts = useVolumes((s) => s.mounts).filter((c) => c.mounts.length > 0);
  const color = (type: string): string => KINDS.find((k) => k.type === type)?.color ?? 'gray';
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {KINDS.map((kind) => (
          <Card withBorder key={kind.type}>
            <Group justify="space-between">
              <Badge color={kind.color}>{kind.type}</Badge>
              <Button size="compact-xs" variant="subtle" onClick={() => useConcept.getState().show(kind.concept)}>
                {t('mounts.explain')}
              </Button>
            </Group>
            <Text size="sm" mt="xs">
              {t(`mounts.kinds.${kind.type}`)}
            </Text>
            <CommandLine command={kind.command} />
          </Card>
        ))}
      </SimpleGrid>
      <Title order={4}>{t('mounts.title')}</Title>
      {mounts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mounts.none')}
        </Text>
      ) : (
        <Table data-testid="mounts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mounts.columns.container')}</Table.Th>
              <Table.Th>{t('mounts.columns.type')}</Table.Th>
              <Table.Th>{t('mounts.columns.source')}</Table.Th>
              <Table.Th>{t('mounts.columns.destination')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mounts.flatMap((c) =>
              c.mounts.map((m, index) => (
                <Table.Tr key={`${c.containerId}-${index}`}>
                  <Table.Td>{index === 0 ? `${c.name} (${c.state})` : ''}</Table.Td>
                  <Table.Td>
                    <Badge color={color(m.type)} variant="light">
                      {m.type}
                    </Badge>
                  </Table.Td>
                  <Table.Td ff="monospace">{m.type === 'tmpfs' ? t('mounts.memory') : m.source.length > 40 ? `${m.source.slice(0, 40)}…` : m.source}</Table.Td>
                  <Table.Td ff="monospace">
                    {m.destination}
                    {m.readOnly ? ' (ro)' : ''}
                  </Table.Td>
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
