import { Alert, Stack, Tabs, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { connectKube, useKube } from '../../stores/kube';
import { ApplyPanel } from './ApplyPanel';
import { ContextBar, KubeconfigProblems, PracticeCard } from './ContextBar';
import { NetworkPanel } from './NetworkPanel';
import { NodesPanel } from './NodesPanel';
import { OverviewPanel } from './OverviewPanel';
import { PodsPanel } from './PodsPanel';
import { RbacPanel } from './RbacPanel';
import { WorkloadsPanel } from './WorkloadsPanel';

const TABS = ['overview', 'workloads', 'pods', 'nodes', 'network', 'rbac', 'apply'] as const;
type Tab = (typeof TABS)[number];

/** Kubernetes: the kubeconfig's contexts (or the practice cluster), and the cluster live: workloads, pods, nodes, services and policies, RBAC, apply. */
export function KubeView(): ReactElement {
  const { t } = useTranslation('kube');
  const contexts = useKube((s) => s.contexts);
  const contextsError = useKube((s) => s.contextsError);
  const context = useKube((s) => s.context);
  const connection = useKube((s) => s.connection);
  const [tab, setTab] = useState<Tab>('overview');
  useEffect(() => connectKube(), []);
  const none = contexts !== undefined && contexts.contexts.length === 0;
  const usable = connection?.status === 'connected';

  return (
    <Stack p="lg" gap="md" data-testid="view-kube">
      <ViewHeader title={t('title')} intro={t('intro')} />
      {contextsError ? <ErrorNotice error={contextsError} /> : null}
      {none ? (
        <Stack gap="sm" data-testid="kube-no-context">
          <Alert color="blue" icon={<IconInfoCircle />} title={t('noContext.title')}>
            <Text size="sm">{t('noContext.body', { files: contexts.files.join(', ') })}</Text>
          </Alert>
          <PracticeCard />
          <KubeconfigProblems />
        </Stack>
      ) : (
        <>
          <ContextBar />
          {context ? (
            <Tabs value={tab} onChange={(v) => setTab((TABS as readonly string[]).includes(v ?? '') ? (v as Tab) : 'overview')} keepMounted={false}>
              <Tabs.List>
                {TABS.map((v) => (
                  <Tabs.Tab key={v} value={v} data-testid={`kube-tab-${v}`} disabled={!usable && v !== 'apply' && v !== 'overview'}>
                    {t(`tabs.${v}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="overview" pt="md">
                <Stack gap="md">
                  {usable ? <OverviewPanel /> : null}
                  <PracticeCard compact />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="workloads" pt="md">
                <WorkloadsPanel />
              </Tabs.Panel>
              <Tabs.Panel value="pods" pt="md">
                <PodsPanel />
              </Tabs.Panel>
              <Tabs.Panel value="nodes" pt="md">
                <NodesPanel />
              </Tabs.Panel>
              <Tabs.Panel value="network" pt="md">
                <NetworkPanel />
              </Tabs.Panel>
              <Tabs.Panel value="rbac" pt="md">
                <RbacPanel />
              </Tabs.Panel>
              <Tabs.Panel value="apply" pt="md">
                <ApplyPanel />
              </Tabs.Panel>
            </Tabs>
          ) : null}
        </>
      )}
    </Stack>
  );
}
