import { Anchor, Badge, Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type ReactElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { ContainerSummary } from '@shared/dto/containers';

import { useRem } from '../../components/rem';
import { since } from '../../format';
import { useContainers } from '../../stores/containers';
import { portLabel, portUrl, type Row } from './listing';
import { StateBadge } from './StateBadge';

const ROW_HEIGHT = 44;
const COLUMNS = '36px minmax(160px, 1.4fr) minmax(140px, 1.2fr) 150px minmax(120px, 1fr) 130px';

/** The containers as rows; only the rows on screen exist in the DOM (thousands stay smooth). */
export function ContainerList({ rows, now }: { rows: Row[]; now: number }): ReactElement {
  const { t } = useTranslation('containers');
  const parent = useRef<HTMLDivElement>(null);
  // Rows grow with presentation mode's larger type.
  const rowHeight = (ROW_HEIGHT * useRem()) / 16;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const ids = rows.flatMap((r) => (r.kind === 'container' ? [r.container.id] : []));
  const selected = useContainers((s) => s.selected);
  const setSelected = useContainers((s) => s.setSelected);
  const all = ids.length > 0 && ids.every((id) => selected.includes(id));

  return (
    <div role="table" aria-label={t('list.title')} aria-rowcount={rows.length} data-testid="container-list">
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '6px 8px' }} className="lotse-ct-header">
        <Checkbox
          aria-label={t('list.selectAll')}
          checked={all}
          indeterminate={!all && selected.length > 0}
          onChange={() => setSelected(all ? [] : ids)}
        />
        {(['name', 'image', 'state', 'ports', 'created'] as const).map((key) => (
          <Text key={key} size="xs" fw={700} c="dimmed" tt="uppercase" role="columnheader">
            {t(`list.columns.${key}`)}
          </Text>
        ))}
      </div>
      <div ref={parent} style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }} data-testid="container-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={row.kind === 'group' ? `g:${row.key}` : row.container.id}
                role="row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {row.kind === 'group' ? (
                  <Group h="100%" px="sm" gap="xs" className="lotse-ct-group">
                    <Text fw={700} size="sm">
                      {row.label || t('list.noGroup')}
                    </Text>
                    <Badge variant="light" size="sm">
                      {row.count}
                    </Badge>
                  </Group>
                ) : (
                  <ContainerRow container={row.container} now={now} selected={selected.includes(row.container.id)} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

// Memoised: scrolling re-renders the list, not the rows that stay on screen.
const ContainerRow = memo(function ContainerRow({ container: c, now, selected }: { container: ContainerSummary; now: number; selected: boolean }): ReactElement {
  const { t, i18n } = useTranslation('containers');
  const toggle = useContainers((s) => s.toggleSelected);
  const open = useContainers((s) => s.open);
  const group = c.composeProject ? `${c.composeProject}/${c.composeService ?? ''}` : c.swarmService;
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, alignItems: 'center', height: '100%', padding: '0 8px' }}
      className="lotse-ct-row"
      data-testid={`container-row-${c.name}`}
    >
      <Checkbox aria-label={t('list.select', { name: c.name })} checked={selected} onChange={() => toggle(c.id)} />
      <div style={{ minWidth: 0 }}>
        <UnstyledButton onClick={() => open(c.id)} data-testid={`open-${c.name}`} style={{ maxWidth: '100%' }}>
          <Text size="sm" fw={600} truncate="end">
            {c.name}
          </Text>
        </UnstyledButton>
        {group ? (
          <Text size="xs" c="dimmed" truncate="end">
            {group}
          </Text>
        ) : null}
      </div>
      <Anchor href={`#/images/${encodeURIComponent(c.image)}`} size="sm" truncate="end" ff="monospace" title={t('list.imageLink')}>
        {c.image}
      </Anchor>
      <div>
        <StateBadge state={c.state} health={c.health} />
        <Text size="xs" c="dimmed" truncate="end" title={c.status}>
          {c.startedAt && c.state === 'running' ? t('list.up', { time: since(c.startedAt, now, i18n.language) }) : c.status}
        </Text>
      </div>
      <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
        {c.ports.slice(0, 3).map((port) => {
          const url = portUrl(port);
          const text = portLabel(port);
          // A plain link: Electron's main process denies window.open for addresses outside its allowlist.
          return url ? (
            <Anchor key={text} href={url} target="_blank" rel="noreferrer" size="xs" ff="monospace" data-testid={`port-link-${port.hostPort ?? ''}`}>
              {text}
            </Anchor>
          ) : (
            <Text key={text} size="xs" ff="monospace" c="dimmed">
              {text}
            </Text>
          );
        })}
        {c.ports.length > 3 ? <Text size="xs">+{c.ports.length - 3}</Text> : null}
      </Group>
      <Text size="xs" c="dimmed" title={new Date(c.created).toLocaleString(i18n.language)}>
        {since(c.created, now, i18n.language)}
      </Text>
    </div>
  );
});
