import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { VolumeSummary } from '@shared/dto/volumes';

import { useRem } from '../../components/rem';
import { formatBytes } from '../../format';

const ROW_HEIGHT = 52;
const COLUMNS = 'minmax(140px, 1.2fr) 56px minmax(140px, 1.4fr) 72px 110px minmax(110px, 1fr)';

/** `docker volume ls` with where each volume lives, its size and who mounts it; only visible rows are in the DOM. */
export function VolumeList({ volumes, sizes, onOpen }: { volumes: VolumeSummary[]; sizes: Record<string, number> | undefined; onOpen: (name: string) => void }): ReactElement {
  const { t, i18n } = useTranslation('volumes');
  const parent = useRef<HTMLDivElement>(null);
  // Rows grow with presentation mode's larger type.
  const rowHeight = (ROW_HEIGHT * useRem()) / 16;
  const virtualizer = useVirtualizer({ count: volumes.length, getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 10 });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const size = (name: string): string => {
    const bytes = sizes?.[name];
    if (bytes === undefined) return sizes ? '–' : '…';
    return bytes < 0 ? '?' : formatBytes(bytes, i18n.language);
  };
  if (volumes.length === 0) {
    return (
      <Stack gap={4} py="xl" align="center" ta="center" data-testid="volume-list-empty">
        <Title order={4}>{t('list.empty.title')}</Title>
        <Text size="sm" c="dimmed" maw={520}>
          {t('list.empty.body')}
        </Text>
      </Stack>
    );
  }
  return (
    <div role="table" aria-label={t('title')} data-testid="volume-list">
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '6px 8px' }}>
        {(['name', 'driver', 'mountpoint', 'size', 'created', 'usedBy'] as const).map((key) => (
          <Text key={key} size="xs" fw={700} c="dimmed" tt="uppercase" role="columnheader" truncate="end" title={t(`list.columns.${key}`)}>
            {t(`list.columns.${key}`)}
          </Text>
        ))}
      </div>
      <div ref={parent} style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const v = volumes[item.index];
            if (!v) return null;
            return (
              <div
                key={v.name}
                role="row"
                tabIndex={0}
                data-testid={`volume-row-${v.name}`}
                onClick={() => onOpen(v.name)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(v.name);
                }}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  gap: 8,
                  padding: '4px 8px',
                  alignItems: 'center',
                  cursor: 'pointer',
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
                  <Text size="sm" fw={600} truncate="end" ff={v.anonymous ? 'monospace' : undefined} title={v.name}>
                    {v.anonymous ? `${v.name.slice(0, 12)}…` : v.name}
                  </Text>
                  {v.anonymous ? <Badge size="xs" variant="light">{t('list.anonymous')}</Badge> : null}
                </Group>
                <Text size="sm">{v.driver}</Text>
                <Text size="xs" ff="monospace" truncate="start" title={v.mountpoint}>
                  {v.mountpoint}
                </Text>
                <Text size="sm">{size(v.name)}</Text>
                <Text size="xs" c="dimmed">
                  {v.created ? new Date(v.created).toLocaleString(i18n.language) : '–'}
                </Text>
                <Text size="xs" truncate="end">
                  {v.usedBy.length ? v.usedBy.map((u) => u.name).join(', ') : <Text span c="dimmed" size="xs">{t('list.unused')}</Text>}
                </Text>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
