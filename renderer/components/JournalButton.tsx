import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { useJournal } from '../stores/journal';
import { JournalDrawer } from './JournalDrawer';

/** The header's way into the journal; the drawer itself lives here so any view can open it through the store. */
export function JournalButton(): ReactElement {
  const { t } = useTranslation('learn');
  const count = useJournal((s) => s.entries.length);
  const setOpen = useJournal((s) => s.setOpen);
  return (
    <>
      <Tooltip label={t('journal.open')}>
        <Indicator label={count} size={16} disabled={count === 0} offset={4}>
          <ActionIcon variant="default" size="lg" onClick={() => setOpen(true)} aria-label={t('journal.open')} data-testid="journal-open">
            <IconNotebook size={18} />
          </ActionIcon>
        </Indicator>
      </Tooltip>
      <JournalDrawer />
    </>
  );
}
