import { useComputedColorScheme } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { HistoryRow } from '@shared/dto/images';

import { formatBytes } from '../../format';
import { layerNumbers } from './layer-numbers';

/** One bar per filesystem layer, in build order and numbered as everywhere in the explorer: where the bytes of the image come from. */
export function LayerSizeChart({ rows }: { rows: HistoryRow[] }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const dark = useComputedColorScheme('light') === 'dark';
  const numbers = layerNumbers(rows);
  const data = rows
    .filter((r) => r.filesystem)
    .map((r) => ({ layer: String(numbers.get(r.index) ?? ''), bytes: r.sizeBytes, label: `${t('history.layerNo', { layer: numbers.get(r.index) })}: ${r.instruction}` }));
  return (
    <div style={{ width: '100%', height: 220 }} data-testid="layer-size-chart" role="img" aria-label={t('history.chart')}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={dark ? '#444' : '#ddd'} />
          <XAxis dataKey="layer" stroke={dark ? '#bbb' : '#555'} fontSize={12} label={{ value: t('history.layer'), position: 'insideBottom', offset: -10, fontSize: 12, fill: dark ? '#bbb' : '#555' }} />
          <YAxis tickFormatter={(v: number) => formatBytes(v, i18n.language)} stroke={dark ? '#bbb' : '#555'} fontSize={12} width={80} />
          <Tooltip
            formatter={(v) => formatBytes(Number(v), i18n.language)}
            labelFormatter={(_label, payload) => String((payload[0]?.payload as { label?: string } | undefined)?.label ?? '')}
            contentStyle={{ maxWidth: 420, whiteSpace: 'normal', ...(dark ? { background: '#222', border: '1px solid #444' } : {}) }}
          />
          <Bar dataKey="bytes" name={t('history.size')} fill="#228be6" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
