import { Alert, Badge, Box, Button, Card, Group, ScrollArea, Stack, Switch, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { memo, type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { serviceUpdateCommand } from '@shared/cli/swarm';
import type { NodeSummary, SwarmSnapshot, TaskSummary } from '@shared/dto/swarm';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { formatBytes } from '../../format';
import { liveTasks, serviceById, taskName } from '../../stores/swarm';
import { NodeActions } from './NodeActions';
import { serviceColor, taskErrorKey, taskStateColor } from './words';

interface CardProps {
  name: string;
  serviceId: string;
  state: string;
  stateLabel: string;
  image: string;
  err: string;
  errWords: string;
  onOpen: (serviceId: string) => void;
}

/** One task: plain elements (a map holds hundreds), drawn again only when something of it changed. */
const TaskCard = memo(function TaskCard(props: CardProps): ReactElement {
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={() => props.onOpen(props.serviceId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onOpen(props.serviceId);
      }}
      title={props.err || undefined}
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderLeft: `4px solid var(--mantine-color-${serviceColor(props.serviceId)}-6)`,
        borderRadius: 4,
        padding: 6,
        cursor: 'pointer',
        background: 'var(--mantine-color-body)',
      }}
      data-testid={`task-card-${props.name}`}
      data-state={props.state}
      data-image={props.image}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4, alignItems: 'center' }}>
        <span style={{ fontWeight: 600, fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{props.name}</span>
        <span
          style={{
            fontSize: 10,
            fontWeight: 700,
            textTransform: 'uppercase',
            padding: '0 6px',
            borderRadius: 8,
            color: 'white',
            background: `var(--mantine-color-${taskStateColor(props.state)}-filled)`,
            whiteSpace: 'nowrap',
          }}
        >
          {props.stateLabel}
        </span>
      </div>
      <div style={{ fontSize: 11, color: 'var(--mantine-color-dimmed)', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{props.image}</div>
      {props.err ? <div style={{ fontSize: 11, color: 'var(--mantine-color-red-text)' }}>{props.errWords}</div> : null}
    </div>
  );
});

/** A task's card in the learner's language: the words are worked out here, the card compares plain values. */
function taskCard(task: TaskSummary, name: string, t: TFunction<'swarm'>): Omit<CardProps, 'onOpen'> {
  const errorKey = taskErrorKey(task.err);
  return {
    name,
    serviceId: task.serviceId,
    state: task.state,
    stateLabel: t(`taskState.${task.state}`, { defaultValue: task.state }),
    image: task.image,
    err: task.err,
    errWords: errorKey ? t(`taskErrors.${errorKey}`) : task.err,
  };
}

function NodeColumn({ snapshot, node, tasks, names, onOpenService }: { snapshot: SwarmSnapshot; node: NodeSummary; tasks: TaskSummary[]; names: Map<string, string>; onOpenService: (id: string) => void }): ReactElement {
  const { t, i18n } = useTranslation('swarm');
  const nameOf = (task: TaskSummary): string => names.get(task.id) ?? task.id;
  const ordered = [...tasks].sort((a, b) => nameOf(a).localeCompare(nameOf(b), undefined, { numeric: true }));
  return (
    <Card withBorder w={260} miw={260} p="sm" data-testid={`node-column-${node.hostname}`} data-availability={node.availability} data-status={node.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text fw={700} truncate>
            {node.hostname}
            {node.self ? ' *' : ''}
          </Text>
          <NodeActions snapshot={snapshot} node={node} />
        </Group>
        <Group gap={4}>
          <Badge size="sm" color={node.role === 'manager' ? 'grape' : 'blue'}>
            {node.leader ? t('node.leader') : t(`node.role.${node.role}`)}
          </Badge>
          <Badge size="sm" variant="light" color={node.availability === 'active' ? 'teal' : node.availability === 'drain' ? 'red' : 'yellow'} data-testid={`node-availability-${node.hostname}`}>
            {t(`node.availability.${node.availability}`)}
          </Badge>
          <Badge size="sm" variant="outline" color={node.status === 'ready' ? 'teal' : 'red'}>
            {t(`node.status.${node.status}`, { defaultValue: node.status })}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('node.facts', { version: node.engineVersion, cpus: node.cpus, memory: formatBytes(node.memoryBytes, i18n.language), address: node.address })}
        </Text>
        {Object.keys(node.labels).length ? (
          <Group gap={4}>
            {Object.entries(node.labels).map(([k, v]) => (
              <Badge key={k} size="xs" variant="dot" color="gray">
                {v ? `${k}=${v}` : k}
              </Badge>
            ))}
          </Group>
        ) : null}
        {node.availability === 'drain' ? <Text size="xs" c="dimmed">{t('node.drained')}</Text> : null}
        <Stack gap={4} data-testid={`node-tasks-${node.hostname}`}>
          {ordered.map((task) => (
            <TaskCard key={task.id} {...taskCard(task, nameOf(task), t)} onOpen={onOpenService} />
          ))}
          {ordered.length ? null : <Text size="xs" c="dimmed">{t('node.empty')}</Text>}
        </Stack>
      </Stack>
    </Card>
  );
}

/**
 * Tasks do not move back to a node that became active again: the swarm places only new tasks. A
 * replicated service with several tasks on one node while an active node has none can be
 * redeployed (`service update --force`), which places every task anew.
 */
function Rebalance({ snapshot }: { snapshot: SwarmSnapshot }): ReactElement | null {
  const { t } = useTranslation('swarm');
  const live = liveTasks(snapshot);
  const empty = snapshot.nodes.filter((n) => n.availability === 'active' && n.status === 'ready' && !live.some((task) => task.nodeId === n.id));
  if (!empty.length) return null;
  const crowded = snapshot.services.filter((s) => {
    if (s.mode !== 'replicated' || s.desired < 2) return false;
    const perNode = new Map<string, number>();
    for (const task of live.filter((x) => x.serviceId === s.id)) perNode.set(task.nodeId, (perNode.get(task.nodeId) ?? 0) + 1);
    return [...perNode.values()].some((n) => n >= 2);
  });
  if (!crowded.length) return null;
  return (
    <Alert color="blue" title={t('rebalance.title', { nodes: empty.map((n) => n.hostname).join(', ') })} data-testid="swarm-rebalance">
      <Stack gap="xs">
        <Text size="sm">{t('rebalance.body')}</Text>
        {crowded.map((s) => {
          const command = serviceUpdateCommand(s.name, { force: true });
          return (
            <Group key={s.id} gap="xs" wrap="nowrap">
              <Box style={{ flex: 1 }}>
                <CommandLine command={command} />
              </Box>
              <Button size="xs" variant="light" onClick={() => void perform({ label: t('rebalance.action', { service: s.name }), command, run: () => api.call('swarm.services.update', { service: s.id, changes: { force: true } }) }).catch(() => undefined)}>
                {t('rebalance.button')}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Alert>
  );
}

/** One column per node (managers first) with its tasks as cards, updated from the engine's events. */
export function NodeMap({ snapshot, onOpenService }: { snapshot: SwarmSnapshot; onOpenService: (id: string) => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const [onlyRunning, setOnlyRunning] = useState(false);
  const names = useMemo(() => new Map(snapshot.tasks.map((task) => [task.id, taskName(snapshot, task)])), [snapshot]);
  const byNode = useMemo(() => {
    const map = new Map<string, TaskSummary[]>();
    for (const task of liveTasks(snapshot)) {
      if (onlyRunning && task.state !== 'running') continue;
      if (!serviceById(snapshot, task.serviceId)) continue;
      map.set(task.nodeId, [...(map.get(task.nodeId) ?? []), task]);
    }
    return map;
  }, [snapshot, onlyRunning]);
  const pending = liveTasks(snapshot).filter((task) => !task.nodeId);
  return (
    <Stack gap="sm" data-testid="node-map">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('map.intro')}
        </Text>
        <Switch size="sm" label={t('map.onlyRunning')} checked={onlyRunning} onChange={(e) => setOnlyRunning(e.currentTarget.checked)} />
      </Group>
      <Rebalance snapshot={snapshot} />
      <ScrollArea type="auto">
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
          {snapshot.nodes.map((node) => (
            <NodeColumn key={node.id} snapshot={snapshot} node={node} tasks={byNode.get(node.id) ?? []} names={names} onOpenService={onOpenService} />
          ))}
          {pending.length ? (
            <Card withBorder w={260} miw={260} p="sm" data-testid="node-column-unplaced">
              <Stack gap={4}>
                <Text fw={700}>{t('map.unplaced')}</Text>
                <Text size="xs" c="dimmed">
                  {t('map.unplacedHelp')}
                </Text>
                {pending.map((task) => (
                  <TaskCard key={task.id} {...taskCard(task, names.get(task.id) ?? task.id, t)} onOpen={onOpenService} />
                ))}
              </Stack>
            </Card>
          ) : null}
        </Group>
      </ScrollArea>
      <CommandLine command="docker node ls && docker node ps $(docker node ls -q)" />
    </Stack>
  );
}
