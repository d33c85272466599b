import { ActionIcon, Alert, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconHelp } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { SwarmSnapshot, SwarmState } from '@shared/dto/swarm';

import { CommandLine } from '../../components/CommandLine';
import { useConcept } from '../../stores/concept';
import { liveTasks, taskName } from '../../stores/swarm';

/** Where this engine stands: inactive, pending, manager (leader or not), worker, locked, error. */
export function stateKey(state: SwarmState): string {
  if (state.localState !== 'active') return state.localState;
  if (!state.manager) return 'worker';
  return state.leader ? 'leader' : 'manager';
}

const COLOR: Record<string, string> = { inactive: 'gray', pending: 'yellow', locked: 'orange', error: 'red', worker: 'blue', manager: 'grape', leader: 'grape' };

/** The concept panel draws this swarm: its managers and workers with the tasks on them. */
export function showSwarmConcept(snapshot: SwarmSnapshot, concept = 'swarm-manager-worker'): void {
  const tasks = liveTasks(snapshot);
  useConcept.getState().show(concept, {
    name: snapshot.state.clusterId.slice(0, 12),
    swarmNodes: snapshot.nodes.map((n) => ({
      name: n.hostname,
      role: n.role,
      leader: n.leader,
      tasks: tasks.filter((t) => t.nodeId === n.id).map((t) => taskName(snapshot, t)),
    })),
  });
}

export function StateCard({ snapshot }: { snapshot: SwarmSnapshot }): ReactElement {
  const { t } = useTranslation('swarm');
  const { state } = snapshot;
  const key = stateKey(state);
  // Raft needs a majority: with m managers, floor((m - 1) / 2) may fail.
  const tolerance = Math.floor((state.managers - 1) / 2);
  return (
    <Card withBorder data-testid="swarm-state-card">
      <Stack gap="xs">
        <Group gap="sm">
          <Badge size="lg" color={COLOR[key] ?? 'gray'} data-testid="swarm-state">
            {t(`state.${key}`)}
          </Badge>
          {state.localState === 'active' ? (
            <Text size="sm" c="dimmed" data-testid="swarm-counts">
              {t('state.counts', { managers: state.managers, nodes: state.nodes })}
            </Text>
          ) : null}
          {state.nodeAddr ? <Text size="sm" c="dimmed">{t('state.address', { address: state.nodeAddr })}</Text> : null}
          <Tooltip label={t('concepts.open')}>
            <ActionIcon variant="subtle" onClick={() => showSwarmConcept(snapshot)} aria-label={t('concepts.open')} data-testid="swarm-concept">
              <IconHelp size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Text size="sm">{t(`state.explain.${key}`)}</Text>
        {state.error ? (
          <Text size="xs" c="red">
            {t('state.engineSays')}: {state.error}
          </Text>
        ) : null}
        {state.manager && state.managers === 2 ? (
          <Alert color="orange" data-testid="swarm-two-managers">
            {t('state.twoManagers')}
          </Alert>
        ) : null}
        {state.manager && state.managers > 2 ? <Text size="xs" c="dimmed">{t('state.tolerance', { count: tolerance })}</Text> : null}
        <CommandLine command="docker info --format '{{json .Swarm}}'" />
      </Stack>
    </Card>
  );
}
