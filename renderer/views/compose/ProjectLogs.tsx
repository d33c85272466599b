import { Badge, Code, Group, ScrollArea, Select, Switch, Text } from '@mantine/core';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ComposeLogLine } from '@shared/compose/dto';

import { api } from '../../api';
import { serviceColor } from './colors';

/** At most this many lines stay on screen; older ones fall out, as with container logs. */
const KEEP = 2000;
/** The project's logs merged by time, one colour per service, following the engine. */
export function ProjectLogs({ project, services }: { project: string; services: string[] }): ReactElement {
  const { t } = useTranslation('compose');
  const [service, setService] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);
  // Lines belong to one subscription (project, service, follow): a new one starts empty.
  const key = `${project}|${service ?? ''}|${String(follow)}`;
  const [state, setState] = useState<{ key: string; lines: ComposeLogLine[] }>({ key, lines: [] });
  const lines = useMemo(() => (state.key === key ? state.lines : []), [state, key]);

  useEffect(() => {
    return api.subscribe('compose.logs', { project, ...(service ? { service } : {}), tail: 200, follow }, (batch) => {
      if (!batch.lines.length) return;
      setState((old) => ({ key, lines: [...(old.key === key ? old.lines : []), ...batch.lines].sort((a, b) => (a.time ?? 0) - (b.time ?? 0)).slice(-KEEP) }));
    });
  }, [key, project, service, follow]);

  const colored = useMemo(() => lines.map((l) => ({ ...l, color: serviceColor(services, l.service) })), [lines, services]);
  return (
    <>
      <Group gap="sm" mb="xs">
        <Select
          size="xs"
          clearable
          placeholder={t('logs.all')}
          data={services}
          value={service}
          onChange={setService}
          data-testid="compose-logs-service"
          aria-label={t('logs.service')}
        />
        <Switch size="xs" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} label={t('logs.follow')} />
        <Text size="xs" c="dimmed">
          {t('logs.count', { count: lines.length })}
        </Text>
      </Group>
      <ScrollArea h={360} data-testid="compose-logs">
        <Code block>
          {colored.map((l, i) => (
            <div key={i} data-service={l.service}>
              <Badge size="xs" variant="filled" color={l.color} mr={6} styles={{ root: { textTransform: 'none' } }}>
                {l.container}
              </Badge>
              <span style={{ color: l.stream === 'stderr' ? '#e03131' : undefined }}>{l.text}</span>
            </div>
          ))}
        </Code>
      </ScrollArea>
    </>
  );
}
