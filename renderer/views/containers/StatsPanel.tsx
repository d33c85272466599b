import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { containerCli } from '@shared/cli/containers/lifecycle';
import type { StatsSample, StreamEngineMark } from '@shared/dto/containers';
import type { ErrorData } from '@shared/errors';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes, formatPercent } from '../../format';
import { useEngineStore } from '../../stores/engine';

const WINDOW = 60;

interface Point {
  t: string;
  cpu: number;
  memory: number;
  limit: number;
  rx: number;
  tx: number;
  read: number;
  write: number;
}

/** Rates between two samples: the engine sends totals since start. */
function toPoint(sample: StatsSample, previous: StatsSample | undefined, language: string): Point {
  const seconds = previous ? Math.max(0.001, (sample.time - previous.time) / 1000) : 1;
  const rate = (now: number, before: number | undefined): number => (before === undefined ? 0 : Math.max(0, (now - before) / seconds));
  return {
    t: new Date(sample.time).toLocaleTimeString(language),
    cpu: Number(sample.cpuPercent.toFixed(2)),
    memory: sample.memoryUsedBytes,
    limit: sample.memoryLimitBytes,
    rx: rate(sample.networkRxBytes, previous?.networkRxBytes),
    tx: rate(sample.networkTxBytes, previous?.networkTxBytes),
    read: rate(sample.blockReadBytes, previous?.blockReadBytes),
    write: rate(sample.blockWriteBytes, previous?.blockWriteBytes),
  };
}

interface StatsState {
  latest: StatsSample | undefined;
  points: Point[];
  error: ErrorData | undefined;
  /** The stream's last word about the engine: gone (waiting), or back. */
  engine: StreamEngineMark | undefined;
}
const EMPTY: StatsState = { latest: undefined, points: [], error: undefined, engine: undefined };

/** One stats stream while this panel is on screen; the subscription closes with it. */
export function useStats(id: string): StatsState {
  const [state, setState] = useState<StatsState & { id: string }>({ id, ...EMPTY });
  useEffect(() => {
    const language = document.documentElement.lang || 'en';
    return api.subscribe('containers.stats', { id }, (event) => {
      setState((previous) => {
        // Samples of another container do not carry over.
        const s = previous.id === id ? previous : { id, ...EMPTY };
        if (event.error) return { ...s, error: event.error };
        if (event.engine) return { ...s, engine: event.engine };
        if (!event.sample) return s;
        const points = [...s.points, toPoint(event.sample, s.latest, language)].slice(-WINDOW);
        return { ...s, latest: event.sample, points, error: undefined };
      });
    });
  }, [id]);
  return state.id === id ? state : EMPTY;
}

export function StatsPanel({ id, name }: { id: string; name: string }): ReactElement {
  const { t, i18n } = useTranslation('containers');
  const { latest, points, error, engine } = useStats(id);
  const hostMemory = useEngineStore((s) => s.state?.info?.memoryBytes ?? 0);
  // Without --memory the limit is the host's memory: drawn, it would flatten the usage line to nothing.
  const limited = latest !== undefined && hostMemory > 0 && latest.memoryLimitBytes < hostMemory;
  const bytes = (v: number): string => formatBytes(v, i18n.language);
  const perSecond = (v: number): string => `${bytes(v)}/s`;
  const tooltipStyle = { background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' };
  const chart = (title: string, lines: { key: keyof Point; name: string; color: string }[], format: (v: number) => string, testId?: string): ReactElement => (
    <Card withBorder data-testid={testId}>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={points} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" hide />
          <YAxis tickFormatter={format} width={70} stroke="var(--mantine-color-dimmed)" fontSize={11} />
          <Tooltip formatter={(v) => format(Number(v))} contentStyle={tooltipStyle} />
          <Legend />
          {lines.map((l) => (
            <Line key={l.key} type="monotone" dataKey={l.key} name={l.name} stroke={l.color} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Card>
  );
  return (
    <Stack gap="sm" data-testid="stats-panel">
      <Text size="xs" c="dimmed">
        {t('stats.explain')}
      </Text>
      <CommandLine command={containerCli.stats([name])} />
      {error ? <ErrorNotice error={error} /> : null}
      {engine ? (
        <Badge variant="light" color={engine === 'lost' ? 'orange' : 'green'} data-testid="stats-engine">
          {t(engine === 'lost' ? 'stats.engineLost' : 'stats.reconnected')}
        </Badge>
      ) : null}
      {latest ? (
        <Group gap="xl" data-testid="stats-latest">
          <Fact label={t('stats.cpu')} value={formatPercent(latest.cpuPercent, i18n.language, 2)} hint={t('stats.cpuHint', { cpus: latest.onlineCpus, max: latest.onlineCpus * 100 })} />
          <Fact label={t('stats.memory')} value={`${bytes(latest.memoryUsedBytes)} / ${bytes(latest.memoryLimitBytes)}`} hint={limited ? formatPercent(latest.memoryPercent, i18n.language, 2) : t('stats.noLimit')} />
          <Fact label={t('stats.net')} value={`${bytes(latest.networkRxBytes)} / ${bytes(latest.networkTxBytes)}`} hint={t('stats.rxTx')} />
          <Fact label={t('stats.block')} value={`${bytes(latest.blockReadBytes)} / ${bytes(latest.blockWriteBytes)}`} hint={t('stats.readWrite')} />
          <Fact label={t('stats.pids')} value={String(latest.pids)} />
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('stats.waiting')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {chart(t('stats.cpu'), [{ key: 'cpu', name: 'CPU %', color: 'var(--mantine-color-blue-6)' }], (v) => formatPercent(v, i18n.language, v < 10 ? 1 : 0), 'stats-cpu-chart')}
        {chart(
          t('stats.memory'),
          [
            { key: 'memory', name: t('stats.used'), color: 'var(--mantine-color-teal-6)' },
            ...(limited ? [{ key: 'limit' as const, name: t('stats.limit'), color: 'var(--mantine-color-red-6)' }] : []),
          ],
          bytes,
        )}
        {chart(
          t('stats.net'),
          [
            { key: 'rx', name: 'rx', color: 'var(--mantine-color-violet-6)' },
            { key: 'tx', name: 'tx', color: 'var(--mantine-color-orange-6)' },
          ],
          perSecond,
        )}
        {chart(
          t('stats.block'),
          [
            { key: 'read', name: t('stats.read'), color: 'var(--mantine-color-cyan-6)' },
            { key: 'write', name: t('stats.write'), color: 'var(--mantine-color-pink-6)' },
          ],
          perSecond,
        )}
      </SimpleGrid>
    </Stack>
  );
}

function Fact({ label, value, hint }: { label: string; value: string; hint?: string }): ReactElement {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </div>
  );
}
