import { Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactElement, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { DiskItem } from '@shared/dto/prune';

import { CommandLine } from '../../components/CommandLine';
import { DiskUsageChart } from '../../components/DiskUsageChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes } from '../../format';
import { useConcept } from '../../stores/concept';
import { usePrune } from '../../stores/prune';

const KINDS = [
  { key: 'images', details: 'images' },
  { key: 'containers', details: 'containers' },
  { key: 'volumes', details: 'volumes' },
  { key: 'buildCache', details: 'buildCache' },
] as const;

/** `docker system df -v` as charts: each kind with total and reclaimable, and its biggest items. */
export function DiskUsagePanel(): ReactElement {
  const { t, i18n } = useTranslation('prune');
  const { disk, details, diskLoading, diskError, loadDisk } = usePrune();
  const bytes = (value: number): string => formatBytes(value, i18n.language);
  useEffect(() => {
    // /system/df walks every layer and volume: ask after the first paint.
    const frame = requestAnimationFrame(() => void loadDisk());
    return () => cancelAnimationFrame(frame);
  }, [loadDisk]);

  return (
    <Stack gap="md" data-testid="disk-usage-panel">
      <Group justify="space-between">
        <Title order={3}>{t('disk.title')}</Title>
        <Group gap="xs">
          <Button size="xs" variant="subtle" onClick={() => useConcept.getState().show('disk-usage')}>
            {t('disk.explain')}
          </Button>
          <Button size="xs" variant="light" onClick={() => void loadDisk()} loading={diskLoading}>
            {t('disk.refresh')}
          </Button>
        </Group>
      </Group>
      {diskError ? <ErrorNotice error={diskError} /> : null}
      {disk ? <DiskUsageChart disk={disk} /> : <Loader size="sm" />}
      {disk && details ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {KINDS.map(({ key, details: detailKey }) => (
            <Card withBorder key={key} data-testid={`disk-${key}`}>
              <Text fw={700}>{t(`disk.kinds.${key}`)}</Text>
              <Text size="sm" c="dimmed">
                {t('disk.summary', { count: disk[key].count, active: disk[key].active, size: bytes(disk[key].sizeBytes), reclaimable: bytes(disk[key].reclaimableBytes) })}
              </Text>
              <BiggestChart items={details[detailKey]} bytes={bytes} empty={t('disk.empty')} />
            </Card>
          ))}
        </SimpleGrid>
      ) : null}
      <CommandLine command="docker system df -v" />
    </Stack>
  );
}

function BiggestChart({ items, bytes, empty }: { items: DiskItem[]; bytes: (n: number) => string; empty: string }): ReactElement {
  const { t } = useTranslation('prune');
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {empty}
      </Text>
    );
  }
  const rows = items.map((i) => ({ name: i.name.length > 28 ? `${i.name.slice(0, 27)}…` : i.name, size: i.sizeBytes, reclaimable: i.reclaimable }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(90, rows.length * 26 + 20)}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <XAxis type="number" tickFormatter={bytes} stroke="var(--mantine-color-dimmed)" fontSize={11} />
        <YAxis type="category" dataKey="name" width={170} stroke="var(--mantine-color-dimmed)" fontSize={11} />
        <Tooltip
          formatter={(value, _name, entry) => [`${bytes(Number(value))}${(entry.payload as { reclaimable: boolean }).reclaimable ? ` · ${t('disk.reclaimable')}` : ''}`, t('disk.size')]}
          contentStyle={{ background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }}
        />
        <Bar dataKey="size" isAnimationActive={false}>
          {rows.map((row) => (
            <Cell key={row.name} fill={row.reclaimable ? 'var(--mantine-color-orange-5)' : 'var(--mantine-color-blue-6)'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
