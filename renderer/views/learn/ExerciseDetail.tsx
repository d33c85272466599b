import { Alert, Badge, Button, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBulb, IconCircleCheck, IconCircleDashed, IconCircleX, IconRefresh, IconRotate } from '@tabler/icons-react';
import { type ReactElement, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';

import { cli } from '@shared/cli/shell';
import type { CheckOutcome } from '@shared/dto/learn';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { Language } from '../../i18n';
import { useConcepts } from '../../learn/concepts';
import { type Exercise, text } from '../../learn/exercises';
import { useConcept } from '../../stores/concept';
import { useExercises } from '../../stores/exercises';
import { modals } from '../../actions/modals';

/** Inline Markdown (`code`, **bold**) inside a sentence, without a wrapping paragraph. */
function Inline({ children }: { children: string }): ReactElement {
  return <Markdown components={{ p: ({ children: inner }) => <>{inner}</> }}>{children}</Markdown>;
}

function CheckRow({ label, outcome, pending }: { label: string; outcome: CheckOutcome | undefined; pending: boolean }): ReactElement {
  const { t } = useTranslation('learn');
  const state = outcome ? (outcome.passed ? 'passed' : 'failed') : 'open';
  const icon =
    state === 'passed' ? <IconCircleCheck size={18} /> : state === 'failed' ? <IconCircleX size={18} /> : <IconCircleDashed size={18} />;
  const color = state === 'passed' ? 'teal' : state === 'failed' ? 'red' : 'gray';
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid="exercise-check" data-check={outcome?.id} data-state={pending ? 'checking' : state}>
      <ThemeIcon color={color} variant="light" radius="xl" size="md" aria-label={t(`exercises.state.${state}`)}>
        {icon}
      </ThemeIcon>
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {outcome ? (
          <Text size="xs" c="dimmed" data-testid="exercise-check-reason">
            {t(`checks.${outcome.reason}`, { ...outcome.facts, defaultValue: outcome.reason })}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

/** One exercise: goal, steps, hints revealed one by one, and its checks against the live engine. */
export function ExerciseDetail({ exercise }: { exercise: Exercise }): ReactElement {
  const { t, i18n } = useTranslation('learn');
  const language: Language = i18n.language === 'de' ? 'de' : 'en';
  const concepts = useConcepts(language);
  const progress = useExercises((s) => s.progress[exercise.id]);
  const checking = useExercises((s) => s.checking === exercise.id);
  const error = useExercises((s) => s.error);
  const { revealHint, check, reset, watch } = useExercises.getState();
  useEffect(() => watch(exercise.id), [exercise.id, watch]);

  const last = progress?.last;
  const hintsShown = Math.min(progress?.hintsShown ?? 0, exercise.hints.length);
  const needsHelper = !!last?.checks.some((c) => c.reason === 'no-helper-image');
  const pullHelper = async (): Promise<void> => {
    try {
      await perform({ label: t('exercises.pullHelper'), command: cli('docker', 'pull', 'busybox'), run: () => api.call('images.pull', { ref: 'busybox' }) });
      await check(exercise.id);
    } catch {
      // perform() has shown the error with its command.
    }
  };
  const allPassed = !!last && last.checks.length > 0 && last.checks.every((c) => c.passed);

  const confirmReset = (): void => {
    modals.openConfirmModal({
      title: t('exercises.resetTitle'),
      children: <Text size="sm">{t('exercises.resetBody')}</Text>,
      labels: { confirm: t('exercises.reset'), cancel: t('common:actions.cancel') },
      confirmProps: { 'data-testid': 'exercise-reset-confirm' } as Record<string, unknown>,
      onConfirm: () => reset(exercise.id),
    });
  };

  return (
    <Stack gap="md" data-testid="exercise-detail" data-exercise={exercise.id}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('exercises.number', { number: exercise.number })} · {t(`exercises.area.${exercise.area}`)}
          </Text>
          <Title order={2}>{text(exercise.title, language)}</Title>
        </Stack>
        {allPassed ? (
          <Badge color="teal" size="lg" data-testid="exercise-done">
            {t('exercises.done')}
          </Badge>
        ) : null}
      </Group>

      <Paper withBorder p="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb={4}>
          {t('exercises.goal')}
        </Text>
        <Text>
          <Inline>{text(exercise.goal, language)}</Inline>
        </Text>
      </Paper>

      <Stack gap="xs">
        <Title order={4}>{t('exercises.steps')}</Title>
        <List type="ordered" spacing="xs">
          {exercise.steps.map((step, index) => (
            <List.Item key={index}>
              <Inline>{text(step, language)}</Inline>
            </List.Item>
          ))}
        </List>
      </Stack>

      {exercise.hints.length > 0 ? (
        <Stack gap="xs">
          <Title order={4}>{t('exercises.hints')}</Title>
          {exercise.hints.slice(0, hintsShown).map((hint, index) => (
            <Alert key={index} variant="light" color="yellow" icon={<IconBulb size={18} />} data-testid="exercise-hint">
              <Inline>{text(hint, language)}</Inline>
            </Alert>
          ))}
          {hintsShown < exercise.hints.length ? (
            <Group>
              <Button variant="default" size="xs" leftSection={<IconBulb size={16} />} onClick={() => revealHint(exercise.id)} data-testid="exercise-hint-reveal">
                {hintsShown === 0 ? t('exercises.firstHint') : t('exercises.nextHint', { shown: hintsShown, total: exercise.hints.length })}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('exercises.checks')}</Title>
          <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconRefresh size={16} />} loading={checking} onClick={() => void check(exercise.id)} data-testid="exercise-check-now">
                {t('exercises.checkNow')}
              </Button>
              <Button size="xs" variant="subtle" leftSection={<IconRotate size={16} />} onClick={confirmReset} data-testid="exercise-reset">
                {t('exercises.reset')}
              </Button>
            </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {/* Docker, Compose and Swarm checks follow the engine's events; a cluster is asked on request. */}
          {t(exercise.area === 'kube' ? 'exercises.checksExplainKube' : 'exercises.checksExplain')}
        </Text>
        {error ? <ErrorNotice error={error} /> : null}
        {needsHelper ? (
          <Alert variant="light" color="orange" data-testid="exercise-needs-helper">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('checks.no-helper-image')}</Text>
              <Button size="xs" onClick={() => void pullHelper()}>
                {t('exercises.pullHelper')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        <Stack gap="sm">
          {exercise.checks.map((c) => (
            <CheckRow key={c.id} label={text(c, language)} outcome={last?.checks.find((o) => o.id === c.id)} pending={checking} />
          ))}
        </Stack>
      </Stack>

      {exercise.concepts.length > 0 ? (
        <Stack gap="xs">
          <Title order={4}>{t('exercises.concepts')}</Title>
          <Group gap={6}>
            {exercise.concepts.map((id) => (
              <Badge
                key={id}
                variant="light"
                component="button"
                style={{ cursor: 'pointer' }}
                onClick={() => useConcept.getState().show(id)}
              >
                {concepts.get(id)?.title ?? id}
              </Badge>
            ))}
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
