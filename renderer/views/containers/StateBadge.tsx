import { Badge, Group } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { ContainerState, HealthState } from '@shared/dto/containers';

const stateColors: Record<ContainerState, string> = {
  running: 'teal',
  paused: 'yellow',
  restarting: 'orange',
  created: 'gray',
  exited: 'gray',
  dead: 'red',
  removing: 'red',
};
const healthColors: Record<HealthState, string> = { none: 'gray', starting: 'blue', healthy: 'teal', unhealthy: 'red' };

/** The container's state, and its health check's verdict when it has one. */
export function StateBadge({ state, health }: { state: ContainerState; health: HealthState }): ReactElement {
  const { t } = useTranslation('containers');
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={stateColors[state]} variant="light" size="sm" data-testid="state-badge">
        {t(`state.${state}`)}
      </Badge>
      {health !== 'none' ? (
        <Badge color={healthColors[health]} variant="outline" size="sm">
          {t(`health.${health}`)}
        </Badge>
      ) : null}
    </Group>
  );
}
