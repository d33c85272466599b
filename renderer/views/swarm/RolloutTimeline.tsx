import { Alert, Badge, Box, Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { RolloutTimeline as Timeline, TimelineTask } from '@shared/dto/swarm';

import { taskErrorKey } from './words';

const LABEL_WIDTH = 140;

/** How far into the window a moment lies, in percent. */
const at = (time: number, start: number, span: number): number => Math.min(100, Math.max(0, ((time - start) / span) * 100));

function Bar({ task, start, span, now }: { task: TimelineTask; start: number; span: number; now: number }): ReactElement {
  const { t } = useTranslation('swarm');
  const from = at(task.createdAt, start, span);
  const running = task.runningAt === undefined ? undefined : at(task.runningAt, start, span);
  const end = at(task.endedAt ?? now, start, span);
  const color = task.fresh ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-5)';
  const failed = task.state === 'failed' || task.state === 'rejected';
  const errorKey = taskErrorKey(task.err);
  const words = [
    `${task.image} · ${t(`taskState.${task.state}`, { defaultValue: task.state })}`,
    ...(task.batch === undefined ? [] : [t('timeline.batchOf', { batch: task.batch + 1 })]),
    ...(task.err ? [errorKey ? t(`taskErrors.${errorKey}`) : task.err] : []),
  ].join(' — ');
  return (
    <Tooltip label={words} multiline maw={360}>
      <Box
        data-testid="timeline-task"
        data-fresh={task.fresh ? 'yes' : 'no'}
        data-state={task.state}
        data-batch={task.batch ?? ''}
        style={{ position: 'absolute', left: `${from}%`, width: `${Math.max(0.8, end - from)}%`, top: task.fresh ? 14 : 2, height: 10, borderRadius: 3, overflow: 'hidden', background: failed ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-2)' }}
      >
        {running === undefined || failed ? null : <Box style={{ position: 'absolute', left: `${((running - from) / Math.max(0.8, end - from)) * 100}%`, right: 0, top: 0, bottom: 0, background: color }} />}
      </Box>
    </Tooltip>
  );
}

/**
 * A rollout over time: one row per slot, the replaced task above (grey), the new one below (green
 * from the moment it runs); batches follow parallelism and delay; where the two overlap, the new
 * task ran before the old one stopped (start-first).
 */
export function RolloutTimeline({ timeline, now }: { timeline: Timeline; now: number }): ReactElement {
  const { t } = useTranslation('swarm');
  const tasks = timeline.rows.flatMap((r) => r.tasks);
  const started = timeline.update?.startedAt;
  const start = started !== undefined ? started - 2000 : Math.min(...tasks.map((x) => x.createdAt), now);
  const end = timeline.live ? now : Math.max(timeline.update?.completedAt ?? 0, ...tasks.map((x) => x.endedAt ?? x.runningAt ?? x.createdAt), start + 1000);
  const span = Math.max(1000, end - start);
  const first = timeline.batches[0]?.startedAt ?? start;
  return (
    <Stack gap="sm" data-testid="rollout-timeline" data-kind={timeline.kind} data-live={timeline.live ? 'yes' : 'no'}>
      <Group gap="xs">
        <Badge color={timeline.live ? 'yellow' : 'gray'}>{t(`timeline.kind.${timeline.kind}`)}</Badge>
        {timeline.update ? <Badge variant="light">{t(`update.state.${timeline.update.state}`)}</Badge> : null}
        <Text size="sm">
          <Code>{timeline.fromImage}</Code> → <Code>{timeline.toImage}</Code>
        </Text>
      </Group>
      <Text size="xs" c="dimmed" data-testid="timeline-config">
        {t('timeline.config', { parallelism: timeline.parallelism || t('timeline.all'), delay: timeline.delayMs / 1000, order: timeline.order })}{' '}
        {t(timeline.order === 'start-first' ? 'timeline.startFirst' : timeline.overlaps ? 'timeline.stopFirst' : 'timeline.stopFirstKept', { count: timeline.overlaps })}
      </Text>
      {timeline.update?.message ? <Text size="xs">{t('update.engineSays', { message: timeline.update.message })}</Text> : null}
      {timeline.completedShort ? (
        <Alert color="red" data-testid="timeline-short">
          {t('timeline.short')}
        </Alert>
      ) : null}
      <Stack gap={4}>
        {timeline.rows.map((row) => (
          <Group key={row.key} gap="xs" wrap="nowrap" data-testid={`timeline-row-${row.label}`}>
            <Text size="xs" ff="monospace" w={LABEL_WIDTH} truncate>
              {row.label}
            </Text>
            <Box style={{ position: 'relative', flex: 1, height: 28, background: 'var(--mantine-color-default-hover)', borderRadius: 4 }}>
              {row.tasks.map((task) => (
                <Bar key={task.taskId} task={task} start={start} span={span} now={now} />
              ))}
            </Box>
          </Group>
        ))}
      </Stack>
      {timeline.batches.length ? (
        <Stack gap={2} data-testid="timeline-batches">
          {timeline.batches.map((b) => (
            <Text key={b.index} size="xs" data-testid="timeline-batch">
              {t('timeline.batch', {
                batch: b.index + 1,
                at: ((b.startedAt - first) / 1000).toFixed(1),
                tasks: b.taskIds.map((id) => timeline.rows.find((r) => r.tasks.some((x) => x.taskId === id))?.label ?? id.slice(0, 8)).join(', '),
              })}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          {t('timeline.none')}
        </Text>
      )}
    </Stack>
  );
}
