import { Button, Loader, Stack, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactElement, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { isConnected, useEngineStore } from '../../stores/engine';
import { useVolumes } from '../../stores/volumes';
import { CreateVolumeModal } from './CreateVolumeModal';
import { MountsPanel } from './MountsPanel';
import { VolumeDetail } from './VolumeDetail';
import { VolumeList } from './VolumeList';

const TABS = ['list', 'mounts', 'cleanup'] as const;
type Tab = (typeof TABS)[number];

/** #/volumes/cleanup opens the cleanup tab (the dashboard's disk chart links there). */
function tabFromHash(): Tab {
  const part = window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';
  return (TABS as readonly string[]).includes(part) ? (part as Tab) : 'list';
}

/** Storage: volumes and where they live, mounts of every kind, and (in the cleanup tab) disk usage with prune. */
export function VolumesView({ cleanup }: { cleanup: ReactNode }): ReactElement {
  const { t } = useTranslation('volumes');
  const connected = isConnected(useEngineStore((s) => s.state));
  const { list, sizes, loaded, error, load, loadSizes, watchEvents } = useVolumes();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | undefined>(undefined);

  useEffect(() => {
    const onHash = (): void => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!connected) return undefined;
    const dispose = watchEvents();
    void load();
    // Sizes come from /system/df, which walks every volume: after the first paint.
    const frame = requestAnimationFrame(() => void loadSizes());
    return () => {
      cancelAnimationFrame(frame);
      dispose();
    };
  }, [connected, load, loadSizes, watchEvents]);

  const select = (value: string | null): void => {
    const next = (TABS as readonly string[]).includes(value ?? '') ? (value as Tab) : 'list';
    setTab(next);
    window.history.replaceState(null, '', `#/volumes${next === 'list' ? '' : `/${next}`}`);
  };

  return (
    <Stack p="lg" gap="md" data-testid="view-volumes">
      <ViewHeader title={t('title')} intro={t('intro')}>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="volume-create">
          {t('create.open')}
        </Button>
      </ViewHeader>
      {error ? <ErrorNotice error={error} /> : null}
      <Tabs value={tab} onChange={select} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="tab-volumes-list">
            {t('tabs.list', { count: list.length })}
          </Tabs.Tab>
          <Tabs.Tab value="mounts" data-testid="tab-mounts">
            {t('tabs.mounts')}
          </Tabs.Tab>
          <Tabs.Tab value="cleanup" data-testid="tab-cleanup">
            {t('tabs.cleanup')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          {loaded ? <VolumeList volumes={list} sizes={sizes} onOpen={setOpen} /> : <Loader size="sm" />}
        </Tabs.Panel>
        <Tabs.Panel value="mounts" pt="md">
          <MountsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="cleanup" pt="md">
          {cleanup}
        </Tabs.Panel>
      </Tabs>
      <CreateVolumeModal opened={creating} onClose={() => setCreating(false)} />
      <VolumeDetail key={open ?? ''} name={open} onClose={() => setOpen(undefined)} />
    </Stack>
  );
}
