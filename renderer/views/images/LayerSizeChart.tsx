import { useComputedColorScheme } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { HistoryRow } from '@shared/dto/images';

import { formatBytes } from '../../format';

/** One bar per filesystem layer, in build order: where the bytes of the image come from. */
export function LayerSizeChart({ rows }: { rows: HistoryRow[] }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const dark = useComputedColorScheme('light') === 'dark';
  const data = rows
    .filter((r) => r.filesystem)
    .map((r) => ({ step: `#${r.index + 1}`, bytes: r.sizeBytes, label: r.instruction.slice(0, 60) }));
  return (
    <div style={{ width: '100%', height: 220 }} data-testid="layer-size-chart" role="img" aria-label={t('history.chart')}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={dark ? '#444' : '#ddd'} />
          <XAxis dataKey="step" stroke={dark ? '#bbb' : '#555'} fontSize={12} />
          <YAxis tickFormatter={(v: number) => formatBytes(v, i18n.language)} stroke={dark ? '#bbb' : '#555'} fontSize={12} width={80} />
          <Tooltip
            formatter={(v) => formatBytes(Number(v), i18n.language)}
            labelFormatter={(_label, payload) => String((payload[0]?.payload as { label?: string } | undefined)?.label ?? '')}
            contentStyle={dark ? { background: '#222', border: '1px solid #444' } : undefined}
          />
          <Bar dataKey="bytes" name={t('history.size')} fill="#228be6" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
