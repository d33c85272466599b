import { Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { DiskUsage } from '@shared/dto/engine';

import { formatBytes } from '../format';

const kinds = ['images', 'containers', 'volumes', 'buildCache'] as const;

/** `docker system df` as stacked bars: what is in use and what prune could give back. */
export function DiskUsageChart({ disk }: { disk: DiskUsage }): ReactElement {
  const { t, i18n } = useTranslation();
  const rows = kinds.map((kind) => ({
    kind: t(`dashboard.disk.${kind}`),
    used: disk[kind].sizeBytes - disk[kind].reclaimableBytes,
    reclaimable: disk[kind].reclaimableBytes,
  }));
  const total = kinds.reduce((sum, k) => sum + disk[k].sizeBytes, 0);
  const reclaimable = kinds.reduce((sum, k) => sum + disk[k].reclaimableBytes, 0);
  const bytes = (value: number): string => formatBytes(value, i18n.language);
  return (
    <div data-testid="disk-usage-chart">
      <Text size="sm" mb="xs" data-testid="disk-usage-total">
        {t('dashboard.disk.total', { size: bytes(total), reclaimable: bytes(reclaimable) })}
      </Text>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} layout="vertical" margin={{ left: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={bytes} stroke="var(--mantine-color-dimmed)" />
          <YAxis type="category" dataKey="kind" width={110} stroke="var(--mantine-color-dimmed)" />
          <Tooltip
            formatter={(value) => bytes(Number(value))}
            contentStyle={{ background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }}
          />
          <Legend />
          <Bar dataKey="used" name={t('dashboard.disk.used')} stackId="size" fill="var(--mantine-color-blue-6)" isAnimationActive={false} />
          <Bar
            dataKey="reclaimable"
            name={t('dashboard.disk.reclaimable')}
            stackId="size"
            fill="var(--mantine-color-orange-5)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
