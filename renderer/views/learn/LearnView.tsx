import { Button, Stack, Tabs } from '@mantine/core';
import { IconBell, IconBook, IconChecklist, IconNotebook, IconSchool } from '@tabler/icons-react';
import { type ReactElement, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ViewHeader } from '../../components/ViewHeader';
import { useEventsFeed } from '../../stores/events-feed';
import { useJournal } from '../../stores/journal';
import { useLearnTab, type LearnTab } from '../../stores/learn-tab';
import { ConceptsPanel } from './ConceptsPanel';
import { EventsPanel } from './EventsPanel';
import { ExercisesPanel } from './ExercisesPanel';
import { TrainerPanel } from './TrainerPanel';

const tabs: LearnTab[] = ['exercises', 'concepts', 'events', 'trainer'];

/** The Learn area: exercises checked against the engine, the concept catalogue, events in plain words, trainer mode. */
export function LearnView(): ReactElement {
  const { t } = useTranslation('learn');
  const tab = useLearnTab((s) => s.tab);
  const setTab = useLearnTab((s) => s.setTab);
  const watchEvents = useEventsFeed((s) => s.watch);
  // The feed listens while the Learn area is open, whichever tab shows.
  useEffect(() => watchEvents(), [watchEvents]);
  const icons = { exercises: IconChecklist, concepts: IconBook, events: IconBell, trainer: IconSchool };

  return (
    <Stack p="lg" gap="md">
      <ViewHeader title={t('title')} intro={t('intro')}>
        <Button variant="default" leftSection={<IconNotebook size={16} />} onClick={() => useJournal.getState().setOpen(true)} data-testid="learn-journal">
          {t('journal.open')}
        </Button>
      </ViewHeader>
      <Tabs value={tab} onChange={(value) => setTab((tabs as string[]).includes(value ?? '') ? (value as LearnTab) : 'exercises')} keepMounted={false}>
        <Tabs.List>
          {tabs.map((id) => {
            const Icon = icons[id];
            return (
              <Tabs.Tab key={id} value={id} leftSection={<Icon size={16} />} data-testid={`learn-tab-${id}`}>
                {t(`tabs.${id}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="exercises" pt="md">
          <ExercisesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="concepts" pt="md">
          <ConceptsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="md">
          <EventsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="trainer" pt="md">
          <TrainerPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
