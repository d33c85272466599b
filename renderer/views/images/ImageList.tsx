import { ActionIcon, Badge, Group, Menu, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconDots, IconTag, IconTrash, IconUpload } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { useRem } from '../../components/rem';
import { useRestOfWindow } from '../../components/restOfWindow';
import { formatBytes, since } from '../../format';
import { openPushDialog, openTagDialog, removeImage } from './image-actions';
import { type ImageRow, shortId, uniqueBytes } from './listing';

const ROW_HEIGHT = 44;
/** A size never breaks between number and unit. */
const nowrap = (text: string): string => text.replace(' ', '\u00a0');
// In rem, so that presentation mode's larger type gets wider columns; fits the main column beside the
// navigation and the side panel at 1280 px, and at a projector's 1024 px.
const COLUMNS = 'minmax(8rem, 2fr) 6rem 4.5rem minmax(6rem, 1fr) 5.5rem 2.25rem';

/** The images as rows; only the rows on screen are in the DOM, so thousands of tags stay smooth. */
export function ImageList({ rows, now, onOpen }: { rows: ImageRow[]; now: number; onOpen: (ref: string) => void }): ReactElement {
  const { t } = useTranslation('images');
  const parent = useRef<HTMLDivElement>(null);
  const rowHeight = (ROW_HEIGHT * useRem()) / 16;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 12 });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  // Down to the status bar, with the page's padding below.
  const height = useRestOfWindow(parent, 24);
  return (
    <div role="table" aria-label={t('list.title')} aria-rowcount={rows.length} data-testid="image-list">
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '6px 8px' }}>
        {(['name', 'created', 'size', 'shared', 'containers'] as const).map((key) => (
          <Text key={key} size="xs" fw={700} c="dimmed" tt="uppercase" role="columnheader" truncate="end" title={t(`list.columns.${key}`)}>
            {key === 'name' ? `${t('list.columns.name')} · ${t('list.columns.id')}` : t(`list.columns.${key}`)}
          </Text>
        ))}
      </div>
      <div ref={parent} style={{ height, overflow: 'auto' }} data-testid="image-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div key={row.key} role="row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}>
                <ImageListRow row={row} now={now} onOpen={onOpen} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function ImageListRow({ row, now, onOpen }: { row: ImageRow; now: number; onOpen: (ref: string) => void }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const { image, name } = row;
  const dangling = image.tags.length === 0;
  const ref = dangling ? image.id : name;
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, alignItems: 'center', height: '100%', padding: '0 8px' }}
      data-testid={`image-row-${name}`}
    >
      <UnstyledButton onClick={() => onOpen(ref)} data-testid={`open-image-${name}`} style={{ minWidth: 0 }} title={name}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate="end" ff="monospace">
            {name}
          </Text>
          {dangling ? (
            <Tooltip label={t('list.danglingExplain')}>
              <Badge size="xs" color="gray" variant="light">
                {t('list.dangling')}
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
        <Text size="xs" ff="monospace" c="dimmed">
          {shortId(image.id)}
        </Text>
      </UnstyledButton>
      <Text size="xs" c="dimmed" title={new Date(image.created).toLocaleString(i18n.language)}>
        {since(image.created, now, i18n.language)}
      </Text>
      <Text size="sm">{formatBytes(image.sizeBytes, i18n.language)}</Text>
      <Text size="xs" c="dimmed">
        {image.sharedBytes >= 0
          ? t('list.sharedUnique', { shared: nowrap(formatBytes(image.sharedBytes, i18n.language)), unique: nowrap(formatBytes(uniqueBytes(image), i18n.language)) })
          : '–'}
      </Text>
      <Badge variant={image.containers > 0 ? 'filled' : 'light'} color={image.containers > 0 ? 'teal' : 'gray'} size="sm">
        {image.containers}
      </Badge>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={t('list.actions', { name })} data-testid={`image-menu-${name}`}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconTag size={14} />} onClick={() => openTagDialog(ref)}>
            {t('actions.tag')}
          </Menu.Item>
          {!dangling ? (
            <Menu.Item leftSection={<IconUpload size={14} />} onClick={() => openPushDialog(name)}>
              {t('actions.push')}
            </Menu.Item>
          ) : null}
          <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => void removeImage(ref, image.containers)} data-testid={`remove-image-${name}`}>
            {t('actions.remove')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
