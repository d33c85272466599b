import { Badge, Code, Group, ScrollArea, Switch, Text } from '@mantine/core';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { serviceLogsCommand } from '@shared/cli/swarm';
import type { ServiceLogLine, ServiceSummary } from '@shared/dto/swarm';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { nodeName, useSwarm } from '../../stores/swarm';

/** At most this many lines stay on screen; older ones fall out. */
const KEEP = 2000;
const TAIL = 200;

/** `docker service logs`: every task's lines merged by time, each with its task and node, following. */
export function ServiceLogs({ service }: { service: ServiceSummary }): ReactElement {
  const { t } = useTranslation('swarm');
  const snapshot = useSwarm((s) => s.snapshot);
  const [follow, setFollow] = useState(true);
  const key = `${service.id}|${String(follow)}`;
  const [state, setState] = useState<{ key: string; lines: ServiceLogLine[]; dropped: number }>({ key, lines: [], dropped: 0 });
  const lines = useMemo(() => (state.key === key ? state.lines : []), [state, key]);

  useEffect(
    () =>
      api.subscribe('swarm.logs', { service: service.id, follow, tail: TAIL }, (batch) => {
        if (!batch.lines.length) return;
        setState((old) => {
          const all = [...(old.key === key ? old.lines : []), ...batch.lines].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
          return { key, lines: all.slice(-KEEP), dropped: (old.key === key ? old.dropped : 0) + Math.max(0, all.length - KEEP) };
        });
      }),
    [key, service.id, follow],
  );

  const label = (line: ServiceLogLine): string => {
    const task = snapshot?.tasks.find((x) => x.id === line.taskId);
    return `${service.name}.${task?.slot ?? line.taskId.slice(0, 6)}.${line.taskId.slice(0, 6)}@${nodeName(snapshot, line.nodeId)}`;
  };
  return (
    <>
      <Group gap="sm" mb="xs">
        <Switch size="xs" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} label={t('logs.follow')} />
        <Text size="xs" c="dimmed">
          {t('logs.count', { count: lines.length })}
          {state.dropped ? ` · ${t('logs.dropped', { count: state.dropped })}` : ''}
        </Text>
      </Group>
      <ScrollArea h={360} data-testid="service-logs">
        <Code block>
          {lines.map((l, i) => (
            <div key={i} data-task={l.taskId} data-node={l.nodeId}>
              <Badge size="xs" variant="light" mr={6} styles={{ root: { textTransform: 'none' } }}>
                {label(l)}
              </Badge>
              <span style={{ color: l.stream === 'stderr' ? 'var(--mantine-color-red-7)' : undefined }}>{l.text}</span>
            </div>
          ))}
        </Code>
      </ScrollArea>
      <CommandLine command={serviceLogsCommand(service.name, { follow, tail: TAIL })} />
    </>
  );
}
