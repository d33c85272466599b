import { Button, CopyButton, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconCopy, IconDownload, IconTrash } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { formatNumber } from '../format';
import { exportJournal, journalFileName } from '../learn/journal-export';
import { useJournal } from '../stores/journal';
import { useTrainer } from '../stores/trainer';
import { JournalEntryRow } from './JournalEntryRow';
import { modals } from '../actions/modals';

/** Offers a text as a file download (the journal as a shell script). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/x-shellscript' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The journal since Lotse started (kept by the backend, bounded): every action with time, command and result; copy, export, clear. */
export function JournalDrawer(): ReactElement {
  const { t, i18n } = useTranslation('learn');
  const open = useJournal((s) => s.open);
  const setOpen = useJournal((s) => s.setOpen);
  const entries = useJournal((s) => s.entries);
  const limit = useJournal((s) => s.limit);
  const clear = useJournal((s) => s.clear);
  const hideSecrets = useTrainer((s) => s.hideSecrets);
  const language = i18n.language === 'de' ? 'de' : 'en';
  const script = (): string => exportJournal(entries, { language, now: Date.now(), hideSecrets });

  const confirmClear = (): void => {
    modals.openConfirmModal({
      title: t('journal.clearTitle'),
      children: <Text size="sm">{t('journal.clearBody', { count: entries.length })}</Text>,
      labels: { confirm: t('journal.clear'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red', 'data-testid': 'journal-clear-confirm' } as Record<string, unknown>,
      onConfirm: clear,
    });
  };

  return (
    <Drawer
      opened={open}
      onClose={() => setOpen(false)}
      position="right"
      size="lg"
      title={t('journal.title')}
      data-testid="journal-drawer"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('journal.intro')}
        </Text>
        <Text size="xs" c="dimmed" data-testid="journal-kept">
          {t('journal.kept', { limit: formatNumber(limit, i18n.language) })}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconDownload size={16} />}
            disabled={entries.length === 0}
            onClick={() => download(journalFileName(Date.now()), script())}
            data-testid="journal-export"
          >
            {t('journal.export')}
          </Button>
          <CopyButton value={entries.length ? script() : ''}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" leftSection={<IconCopy size={16} />} disabled={entries.length === 0} onClick={copy}>
                {copied ? t('journal.copied') : t('journal.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            disabled={entries.length === 0}
            onClick={confirmClear}
            data-testid="journal-clear"
          >
            {t('journal.clear')}
          </Button>
        </Group>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="journal-empty">
            {t('journal.empty')}
          </Text>
        ) : (
          <JournalList hideSecrets={hideSecrets} />
        )}
      </Stack>
    </Drawer>
  );
}

/** Newest first, virtualised: a long training day has hundreds of actions. */
function JournalList({ hideSecrets }: { hideSecrets: boolean }): ReactElement {
  const entries = useJournal((s) => s.entries);
  const newestFirst = [...entries].reverse();
  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual's functions cannot be memoised by the React Compiler; this component opts out.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: newestFirst.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 96,
    overscan: 6,
  });
  return (
    <div ref={parent} style={{ height: 'calc(100vh - 200px)', overflowY: 'auto' }} data-testid="journal-list">
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {rows.getVirtualItems().map((row) => {
          const entry = newestFirst[row.index];
          if (!entry) return null;
          return (
            <div
              key={entry.id}
              ref={rows.measureElement}
              data-index={row.index}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${String(row.start)}px)` }}
            >
              <JournalEntryRow entry={entry} hideSecrets={hideSecrets} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
