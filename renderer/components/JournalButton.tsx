import { ActionIcon, Indicator } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import { lazy, type ReactElement, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useJournal } from '../stores/journal';
import { Hint } from './Hint';

// The drawer (a virtualised list, the export) loads when the journal is first opened.
const JournalDrawer = lazy(() => import('./JournalDrawer').then((m) => ({ default: m.JournalDrawer })));

/** The header's way into the journal; the drawer itself lives here so any view can open it through the store. */
export function JournalButton(): ReactElement {
  const { t } = useTranslation('learn');
  const count = useJournal((s) => s.entries.length);
  const setOpen = useJournal((s) => s.setOpen);
  const open = useJournal((s) => s.open);
  // Once opened, the drawer stays mounted (its closing animation, its scroll position).
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return (
    <>
      <Hint label={t('journal.open')}>
        <Indicator label={count} size={16} disabled={count === 0} offset={4}>
          <ActionIcon variant="default" size="lg" onClick={() => setOpen(true)} aria-label={t('journal.open')} data-testid="journal-open">
            <IconNotebook size={18} />
          </ActionIcon>
        </Indicator>
      </Hint>
      {opened ? (
        <Suspense fallback={null}>
          <JournalDrawer />
        </Suspense>
      ) : null}
    </>
  );
}
