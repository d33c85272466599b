import { Alert, Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { LayerAnalysis } from '@shared/dto/images';

import { formatBytes, formatNumber } from '../../format';
import { useConcept } from '../../stores/concept';

/** Bytes that ship in a lower layer but are overwritten or deleted above — and dive's number beside it. */
export function WastedPanel({ analysis }: { analysis: LayerAnalysis }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const bytes = (n: number): string => formatBytes(n, i18n.language);
  const files = analysis.wasted.files.slice(0, 300);
  return (
    <Stack gap="sm">
      {analysis.wasted.bytes > 0 ? (
        <Alert color="orange" icon={<IconAlertTriangle />} title={t('wasted.title', { bytes: bytes(analysis.wasted.bytes) })} data-testid="wasted-warning">
          <Text size="sm">{t('wasted.explain', { count: analysis.wasted.files.length })}</Text>
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck />} title={t('wasted.none')} data-testid="wasted-none" />
      )}
      <Group gap="xs">
        <Badge variant="light">{t('wasted.final', { bytes: bytes(analysis.finalBytes) })}</Badge>
        <Badge variant="light">{t('wasted.shipped', { bytes: bytes(analysis.shippedBytes) })}</Badge>
        <Badge variant="light" color="grape" data-testid="dive-score">
          {t('wasted.dive', { score: formatNumber(analysis.dive.efficiency * 100, i18n.language, 1, 1), bytes: bytes(analysis.dive.wastedBytes) })}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t('wasted.whyDifferent')}{' '}
        <Anchor component="button" size="xs" onClick={() => useConcept.getState().show('image-size')}>
          {t('wasted.learnMore')}
        </Anchor>
      </Text>
      {files.length > 0 ? (
        <Table striped data-testid="wasted-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('wasted.path')}</Table.Th>
              <Table.Th w={100}>{t('history.size')}</Table.Th>
              <Table.Th w={110}>{t('wasted.addedIn')}</Table.Th>
              <Table.Th w={110}>{t('wasted.hiddenIn')}</Table.Th>
              <Table.Th w={170}>{t('wasted.how')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((w) => (
              <Table.Tr key={`${w.addedIn}:${w.path}`} data-testid="wasted-row" data-added={w.addedIn + 1} data-hidden={w.hiddenIn + 1}>
                <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {w.path}
                </Table.Td>
                <Table.Td>{bytes(w.sizeBytes)}</Table.Td>
                <Table.Td>{t('wasted.layer', { layer: w.addedIn + 1 })}</Table.Td>
                <Table.Td>{t('wasted.layer', { layer: w.hiddenIn + 1 })}</Table.Td>
                <Table.Td>{t(`wasted.hows.${w.how}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {analysis.wasted.files.length > files.length ? (
        <Text size="xs" c="dimmed">
          {t('wasted.more', { count: analysis.wasted.files.length - files.length })}
        </Text>
      ) : null}
    </Stack>
  );
}
