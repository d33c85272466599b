import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { HistoryRow } from '@shared/dto/images';

import { formatBytes, since } from '../../format';
import { layerNumbers } from './layer-numbers';

/** `docker image history` made readable: newest on top, the base at the bottom, as the CLI prints it; filesystem rows carry their layer number. */
export function HistoryTable({ rows, now, onLayer }: { rows: HistoryRow[]; now: number; onLayer: (diffId: string) => void }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const numbers = layerNumbers(rows);
  return (
    <Table striped highlightOnHover data-testid="history-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64}>{t('history.layer')}</Table.Th>
          <Table.Th>{t('history.instruction')}</Table.Th>
          <Table.Th w={90}>{t('history.size')}</Table.Th>
          <Table.Th w={120}>{t('history.age')}</Table.Th>
          <Table.Th w={150}>{t('history.layerId')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...rows].reverse().map((row) => (
          <Table.Tr
            key={row.index}
            data-testid="history-row"
            data-layer={numbers.get(row.index)}
            onClick={() => row.diffId && onLayer(row.diffId)}
            style={{ cursor: row.diffId ? 'pointer' : undefined }}
          >
            <Table.Td fw={700}>{numbers.get(row.index) ?? ''}</Table.Td>
            <Table.Td>
              <Tooltip label={<Code style={{ whiteSpace: 'pre-wrap' }}>{row.createdBy}</Code>} multiline maw={600} openDelay={400}>
                <Text size="sm" ff="monospace" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                  {row.instruction || t('history.empty')}
                </Text>
              </Tooltip>
              {row.comment ? (
                <Text size="xs" c="dimmed">
                  {row.comment}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{formatBytes(row.sizeBytes, i18n.language)}</Table.Td>
            <Table.Td>
              <Text size="xs" title={new Date(row.created).toLocaleString(i18n.language)}>
                {row.created > 0 ? since(row.created, now, i18n.language) : '–'}
              </Text>
            </Table.Td>
            <Table.Td>
              {row.filesystem ? (
                <Tooltip label={row.diffId ?? ''}>
                  <Badge variant="light" color="blue" size="sm" ff="monospace" tt="none">
                    {row.diffId ? row.diffId.slice(7, 19) : t('history.filesystem')}
                  </Badge>
                </Tooltip>
              ) : (
                <Badge variant="outline" color="gray" size="sm">
                  {t('history.metadata')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
