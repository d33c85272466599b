import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ClusterOverview, KEvent } from '@shared/dto/kube';
import { eventFacts } from '@shared/kube/explain';
import { listItems } from '@shared/kube/reducer';
import { nodeReady, nodeRoles, podReady } from '@shared/kube/workloads';

import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { useKube, useKubeList } from '../../stores/kube';

const CONTROL_PLANE = ['api-server', 'etcd', 'scheduler', 'controller-manager', 'cloud-controller-manager'];

/** An event as a sentence in the learner's language (its reason's words, or the cluster's own). */
export function useEventSentence(): (event: KEvent) => string {
  const { t, i18n } = useTranslation('kube');
  return (event) => {
    const facts = eventFacts(event);
    const key = `events.${event.reason}`;
    return i18n.exists(`kube:${key}`) ? t(key, facts) : t('events.other', { ...facts, reason: event.reason });
  };
}

/** Nodes, namespaces, workloads and their health, the components the cluster shows, and its events in words. */
export function OverviewPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context);
  const namespace = useKube((s) => s.namespace);
  const nodes = useKubeList('nodes');
  const namespaces = useKubeList('namespaces');
  const deployments = useKubeList('deployments', namespace);
  const pods = useKubeList('pods', namespace);
  const events = useKubeList('events', namespace);
  const sentence = useEventSentence();
  const [overview, setOverview] = useState<ClusterOverview | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    if (!context) return;
    api.call('kube.overview', { context }).then(setOverview, setError);
  }, [context]);

  const counts = useMemo(() => {
    const nodeList = nodes ? listItems(nodes) : [];
    const podList = pods ? [...pods.items.values()] : [];
    const phases: Record<string, number> = {};
    for (const p of podList) phases[p.phase] = (phases[p.phase] ?? 0) + 1;
    const deps = deployments ? [...deployments.items.values()] : [];
    return {
      nodes: nodeList.length,
      ready: nodeList.filter(nodeReady).length,
      controlPlane: nodeList.filter((n) => nodeRoles(n).includes('control-plane')).length,
      namespaces: namespaces?.items.size ?? 0,
      deployments: deps.length,
      healthy: deps.filter((d) => d.status.readyReplicas >= d.replicas).length,
      pods: podList.length,
      podsReady: podList.filter(podReady).length,
      phases,
    };
  }, [nodes, namespaces, deployments, pods]);

  const recent = useMemo(() => (events ? [...events.items.values()].sort((a, b) => ((a.last ?? '') < (b.last ?? '') ? 1 : -1)).slice(0, 40) : []), [events]);

  return (
    <Stack gap="md" data-testid="kube-overview">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label={t('overview.nodes')} value={`${counts.ready}/${counts.nodes}`} detail={t('overview.nodesDetail', { controlPlane: counts.controlPlane, workers: counts.nodes - counts.controlPlane })} testId="stat-nodes" />
        <Stat label={t('overview.namespaces')} value={String(counts.namespaces)} testId="stat-namespaces" />
        <Stat label={t('overview.deployments')} value={`${counts.healthy}/${counts.deployments}`} detail={t('overview.deploymentsDetail')} testId="stat-deployments" />
        <Stat
          label={t('overview.pods')}
          value={`${counts.podsReady}/${counts.pods}`}
          detail={Object.entries(counts.phases)
            .map(([phase, n]) => `${n} ${t(`phase.${phase}`, { defaultValue: phase })}`)
            .join(', ')}
          testId="stat-pods"
        />
      </SimpleGrid>
      {error ? <ErrorNotice error={toErrorData(error)} /> : null}
      {overview ? (
        <>
          {overview.policyEnforcement !== 'likely' ? (
            <Alert color="yellow" icon={<IconInfoCircle />} title={t('overview.policies.title')} data-testid="kube-policy-enforcement">
              {t(`overview.policies.${overview.practice ? 'practice' : overview.policyEnforcement}`, { plugin: overview.networkPlugin ?? '' })}
            </Alert>
          ) : null}
          <Card withBorder>
            <Title order={5}>{t('overview.components.title', { version: overview.version })}</Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('overview.components.intro')}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {[
                { title: t('overview.components.controlPlane'), list: overview.components.filter((c) => CONTROL_PLANE.includes(c.component)) },
                { title: t('overview.components.workers'), list: overview.components.filter((c) => !CONTROL_PLANE.includes(c.component)) },
              ].map((group) => (
                <Stack key={group.title} gap={4}>
                  <Text fw={700} size="sm">
                    {group.title}
                  </Text>
                  {group.list.map((c) => (
                    <Group key={c.component} gap="xs" wrap="nowrap" data-testid={`component-${c.component}`}>
                      <Badge variant="light" tt="none" color={c.shownAs === 'hidden' ? 'gray' : c.pods.every((p) => p.ready) ? 'teal' : 'orange'} miw={180}>
                        {t(`overview.components.names.${c.component}`)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {c.shownAs === 'pod'
                          ? t('overview.components.pods', { pods: c.pods.map((p) => `${p.name}${p.node ? ` @ ${p.node}` : ''}`).join(', ') })
                          : t(`overview.components.${c.shownAs}${overview.practice ? 'Practice' : ''}`, { defaultValue: t(`overview.components.${c.shownAs}`) })}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              ))}
            </SimpleGrid>
          </Card>
        </>
      ) : null}
      <Card withBorder>
        <Title order={5} mb="xs">
          {t('overview.events')}
        </Title>
        {recent.length ? (
          <Table striped withRowBorders={false} data-testid="kube-events">
            <Table.Tbody>
              {recent.map((e) => (
                <Table.Tr key={`${e.meta.namespace ?? ''}/${e.meta.name}`}>
                  <Table.Td w={90}>
                    <Badge size="sm" variant="light" color={e.type === 'Warning' ? 'orange' : 'gray'}>
                      {e.reason}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{sentence(e)}</Text>
                    {e.count > 1 ? (
                      <Text size="xs" c="dimmed">
                        {t('overview.times', { count: e.count })}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed" size="sm">
            {t('overview.noEvents')}
          </Text>
        )}
      </Card>
    </Stack>
  );
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }): ReactElement {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </Card>
  );
}
