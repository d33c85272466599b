import './DashboardView.css';

import { Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, type ReactElement, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { EngineInfo } from '@shared/dto/engine';

import { afterNextPaint } from '../../components/afterPaint';
import { CleanupLink } from '../../components/CleanupLink';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { formatBytes } from '../../format';
import { useDashboardStore } from '../../stores/dashboard';
import { isConnected, useEngineStore } from '../../stores/engine';

// The chart library loads with the first chart, after the counts are on screen.
const DiskUsageChart = lazy(() => import('../../components/DiskUsageChart').then((m) => ({ default: m.DiskUsageChart })));

export function DashboardView(): ReactElement {
  const { t } = useTranslation();
  const engine = useEngineStore((s) => s.state);
  const connected = isConnected(engine);
  const countsError = useDashboardStore((s) => s.countsError);
  // Each card follows its own part of the store: the disk usage arriving does not draw the counts again.
  return (
    <Stack p="lg" gap="lg">
      <ViewHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      {/* Without an engine the banner above says so; the counts' own error would repeat it. */}
      {connected && countsError ? <ErrorNotice error={countsError} /> : null}
      <Counts />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <DiskCard connected={connected} />
        {engine?.info ? <EngineCard info={engine.info} /> : null}
      </SimpleGrid>
    </Stack>
  );
}

function Counts(): ReactElement {
  const { t } = useTranslation();
  // The counts are followed while the dashboard is the area (renderer/startup.ts), so they are asked for before this view mounts.
  const counts = useDashboardStore((s) => s.counts);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <CountCard label={t('dashboard.counts.images')} value={counts?.images} testId="count-images" command="docker image ls" />
      <CountCard
        label={t('dashboard.counts.containers')}
        value={counts?.containers.total}
        testId="count-containers"
        command="docker ps -a"
        detail={
          counts
            ? [
                t('dashboard.counts.running', { count: counts.containers.running }),
                t('dashboard.counts.stopped', { count: counts.containers.stopped }),
                ...(counts.containers.paused ? [t('dashboard.counts.paused', { count: counts.containers.paused })] : []),
              ].join(' · ')
            : undefined
        }
      />
      <CountCard label={t('dashboard.counts.networks')} value={counts?.networks} testId="count-networks" command="docker network ls" />
      <CountCard label={t('dashboard.counts.volumes')} value={counts?.volumes} testId="count-volumes" command="docker volume ls" />
    </SimpleGrid>
  );
}

function DiskCard({ connected }: { connected: boolean }): ReactElement {
  const { t } = useTranslation();
  const counted = useDashboardStore((s) => s.counts !== undefined || s.countsError !== undefined);
  const disk = useDashboardStore((s) => s.disk);
  const diskLoading = useDashboardStore((s) => s.diskLoading);
  const diskError = useDashboardStore((s) => s.diskError);
  const loadDisk = useDashboardStore((s) => s.loadDisk);

  useEffect(() => {
    if (!connected || !counted) return undefined;
    // /system/df can take seconds on a full engine: ask after the counts are painted, never before.
    return afterNextPaint(() => void loadDisk());
  }, [connected, counted, loadDisk]);

  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.disk.title')}
      </Title>
      {diskError ? <ErrorNotice error={diskError} /> : null}
      {disk ? (
        <Suspense fallback={<Loader size="sm" />}>
          <DiskUsageChart disk={disk} />
        </Suspense>
      ) : diskLoading || !diskError ? (
        <Group gap="xs" data-testid="disk-usage-loading">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {t('dashboard.disk.loading')}
          </Text>
        </Group>
      ) : null}
      <Text size="xs" c="dimmed" mt="xs">
        {t('dashboard.disk.explain')}
      </Text>
      <CommandLine command={t('dashboard.disk.command')} />
      <CleanupLink />
    </Card>
  );
}

function CountCard(props: { label: string; value: number | undefined; testId: string; command: string; detail?: string | undefined }): ReactElement {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text fz={32} fw={700} data-testid={props.testId}>
        {props.value ?? '–'}
      </Text>
      {props.detail ? (
        <Text size="xs" c="dimmed" data-testid={`${props.testId}-detail`}>
          {props.detail}
        </Text>
      ) : null}
      <Text size="xs" ff="monospace" c="dimmed" mt={4}>
        $ {props.command}
      </Text>
    </Card>
  );
}

function EngineCard({ info }: { info: EngineInfo }): ReactElement {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    [t('engine.fields.version'), `${info.product === 'podman' ? 'Podman' : 'Docker'} ${info.version}`],
    [t('engine.fields.apiVersion'), info.apiVersion],
    [t('engine.fields.os'), `${info.os} (${info.osType}/${info.architecture})`],
    [t('engine.fields.kernel'), info.kernelVersion],
    [t('engine.fields.storageDriver'), info.storageDriver],
    [t('engine.fields.rootless'), info.rootless ? t('engine.rootless.yes') : t('engine.rootless.no')],
    [t('engine.fields.cpus'), String(info.cpus)],
    [t('engine.fields.memory'), formatBytes(info.memoryBytes, i18n.language)],
    [t('engine.fields.swarm'), t(`engine.swarmState.${info.swarm}`)],
  ];
  return (
    <Card withBorder data-testid="engine-card">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.engineCard')}
      </Title>
      <table className="lotse-facts">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CommandLine command="docker version && docker info" />
    </Card>
  );
}
