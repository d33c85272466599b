import { Button, Loader, Stack, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { isConnected, useEngineStore } from '../../stores/engine';
import { useNetworks } from '../../stores/networks';
import { CreateNetworkModal } from './CreateNetworkModal';
import { DnsDemo } from './DnsDemo';
import { NetworkDetail } from './NetworkDetail';
import { NetworkList } from './NetworkList';
import { TopologyGraph } from './TopologyGraph';

/** Networks: the list with their drivers, the live topology, and the DNS demonstration. */
export function NetworksView(): ReactElement {
  const { t } = useTranslation('networks');
  const connected = isConnected(useEngineStore((s) => s.state));
  const { list, topology, loaded, error, load, watchEvents } = useNetworks();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!connected) return undefined;
    const dispose = watchEvents();
    void load();
    return dispose;
  }, [connected, load, watchEvents]);

  return (
    <Stack p="lg" gap="md" data-testid="view-networks">
      <ViewHeader title={t('title')} intro={t('intro')}>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="network-create">
          {t('create.open')}
        </Button>
      </ViewHeader>
      {error ? <ErrorNotice error={error} /> : null}
      <Tabs defaultValue="list" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="tab-networks-list">
            {t('tabs.list', { count: list.length })}
          </Tabs.Tab>
          <Tabs.Tab value="topology" data-testid="tab-topology">
            {t('tabs.topology')}
          </Tabs.Tab>
          <Tabs.Tab value="dns" data-testid="tab-dns">
            {t('tabs.dns')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          {loaded ? <NetworkList networks={list} onOpen={setOpenId} /> : <Loader size="sm" />}
        </Tabs.Panel>
        <Tabs.Panel value="topology" pt="md">
          <Text size="sm" c="dimmed" mb="xs">
            {t('topology.intro')}
          </Text>
          {topology ? <TopologyGraph topology={topology} /> : <Loader size="sm" />}
        </Tabs.Panel>
        <Tabs.Panel value="dns" pt="md">
          <DnsDemo />
        </Tabs.Panel>
      </Tabs>
      <CreateNetworkModal opened={creating} onClose={() => setCreating(false)} />
      <NetworkDetail key={openId ?? ''} id={openId} onClose={() => setOpenId(undefined)} />
    </Stack>
  );
}
