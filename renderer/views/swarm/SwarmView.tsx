import { Loader, Stack, Tabs } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { isConnected, useEngineStore } from '../../stores/engine';
import { useSwarm } from '../../stores/swarm';
import { ManagePanel } from './ManagePanel';
import { NodeMap } from './NodeMap';
import { ServiceDetail } from './ServiceDetail';
import { ServiceList } from './ServiceList';
import { SetupPanel } from './SetupPanel';
import { StateCard } from './StateCard';

/** Swarm mode: the swarm and this engine's place in it, the node map with its tasks, services and their rollouts. */
export function SwarmView(): ReactElement {
  const { t } = useTranslation('swarm');
  const connected = isConnected(useEngineStore((s) => s.state));
  const { snapshot, watch } = useSwarm();
  const [openService, setOpenService] = useState<string | undefined>(undefined);

  useEffect(() => (connected ? watch() : undefined), [connected, watch]);

  const state = snapshot?.state;
  const managing = state?.localState === 'active' && state.manager ? snapshot : undefined;
  return (
    <Stack p="lg" gap="md" data-testid="view-swarm">
      <ViewHeader title={t('title')} intro={t('intro')} />
      {snapshot?.error ? <ErrorNotice error={snapshot.error} /> : null}
      {snapshot ? <StateCard snapshot={snapshot} /> : <Loader size="sm" />}
      {state && !managing ? <SetupPanel state={state} /> : null}
      {managing ? (
        <Tabs defaultValue="nodes" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="nodes" data-testid="swarm-tab-nodes">
              {t('tabs.nodes', { count: managing.nodes.length })}
            </Tabs.Tab>
            <Tabs.Tab value="services" data-testid="swarm-tab-services">
              {t('tabs.services', { count: managing.services.length })}
            </Tabs.Tab>
            <Tabs.Tab value="swarm" data-testid="swarm-tab-swarm">
              {t('tabs.swarm')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="nodes" pt="md">
            <NodeMap snapshot={managing} onOpenService={setOpenService} />
          </Tabs.Panel>
          <Tabs.Panel value="services" pt="md">
            <ServiceList snapshot={managing} onOpen={setOpenService} />
          </Tabs.Panel>
          <Tabs.Panel value="swarm" pt="md">
            <ManagePanel state={managing.state} />
          </Tabs.Panel>
        </Tabs>
      ) : null}
      <ServiceDetail key={openService ?? ''} serviceId={managing ? openService : undefined} onClose={() => setOpenService(undefined)} />
    </Stack>
  );
}
