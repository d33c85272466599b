import { Badge, Code, Drawer, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { servicePsCommand } from '@shared/cli/swarm';
import type { RolloutTimeline as Timeline, SwarmSnapshot } from '@shared/dto/swarm';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { since } from '../../format';
import { nodeName, serviceById, useSwarm } from '../../stores/swarm';
import { LoadSpread } from './LoadSpread';
import { RolloutTimeline } from './RolloutTimeline';
import { ServiceActions } from './ServiceActions';
import { UpdateBadge } from './ServiceList';
import { ServiceLogs } from './ServiceLogs';
import { taskErrorKey, taskStateColor } from './words';

/** `docker service ps`: tasks by slot, newest first, the older ones of a slot indented with \_. */
function TaskHistory({ snapshot, serviceId }: { snapshot: SwarmSnapshot; serviceId: string }): ReactElement {
  const { t, i18n } = useTranslation('swarm');
  const service = serviceById(snapshot, serviceId);
  const tasks = snapshot.tasks.filter((task) => task.serviceId === serviceId);
  const key = (slot: number | undefined, node: string): string => (slot === undefined ? `n:${nodeName(snapshot, node)}` : `s:${String(slot).padStart(6, '0')}`);
  const ordered = [...tasks].sort((a, b) => key(a.slot, a.nodeId).localeCompare(key(b.slot, b.nodeId)) || b.createdAt - a.createdAt);
  const now = snapshot.at;
  return (
    <Stack gap="xs">
      <Table fz="xs" striped data-testid="task-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ps.name')}</Table.Th>
            <Table.Th>{t('ps.image')}</Table.Th>
            <Table.Th>{t('ps.node')}</Table.Th>
            <Table.Th>{t('ps.desired')}</Table.Th>
            <Table.Th>{t('ps.current')}</Table.Th>
            <Table.Th>{t('ps.error')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((task, i) => {
            const previous = ordered[i - 1];
            const older = previous !== undefined && key(previous.slot, previous.nodeId) === key(task.slot, task.nodeId);
            const label = `${service?.name ?? ''}.${task.slot ?? task.nodeId.slice(0, 12)}`;
            const errorKey = taskErrorKey(task.err);
            return (
              <Table.Tr key={task.id} data-testid="task-history-row" data-history={older ? 'old' : 'current'}>
                <Table.Td ff="monospace">{older ? ` \\_ ${label}` : label}</Table.Td>
                <Table.Td ff="monospace">{task.image}</Table.Td>
                <Table.Td>{task.nodeId ? nodeName(snapshot, task.nodeId) : '–'}</Table.Td>
                <Table.Td>{t(`taskState.${task.desiredState}`, { defaultValue: task.desiredState })}</Table.Td>
                <Table.Td>
                  <Badge size="xs" color={taskStateColor(task.state)}>
                    {t(`taskState.${task.state}`, { defaultValue: task.state })}
                  </Badge>{' '}
                  {since(task.stateAt, now, i18n.language)}
                </Table.Td>
                <Table.Td>
                  {task.err ? (
                    <Stack gap={0}>
                      {errorKey ? <Text size="xs">{t(`taskErrors.${errorKey}`)}</Text> : null}
                      <Code>{task.err}</Code>
                    </Stack>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('ps.history', { count: snapshot.state.taskHistoryLimit })}
      </Text>
      <CommandLine command={servicePsCommand(service?.name ?? serviceId)} />
    </Stack>
  );
}

/** The timeline, read again whenever the snapshot changes (live while a rollout runs, from the history after). */
function TimelineTab({ serviceId }: { serviceId: string }): ReactElement {
  const at = useSwarm((s) => s.receivedAt);
  const [timeline, setTimeline] = useState<Timeline | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void api.call('swarm.services.timeline', { service: serviceId }).then(
      (next) => current && setTimeline(next),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [serviceId, at]);
  return timeline ? <RolloutTimeline timeline={timeline} now={at} /> : <Text size="sm">…</Text>;
}

/** One service: its tasks with their history, the rollout timeline, logs, load spread. */
export function ServiceDetail({ serviceId, onClose }: { serviceId: string | undefined; onClose: () => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const snapshot = useSwarm((s) => s.snapshot);
  const service = serviceId ? serviceById(snapshot, serviceId) : undefined;
  return (
    <Drawer opened={serviceId !== undefined} onClose={onClose} position="right" size="80%" title={service?.name ?? ''} data-testid="service-detail">
      {service && snapshot ? (
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <Text size="sm">
                {t(`services.modes.${service.mode}`)} · {service.running}/{service.desired} · <Code>{service.image}</Code>
              </Text>
              <UpdateBadge service={service} />
            </Group>
            <ServiceActions service={service} />
          </Group>
          {service.update?.message ? <Text size="xs" c="dimmed">{t('update.engineSays', { message: service.update.message })}</Text> : null}
          <Tabs defaultValue="tasks" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="tasks" data-testid="service-tab-tasks">
                {t('detail.tasks')}
              </Tabs.Tab>
              <Tabs.Tab value="timeline" data-testid="service-tab-timeline">
                {t('detail.timeline')}
              </Tabs.Tab>
              <Tabs.Tab value="logs" data-testid="service-tab-logs">
                {t('detail.logs')}
              </Tabs.Tab>
              <Tabs.Tab value="spread" data-testid="service-tab-spread">
                {t('detail.spread')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="tasks" pt="sm">
              <TaskHistory snapshot={snapshot} serviceId={service.id} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline" pt="sm">
              <TimelineTab serviceId={service.id} />
            </Tabs.Panel>
            <Tabs.Panel value="logs" pt="sm">
              <ServiceLogs service={service} />
            </Tabs.Panel>
            <Tabs.Panel value="spread" pt="sm">
              <LoadSpread service={service} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      ) : (
        <Text size="sm">{t('detail.gone')}</Text>
      )}
    </Drawer>
  );
}
