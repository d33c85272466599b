import { Anchor, Button, Drawer, Group, Stack, Tabs, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ContainerSummary } from '@shared/dto/containers';

import { since } from '../../format';
import { useConcept } from '../../stores/concept';
import { useContainers } from '../../stores/containers';
import { FilesPanel } from './FilesPanel';
import { InspectPanel } from './InspectPanel';
import { LifecycleBar } from './LifecycleBar';
import { portLabel, portUrl } from './listing';
import { LogsPanel } from './LogsPanel';
import { StateBadge } from './StateBadge';
import { StatsPanel } from './StatsPanel';
import { TerminalPanel } from './TerminalPanel';

export type DetailTab = 'logs' | 'terminal' | 'stats' | 'inspect' | 'files';

const tabConcepts: Record<DetailTab, string> = {
  logs: 'container-logs',
  terminal: 'exec',
  stats: 'resource-limits',
  inspect: 'container',
  files: 'container-writable-layer',
};

/** One container: its lifecycle and its tabs; only the open tab runs its stream. */
export function ContainerDetail(props: { container: ContainerSummary | undefined; initialTab: DetailTab; now: number }): ReactElement {
  const { container, initialTab, now } = props;
  const { t, i18n } = useTranslation('containers');
  const close = useContainers((s) => s.open);
  const [tab, setTab] = useState<DetailTab>(initialTab);
  const c = container;
  const version = c ? `${c.state}:${c.status}` : '';
  const choose = (value: string | null): void => {
    const next = (value ?? 'logs') as DetailTab;
    setTab(next);
    useConcept.getState().show(tabConcepts[next]);
  };
  return (
    <Drawer opened={c !== undefined} onClose={() => close(undefined)} position="right" size="75%" title={c?.name} data-testid="container-detail">
      {c ? (
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="sm">
              <StateBadge state={c.state} health={c.health} />
              <Text size="sm" c="dimmed" title={c.status}>
                {c.startedAt && c.state === 'running' ? t('list.up', { time: since(c.startedAt, now, i18n.language) }) : c.status}
              </Text>
              <Anchor href={`#/images/${encodeURIComponent(c.image)}`} size="sm" ff="monospace">
                {c.image}
              </Anchor>
              {c.ports.map((p) => {
                const url = portUrl(p);
                return url ? (
                  <Anchor key={portLabel(p)} href={url} target="_blank" rel="noreferrer" size="sm" ff="monospace">
                    {portLabel(p)}
                  </Anchor>
                ) : null;
              })}
            </Group>
            <Button size="compact-xs" variant="subtle" onClick={() => useConcept.getState().show('container-lifecycle')}>
              {t('detail.lifecycleConcept')}
            </Button>
          </Group>
          <LifecycleBar containers={[c]} onRemoved={() => close(undefined)} />
          <Tabs value={tab} onChange={choose} keepMounted={false}>
            <Tabs.List>
              {(['logs', 'terminal', 'stats', 'inspect', 'files'] as const).map((key) => (
                <Tabs.Tab key={key} value={key} data-testid={`tab-${key}`}>
                  {t(`detail.tabs.${key}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="logs" pt="sm">
              <LogsPanel id={c.id} name={c.name} />
            </Tabs.Panel>
            <Tabs.Panel value="terminal" pt="sm">
              <TerminalPanel id={c.id} name={c.name} running={c.state === 'running'} />
            </Tabs.Panel>
            <Tabs.Panel value="stats" pt="sm">
              <StatsPanel id={c.id} name={c.name} />
            </Tabs.Panel>
            <Tabs.Panel value="inspect" pt="sm">
              <InspectPanel id={c.id} name={c.name} version={version} />
            </Tabs.Panel>
            <Tabs.Panel value="files" pt="sm">
              <FilesPanel id={c.id} name={c.name} image={c.image} version={version} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      ) : null}
    </Drawer>
  );
}
