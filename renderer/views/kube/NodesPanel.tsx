import { Alert, Badge, Button, Checkbox, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconLock, IconLockOpen, IconTruckDelivery } from '@tabler/icons-react';
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { cordonCommand, drainCommand } from '@shared/cli/kube';
import { DrainOptions, type DrainPreview, type DrainProgress, type DrainResult, type KNode } from '@shared/dto/kube';
import { LotseError } from '@shared/errors';
import { formatCpu, formatMemory, parseQuantity } from '@shared/kube/quantity';
import { listItems } from '@shared/kube/reducer';
import { nodeReady, nodeRoles } from '@shared/kube/workloads';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { kubeTarget, useKube, useKubeList } from '../../stores/kube';

/** Nodes: status, roles, taints, capacity, their pods; cordon, and drain with a preview first. */
export function NodesPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const nodes = useKubeList('nodes');
  const pods = useKubeList('pods');
  const [draining, setDraining] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const context = useKube((s) => s.context) ?? '';
  const perNode = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of pods?.items.values() ?? []) if (p.nodeName) counts.set(p.nodeName, (counts.get(p.nodeName) ?? 0) + 1);
    return counts;
  }, [pods]);
  const cordon = (node: KNode, on: boolean): void => {
    setError(undefined);
    perform({ label: t(on ? 'nodes.cordon' : 'nodes.uncordon', { node: node.meta.name }), command: cordonCommand(kubeTarget(), node.meta.name, on), run: () => api.call('kube.nodes.cordon', { context, node: node.meta.name, cordon: on }) }).catch(setError);
  };

  return (
    <Stack gap="md" data-testid="kube-nodes">
      {error ? <ErrorNotice error={toErrorData(error)} /> : null}
      <Table data-testid="kube-node-table">
        <Table.Thead>
          <Table.Tr>
            {(['name', 'status', 'taints', 'resources', 'pods'] as const).map((k) => (
              <Table.Th key={k}>{t(`nodes.columns.${k}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(nodes ? listItems(nodes) : []).map((n) => (
            <Table.Tr key={n.meta.name} data-testid={`node-${n.meta.name}`}>
              <Table.Td>
                <Text size="sm" fw={600} ff="monospace">
                  {n.meta.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {n.info.kubelet} · {n.info.runtime}
                </Text>
                <Group gap={4} wrap="nowrap" mt={4}>
                  {n.unschedulable ? (
                    <Button size="compact-xs" variant="default" leftSection={<IconLockOpen size={12} />} onClick={() => cordon(n, false)} data-testid={`uncordon-${n.meta.name}`}>
                      {t('nodes.uncordonShort')}
                    </Button>
                  ) : (
                    <Button size="compact-xs" variant="default" leftSection={<IconLock size={12} />} onClick={() => cordon(n, true)} data-testid={`cordon-${n.meta.name}`}>
                      {t('nodes.cordonShort')}
                    </Button>
                  )}
                  <Button size="compact-xs" color="orange" leftSection={<IconTruckDelivery size={12} />} onClick={() => setDraining(n.meta.name)} data-testid={`drain-${n.meta.name}`}>
                    {t('nodes.drain')}
                  </Button>
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="light" tt="none" color={nodeReady(n) ? 'teal' : 'red'}>
                    {nodeReady(n) ? t('nodes.ready') : t('nodes.notReady')}
                  </Badge>
                  {n.unschedulable ? (
                    <Badge variant="light" color="orange" data-testid={`node-cordoned-${n.meta.name}`}>
                      {t('nodes.cordoned')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" mt={4}>
                  {nodeRoles(n).join(', ') || t('nodes.worker')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {n.taints.map((x) => `${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`).join(', ') || '–'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {t('nodes.resources', {
                    cpu: formatCpu(parseQuantity(n.allocatable.cpu) ?? 0),
                    cpuCapacity: formatCpu(parseQuantity(n.capacity.cpu) ?? 0),
                    memory: formatMemory(parseQuantity(n.allocatable.memory) ?? 0),
                    memoryCapacity: formatMemory(parseQuantity(n.capacity.memory) ?? 0),
                    pods: n.allocatable.pods ?? '–',
                  })}
                </Text>
              </Table.Td>
              <Table.Td data-testid={`node-pods-${n.meta.name}`}>{perNode.get(n.meta.name) ?? 0}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Drawer opened={draining !== undefined} onClose={() => setDraining(undefined)} position="right" size="xl" title={<Title order={4}>{t('drain.title', { node: draining ?? '' })}</Title>}>
        {draining ? <DrainPane node={draining} /> : null}
      </Drawer>
    </Stack>
  );
}

const ACTION_COLOR: Record<string, string> = {
  evict: 'blue',
  'wait-budget': 'yellow',
  'blocked-budget': 'red',
  'skip-daemonset': 'gray',
  'skip-mirror': 'gray',
  terminating: 'gray',
  'refuse-daemonset': 'red',
  'refuse-unmanaged': 'red',
  'refuse-emptydir': 'red',
  'delete-finished': 'gray',
};

/** The drain: flags, the preview of each pod's fate, then the drain itself with live progress, cancellable. */
function DrainPane({ node }: { node: string }): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const [flags, setFlags] = useState({ ignoreDaemonsets: true, deleteEmptydirData: false, force: false });
  const options = DrainOptions.parse(flags);
  const [preview, setPreview] = useState<DrainPreview | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [progress, setProgress] = useState<DrainProgress[]>([]);
  const [result, setResult] = useState<DrainResult | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  const flagsKey = JSON.stringify(flags);

  useEffect(() => {
    let current = true;
    api.call('kube.drain.preview', { context, node, options: JSON.parse(flagsKey) as DrainOptions }).then(
      (p) => current && setPreview(p),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [context, node, flagsKey]);

  const run = (): void => {
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setProgress([]);
    setResult(undefined);
    setError(undefined);
    let answered = false;
    perform({
      label: t('drain.run', { node }),
      command: drainCommand(kubeTarget(), node, options),
      run: async () => {
        const r = await api.call('kube.drain.run', { context, node, options }, { signal: abort.signal, onProgress: (p) => setProgress((list) => [...list, p].slice(-300)) });
        answered = true;
        setResult(r);
        // Only a drained node counts as done, in the journal too.
        if (r.outcome !== 'drained') throw r.error ? LotseError.fromData(r.error) : new LotseError(r.outcome === 'cancelled' ? 'CANCELLED' : 'CONFLICT', t(`drain.outcome.${r.outcome}`));
        return r;
      },
    })
      .catch((e: unknown) => {
        if (!answered) setError(e);
      })
      .finally(() => setRunning(false));
  };

  return (
    <Stack gap="sm" data-testid="drain-pane">
      <Text size="sm">{t('drain.intro')}</Text>
      <Group gap="md">
        {(['ignoreDaemonsets', 'deleteEmptydirData', 'force'] as const).map((f) => (
          <Checkbox key={f} label={t(`drain.flags.${f}`)} checked={flags[f]} disabled={running} onChange={(e) => setFlags((x) => ({ ...x, [f]: e.currentTarget.checked }))} data-testid={`drain-flag-${f}`} />
        ))}
      </Group>
      <CommandLine command={drainCommand(kubeTarget(), node, options)} />
      {preview ? (
        <>
          <Text size="xs" c="dimmed" data-testid="drain-timing">
            {t('drain.timing', { api: Math.round(preview.apiMs), plan: preview.planMs.toFixed(1) })}
          </Text>
          {!preview.plan.canProceed ? (
            <Alert color="red" icon={<IconInfoCircle />} data-testid="drain-refused">
              {t('drain.cannot', { flags: preview.plan.needs.join(' ') })}
            </Alert>
          ) : null}
          <Table data-testid="drain-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('drain.columns.pod')}</Table.Th>
                <Table.Th>{t('drain.columns.action')}</Table.Th>
                <Table.Th>{t('drain.columns.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.plan.pods.map((p) => (
                <Table.Tr key={`${p.namespace}/${p.name}`} data-testid={`drain-pod-${p.name}`}>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {p.namespace}/{p.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={ACTION_COLOR[p.action] ?? 'gray'}>
                      {t(`drain.action.${p.action}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {t(`drain.why.${p.action}`, {
                        owner: p.owners.map((o) => `${o.kind} ${o.name}`).join(' ← ') || '–',
                        nodes: p.fitsOn.join(', ') || '–',
                        budget: p.budget?.name ?? '',
                        allowed: p.budget?.disruptionsAllowed ?? 0,
                        healthy: p.budget?.currentHealthy ?? 0,
                        desired: p.budget?.desiredHealthy ?? 0,
                        volumes: p.emptyDir.join(', '),
                      })}
                      {p.fitsNowhere ? ` ${t('drain.fitsNowhere', { why: p.fitsNowhere })}` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      <Group>
        <Button color="orange" onClick={run} loading={running} disabled={!preview?.plan.canProceed} data-testid="drain-run">
          {t('drain.start')}
        </Button>
        {running ? (
          <Button variant="default" onClick={() => controller.current?.abort()} data-testid="drain-cancel">
            {t('drain.cancel')}
          </Button>
        ) : null}
      </Group>
      {progress.length ? (
        <Stack gap={2} data-testid="drain-progress">
          {progress.slice(-12).map((p, i) => (
            <Text key={i} size="xs">
              {t(`drain.progress.${p.phase}`, { pod: p.pod ? `${p.pod.namespace}/${p.pod.name}` : '', attempt: p.attempt ?? 1, message: p.message ?? '' })}
            </Text>
          ))}
        </Stack>
      ) : null}
      {result ? (
        <Alert color={result.outcome === 'drained' ? 'teal' : result.outcome === 'cancelled' ? 'gray' : 'red'} title={t(`drain.outcome.${result.outcome}`)} data-testid="drain-result">
          <Stack gap={4}>
            <Text size="sm">{t('drain.evicted', { count: result.evicted.length })}</Text>
            {result.remaining.length ? <Text size="sm">{t('drain.remaining', { pods: result.remaining.join(', ') })}</Text> : null}
            {result.unscheduled.length ? <Text size="sm">{t('drain.unscheduled', { sets: result.unscheduled.join(', ') })}</Text> : null}
            {result.error ? <ErrorNotice error={result.error} /> : null}
          </Stack>
        </Alert>
      ) : null}
      {error ? <ErrorNotice error={toErrorData(error)} /> : null}
    </Stack>
  );
}
