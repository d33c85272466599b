import { Badge, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { PruneItem } from '@shared/dto/prune';

import { formatBytes } from '../../format';

const ROW_HEIGHT = 32;
const COLUMNS = '110px 80px minmax(200px, 2fr) minmax(140px, 1fr) 90px';

/** What a prune takes (or took): thousands of rows stay smooth, only the visible ones are drawn. */
export function PruneItemsTable({ items, sizes = true }: { items: PruneItem[]; sizes?: boolean }): ReactElement {
  const { t, i18n } = useTranslation('prune');
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  return (
    <div role="table" data-testid="prune-items">
      <div ref={parent} style={{ maxHeight: 320, overflow: 'auto' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={`${item.type}:${item.action}:${item.id}:${item.name}`}
                role="row"
                data-testid="prune-item"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${row.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  gap: 8,
                  alignItems: 'center',
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                <Text size="sm">{t(`types.${item.type}`)}</Text>
                <Badge size="sm" variant="light" color={item.action === 'untag' ? 'yellow' : 'red'}>
                  {t(`actions.${item.action}`)}
                </Badge>
                <Text size="sm" ff="monospace" truncate="end" title={item.id}>
                  {item.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`reasons.${item.reason}`, { defaultValue: item.reason })}
                </Text>
                <Text size="sm" ta="right">
                  {sizes && item.action === 'delete' ? formatBytes(item.sizeBytes, i18n.language) : ''}
                </Text>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
