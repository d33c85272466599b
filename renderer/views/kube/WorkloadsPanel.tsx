import { Badge, Card, Group, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { KDeployment } from '@shared/dto/kube';
import { keyOf, listItems } from '@shared/kube/reducer';
import { rolloutState } from '@shared/kube/rollout';

import { useKube, useKubeList } from '../../stores/kube';
import { DeploymentDetail } from './DeploymentDetail';

/** Deployments (ready of desired, strategy, images), their ReplicaSets, DaemonSets; one Deployment in detail. */
export function WorkloadsPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const namespace = useKube((s) => s.namespace);
  const deployments = useKubeList('deployments', namespace);
  const replicaSets = useKubeList('replicasets', namespace);
  const daemonSets = useKubeList('daemonsets', namespace);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const list = useMemo(() => (deployments ? listItems(deployments) : []), [deployments]);
  const chosen = list.find((d) => keyOf(d) === selected);

  return (
    <Stack gap="md" data-testid="kube-workloads">
      <Card withBorder padding="sm">
        <Title order={5} mb="xs">
          {t('workloads.deployments')}
        </Title>
        {list.length ? (
          <Table highlightOnHover data-testid="kube-deployments">
            <Table.Thead>
              <Table.Tr>
                {(['name', 'ready', 'upToDate', 'strategy', 'images', 'state'] as const).map((k) => (
                  <Table.Th key={k}>{t(`workloads.columns.${k}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((d) => (
                <DeploymentRow key={keyOf(d)} deployment={d} selected={keyOf(d) === selected} onSelect={() => setSelected(keyOf(d) === selected ? undefined : keyOf(d))} />
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed" size="sm">
            {deployments ? t('workloads.none') : t('loading')}
          </Text>
        )}
      </Card>
      {chosen ? <DeploymentDetail deployment={chosen} replicaSets={replicaSets} /> : null}
      <Card withBorder padding="sm">
        <Title order={5} mb="xs">
          {t('workloads.replicaSets')}
        </Title>
        <Table data-testid="kube-replicasets">
          <Table.Tbody>
            {(replicaSets ? listItems(replicaSets) : []).map((rs) => (
              <Table.Tr key={keyOf(rs)}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {rs.meta.namespace}/{rs.meta.name}
                  </Text>
                </Table.Td>
                <Table.Td>{t('workloads.revision', { revision: rs.revision ?? '–' })}</Table.Td>
                <Table.Td>{`${rs.status.readyReplicas}/${rs.replicas}`}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {rs.meta.owners.map((o) => `${o.kind} ${o.name}`).join(', ') || t('workloads.noOwner')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder padding="sm">
        <Title order={5} mb="xs">
          {t('workloads.daemonSets')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('workloads.daemonSetsIntro')}
        </Text>
        {(daemonSets ? listItems(daemonSets) : []).map((ds) => (
          <Group key={keyOf(ds)} gap="sm">
            <Text size="sm" ff="monospace">
              {ds.meta.namespace}/{ds.meta.name}
            </Text>
            <Badge variant="light">{t('workloads.daemonSetReady', { ready: ds.status.ready, desired: ds.status.desired })}</Badge>
          </Group>
        ))}
      </Card>
    </Stack>
  );
}

function DeploymentRow({ deployment: d, selected, onSelect }: { deployment: KDeployment; selected: boolean; onSelect: () => void }): ReactElement {
  const { t } = useTranslation('kube');
  const state = rolloutState(d);
  return (
    <Table.Tr bg={selected ? 'var(--mantine-color-blue-light)' : undefined} data-testid={`deployment-${d.meta.name}`}>
      <Table.Td>
        <UnstyledButton onClick={onSelect}>
          <Text size="sm" fw={600} ff="monospace">
            {d.meta.namespace}/{d.meta.name}
          </Text>
        </UnstyledButton>
      </Table.Td>
      <Table.Td data-testid={`deployment-ready-${d.meta.name}`}>{`${d.status.readyReplicas}/${d.replicas}`}</Table.Td>
      <Table.Td>{d.status.updatedReplicas}</Table.Td>
      <Table.Td>
        <Text size="xs">{d.strategy.type === 'RollingUpdate' ? t('workloads.rolling', { surge: d.strategy.maxSurge ?? '25%', unavailable: d.strategy.maxUnavailable ?? '25%' }) : d.strategy.type}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace">
          {d.template.containers.map((c) => c.image).join(', ')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={state.code === 'done' ? 'teal' : state.code === 'stalled' ? 'red' : 'blue'}>
          {t(`rollout.state.${state.code}`)}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
