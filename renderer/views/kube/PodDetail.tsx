import { Alert, Badge, Button, Card, Checkbox, Code, Group, ScrollArea, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { execCommand, logsCommand } from '@shared/cli/kube';
import type { KPod } from '@shared/dto/kube';
import { explainPod } from '@shared/kube/explain';
import { ownerChain } from '@shared/kube/workloads';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { type SessionDriver, SessionTerminal, type TerminalStatus } from '../../components/SessionTerminal';
import { kubeTarget, useKube, useKubeList } from '../../stores/kube';
import { useExplanation } from './words';

const MAX_LOG_LINES = 5000;

/** One pod: why it is in its phase, its owners, containers and conditions, its logs and a terminal. */
export function PodDetail({ pod }: { pod: KPod }): ReactElement {
  const { t } = useTranslation('kube');
  const ns = pod.meta.namespace ?? 'default';
  const events = useKubeList('events', ns);
  const replicaSets = useKubeList('replicasets', ns);
  const say = useExplanation();
  const podEvents = useMemo(() => [...(events?.items.values() ?? [])].filter((e) => e.involved.kind === 'Pod' && e.involved.name === pod.meta.name), [events, pod.meta.name]);
  const explanation = explainPod(pod, podEvents);
  const chain = ownerChain(pod, replicaSets?.items.values() ?? []);
  const [container, setContainer] = useState(pod.containers[0]?.name ?? '');
  const crashLoop = explanation.code === 'crash-loop';

  return (
    <Card withBorder data-testid="pod-detail">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} ff="monospace">
            {ns}/{pod.meta.name}
          </Title>
          <Badge size="lg" variant="light">
            {t(`phase.${pod.phase}`, { defaultValue: pod.phase })}
          </Badge>
        </Group>
        <Alert color={['crash-loop', 'image-pull', 'unschedulable', 'config-error', 'failed'].includes(explanation.code) ? 'red' : 'blue'} icon={<IconInfoCircle />} data-testid="pod-explanation">
          {say(explanation)}
        </Alert>
        <Text size="sm" data-testid="pod-owners">
          {t('pod.owners')}: <Badge variant="light">Pod</Badge> {pod.meta.name}
          {chain.map((o) => (
            <span key={`${o.kind}/${o.name}`}>
              {' ← '}
              <Badge variant="light">{o.kind}</Badge> {o.name}
            </span>
          ))}
          {chain.length ? null : ` (${t('pod.unmanaged')})`}
        </Text>
        <Tabs defaultValue={crashLoop ? 'logs' : 'containers'} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="containers">{t('pod.tabs.containers')}</Tabs.Tab>
            <Tabs.Tab value="logs" data-testid="pod-tab-logs">
              {t('pod.tabs.logs')}
            </Tabs.Tab>
            <Tabs.Tab value="terminal" data-testid="pod-tab-terminal" disabled={pod.phase !== 'Running'}>
              {t('pod.tabs.terminal')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="containers" pt="sm">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  {(['name', 'image', 'state', 'restarts', 'last'] as const).map((k) => (
                    <Table.Th key={k}>{t(`pod.containers.${k}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pod.containers.map((c) => {
                  const status = pod.containerStatuses.find((s) => s.name === c.name);
                  return (
                    <Table.Tr key={c.name}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {c.image}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {status ? `${status.state.state}${status.state.reason ? ` (${status.state.reason})` : ''}` : '–'}
                        {status?.ready ? ` · ${t('pod.ready')}` : ''}
                      </Table.Td>
                      <Table.Td>{status?.restartCount ?? 0}</Table.Td>
                      <Table.Td>{status?.last ? t('pod.lastState', { state: status.last.state, code: status.last.exitCode ?? '–', reason: status.last.reason ?? '' }) : '–'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Text size="sm" fw={700} mt="sm">
              {t('pod.conditions')}
            </Text>
            {pod.conditions.map((c) => (
              <Text key={c.type} size="xs">
                {t(`pod.condition.${c.type}`, { defaultValue: c.type })}: {c.status === 'True' ? t('pod.yes') : t('pod.no')}
                {c.reason ? ` · ${c.reason}` : ''}
                {c.message ? ` · ${c.message}` : ''}
              </Text>
            ))}
          </Tabs.Panel>
          <Tabs.Panel value="logs" pt="sm">
            <ContainerPicker pod={pod} value={container} onChange={setContainer} />
            <LogsPane pod={pod} container={container} previousFirst={crashLoop} />
          </Tabs.Panel>
          <Tabs.Panel value="terminal" pt="sm">
            <ContainerPicker pod={pod} value={container} onChange={setContainer} />
            <ExecPane pod={pod} container={container} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Card>
  );
}

function ContainerPicker({ pod, value, onChange }: { pod: KPod; value: string; onChange: (c: string) => void }): ReactElement | null {
  const { t } = useTranslation('kube');
  if (pod.containers.length < 2) return null;
  return <Select size="xs" mb="xs" w={200} label={t('pod.container')} value={value} data={pod.containers.map((c) => c.name)} onChange={(v) => v && onChange(v)} />;
}

/** `kubectl logs [-f] [--previous]`: follows while shown; a crash loop starts with the previous container's words. */
function LogsPane({ pod, container, previousFirst }: { pod: KPod; container: string; previousFirst: boolean }): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const ns = pod.meta.namespace ?? 'default';
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(previousFirst);
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<{ ended: boolean; error?: Parameters<typeof ErrorNotice>[0]['error'] }>({ ended: false });
  useEffect(() => {
    // A new stream starts empty.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLines([]);
    setState({ ended: false });
    return api.subscribe('kube.logs', { context, namespace: ns, pod: pod.meta.name, container, follow: follow && !previous, previous, tail: 1000 }, (batch) => {
      if (batch.lines.length) setLines((l) => [...l, ...batch.lines].slice(-MAX_LOG_LINES));
      if (batch.ended) setState({ ended: true, ...(batch.error ? { error: batch.error } : {}) });
    });
  }, [context, ns, pod.meta.name, container, follow, previous]);
  return (
    <Stack gap="xs" data-testid="pod-logs">
      <Group gap="md">
        <Checkbox label={t('logs.follow')} checked={follow && !previous} disabled={previous} onChange={(e) => setFollow(e.currentTarget.checked)} />
        <Checkbox label={t('logs.previous')} checked={previous} onChange={(e) => setPrevious(e.currentTarget.checked)} data-testid="logs-previous" />
        {state.ended && !state.error ? <Badge variant="light">{t('logs.ended')}</Badge> : null}
      </Group>
      <CommandLine command={logsCommand(kubeTarget(ns), pod.meta.name, { container: pod.containers.length > 1 ? container : undefined, follow: follow && !previous, previous, tail: 1000 })} />
      {state.error ? <ErrorNotice error={state.error} /> : null}
      <ScrollArea h={320} type="auto">
        <Code block data-testid="pod-log-lines">
          {lines.join('\n') || t('logs.empty')}
        </Code>
      </ScrollArea>
    </Stack>
  );
}

/** `kubectl exec -it POD -- sh` in the terminal component Lotse has. */
function ExecPane({ pod, container }: { pod: KPod; container: string }): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const ns = pod.meta.namespace ?? 'default';
  const [shell, setShell] = useState('sh');
  const [run, setRun] = useState(0);
  const [status, setStatus] = useState<TerminalStatus>({ kind: 'connecting' });
  const driver = useMemo<SessionDriver>(
    () => ({
      open: (size) => api.call('kube.exec.open', { context, namespace: ns, pod: pod.meta.name, container, command: [shell], ...size }),
      subscribe: (session, onEvent) => api.subscribe('kube.exec', { session }, onEvent),
      input: (session, data) => void api.call('kube.exec.input', { session, data }).catch(() => undefined),
      resize: (session, size) => void api.call('kube.exec.resize', { session, ...size }).catch(() => undefined),
    }),
    [context, ns, pod.meta.name, container, shell],
  );
  return (
    <Stack gap="xs" data-testid="pod-terminal">
      <Group gap="sm">
        <Select size="xs" w={100} value={shell} data={['sh', 'bash']} onChange={(v) => v && setShell(v)} aria-label={t('exec.shell')} />
        <Badge variant="light" color={status.kind === 'open' ? 'teal' : status.kind === 'ended' ? 'gray' : 'blue'} data-testid="terminal-status">
          {status.kind === 'ended' ? (status.code === undefined ? t('exec.ended') : t('exec.exitCode', { code: status.code })) : t(`exec.${status.kind}`)}
        </Badge>
        {status.kind === 'ended' ? (
          <Button size="compact-xs" leftSection={<IconPlayerPlay size={12} />} onClick={() => setRun((n) => n + 1)}>
            {t('exec.again')}
          </Button>
        ) : null}
      </Group>
      <CommandLine command={execCommand(kubeTarget(ns), pod.meta.name, pod.containers.length > 1 ? container : undefined, [shell])} />
      <SessionTerminal
        key={`${container}:${shell}`}
        driver={driver}
        run={`${run}`}
        onStatus={setStatus}
        exitText={(code, reason) => (code === undefined ? reason : t('exec.exitCode', { code }))}
      />
    </Stack>
  );
}
