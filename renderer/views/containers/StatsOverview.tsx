import { Badge, Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { containerCli } from '@shared/cli/containers/lifecycle';
import type { ContainerSummary } from '@shared/dto/containers';

import { CommandLine } from '../../components/CommandLine';
import { formatBytes, formatPercent } from '../../format';
import { useContainers } from '../../stores/containers';
import { useStats } from './StatsPanel';

/** At most this many streams at once: each is one open connection to the engine. */
const MAX_LIVE = 30;

/** `docker stats`: every running container in one compact card; the streams live while this is shown. */
export function StatsOverview({ containers }: { containers: ContainerSummary[] }): ReactElement {
  const { t } = useTranslation('containers');
  const running = containers.filter((c) => c.state === 'running').slice(0, MAX_LIVE);
  return (
    <Stack gap="sm" data-testid="stats-overview">
      <Text size="sm" c="dimmed">
        {t('stats.overview', { count: running.length, max: MAX_LIVE })}
      </Text>
      <CommandLine command={containerCli.stats([])} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {running.map((c) => (
          <StatsCard key={c.id} container={c} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function StatsCard({ container }: { container: ContainerSummary }): ReactElement {
  const { t, i18n } = useTranslation('containers');
  const { latest } = useStats(container.id);
  const open = useContainers((s) => s.open);
  return (
    <Card withBorder padding="sm" onClick={() => open(container.id)} style={{ cursor: 'pointer' }}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" truncate="end">
          {container.name}
        </Text>
        <Badge variant="light">{latest ? formatPercent(latest.cpuPercent, i18n.language) : '…'}</Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('stats.memory')}: {latest ? `${formatBytes(latest.memoryUsedBytes, i18n.language)} / ${formatBytes(latest.memoryLimitBytes, i18n.language)}` : '…'}
      </Text>
      <Progress value={latest?.memoryPercent ?? 0} size="sm" mt={4} aria-label={t('stats.memory')} />
      <Text size="xs" c="dimmed" mt={4}>
        {t('stats.net')}: {latest ? `${formatBytes(latest.networkRxBytes, i18n.language)} ↓ ${formatBytes(latest.networkTxBytes, i18n.language)} ↑` : '…'}
      </Text>
    </Card>
  );
}
