import { Grid, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { type ReactElement, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { Language } from '../../i18n';
import { exercise as findExercise, exercises, text } from '../../learn/exercises';
import { useExercises } from '../../stores/exercises';
import { ExerciseDetail } from './ExerciseDetail';

/** The course's exercises, each checked against the live engine (or the cluster), done ones ticked. */
export function ExercisesPanel(): ReactElement {
  const { t, i18n } = useTranslation('learn');
  const language: Language = i18n.language === 'de' ? 'de' : 'en';
  const progress = useExercises((s) => s.progress);
  const selectedId = useExercises((s) => s.selected);
  const select = useExercises((s) => s.select);
  const list = exercises();
  const selected = (selectedId ? findExercise(selectedId) : undefined) ?? list[0];
  // Opening the area starts the first exercise's clock, as clicking it would.
  useEffect(() => {
    if (!selectedId && list[0]) select(list[0].id);
  }, [selectedId, list, select]);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <ScrollArea.Autosize mah="calc(100vh - 220px)">
          <Stack gap={2} role="list" aria-label={t('exercises.title')}>
            {list.map((e) => {
              const done = progress[e.id]?.completedAt !== undefined;
              return (
                <NavLink
                  key={e.id}
                  role="listitem"
                  active={selected?.id === e.id}
                  onClick={() => select(e.id)}
                  data-testid={`exercise-${e.id}`}
                  label={`${String(e.number)}. ${text(e.title, language)}`}
                  description={t(`exercises.area.${e.area}`)}
                  rightSection={
                    done ? <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-label={t('exercises.done')} /> : null
                  }
                />
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {selected ? (
          <ExerciseDetail key={selected.id} exercise={selected} />
        ) : (
          <Text c="dimmed">{t('exercises.none')}</Text>
        )}
      </Grid.Col>
    </Grid>
  );
}
