import { Alert, Button, Group, Loader, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice } from '../../components/ErrorNotice';
import { SearchInput } from '../../components/SearchInput';
import { ViewHeader } from '../../components/ViewHeader';
import { useContainers } from '../../stores/containers';
import { isConnected, useEngineStore } from '../../stores/engine';
import { ContainerDetail } from './ContainerDetail';
import { ContainerList } from './ContainerList';
import { LifecycleBar } from './LifecycleBar';
import { buildRows, type GroupKey, type SortKey, type StateFilter } from './listing';
import { RunDialog } from './RunDialog';
import { StatsOverview } from './StatsOverview';

/** The containers area: the live list, the run dialog, lifecycle on a selection, one container's details. */
export function ContainersView(): ReactElement {
  const { t } = useTranslation('containers');
  const connected = isConnected(useEngineStore((s) => s.state));
  const { byId, loaded, error, openId, selected, load, watchEvents, open } = useContainers();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 120);
  const [state, setState] = useState<StateFilter>('all');
  const [sort, setSort] = useState<SortKey>('created');
  const [group, setGroup] = useState<GroupKey>('none');
  const [view, setView] = useState<string>('list');
  const [running, setRunning] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!connected) return undefined;
    const dispose = watchEvents();
    void load();
    return dispose;
  }, [connected, load, watchEvents]);

  // Relative times ("3 minutes ago") move on once a minute; this re-renders, it does not re-read.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const all = useMemo(() => Object.values(byId), [byId]);
  const rows = useMemo(() => buildRows(all, { search: debouncedSearch, state, sort, group }), [all, debouncedSearch, state, sort, group]);
  const selectedContainers = useMemo(() => selected.flatMap((id) => (byId[id] ? [byId[id]] : [])), [selected, byId]);
  const runningCount = all.filter((c) => c.state === 'running').length;

  return (
    <Stack p="lg" gap="md" data-testid="containers-view">
      <ViewHeader title={t('title')} intro={t('intro')}>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setRunning(true)} data-testid="open-run-dialog">
          {t('run.open')}
        </Button>
      </ViewHeader>
      {error ? <ErrorNotice error={error} /> : null}
      <Tabs value={view} onChange={(v) => setView(v ?? 'list')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list">{t('list.tab', { count: all.length })}</Tabs.Tab>
          <Tabs.Tab value="stats" data-testid="tab-overview">
            {t('stats.tab', { count: runningCount })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="sm">
          <Stack gap="sm">
            <Group gap="sm">
              <SearchInput label={t('list.search')} value={search} onChange={setSearch} testId="container-search" w={260} />
              <SegmentedControl
                value={state}
                onChange={setState}
                data={(['all', 'running', 'stopped', 'paused'] as const).map((value) => ({ value, label: t(`list.filter.${value}`) }))}
              />
              <Select
                aria-label={t('list.sort')}
                value={sort}
                onChange={(v) => setSort(v ?? 'created')}
                data={(['created', 'name', 'state', 'image'] as const).map((value) => ({ value, label: t(`list.sortBy.${value}`) }))}
                allowDeselect={false}
                w={170}
              />
              <Select
                aria-label={t('list.group')}
                value={group}
                onChange={(v) => setGroup(v ?? 'none')}
                data={(['none', 'compose', 'swarm'] as const).map((value) => ({ value, label: t(`list.groupBy.${value}`) }))}
                allowDeselect={false}
                w={200}
              />
            </Group>
            {selectedContainers.length ? (
              <Alert variant="light" p="xs">
                <Group gap="sm">
                  <Text size="sm" fw={600} data-testid="selection-count">
                    {t('list.selected', { count: selectedContainers.length })}
                  </Text>
                  <LifecycleBar containers={selectedContainers} />
                </Group>
              </Alert>
            ) : null}
            {!loaded && !error ? <Loader size="sm" /> : null}
            {loaded && all.length === 0 ? <Text c="dimmed">{t('list.empty')}</Text> : null}
            {loaded && all.length > 0 ? <ContainerList rows={rows} now={now} /> : null}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="stats" pt="sm">
          <StatsOverview containers={all} />
        </Tabs.Panel>
      </Tabs>
      <RunDialog
        opened={running}
        onClose={() => setRunning(false)}
        onDone={(result, spec) => {
          setRunning(false);
          if (result.exitedAtOnce) {
            notifications.show({
              color: 'orange',
              title: t('run.exitedTitle', { name: result.name, code: result.exitedAtOnce.exitCode }),
              message: [t('run.exitedHint'), ...result.exitedAtOnce.logTail.slice(-5)].join('\n'),
              autoClose: 15_000,
            });
          }
          if (!(spec.autoRemove && result.exitedAtOnce)) open(result.id);
        }}
      />
      <ContainerDetail key={openId ?? 'none'} container={openId ? byId[openId] : undefined} initialTab="logs" now={now} />
    </Stack>
  );
}
