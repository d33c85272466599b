import '@xyflow/react/dist/style.css';

import dagre from '@dagrejs/dagre';
import { Alert, Anchor, Badge, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title, useComputedColorScheme } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Background, Controls, type Edge, MarkerType, type Node, Position, ReactFlow } from '@xyflow/react';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ClusterOverview, KPod } from '@shared/dto/kube';
import { type Endpoint, evaluate, OTHER_NAMESPACES, OUTSIDE, type PolicyWorld, type Protocol, portSetText, type TalkGraph, talkGraph } from '@shared/kube/netpol';
import { keyOf, listItems } from '@shared/kube/reducer';
import { labelsText, matchesMap } from '@shared/kube/selectors';

import { api } from '../../api';
import { useKube, useKubeList } from '../../stores/kube';

const toEndpoint = (p: KPod): Extract<Endpoint, { kind: 'pod' }> => ({
  kind: 'pod',
  namespace: p.meta.namespace ?? 'default',
  name: p.meta.name,
  labels: p.meta.labels,
  ip: p.podIP,
  ports: p.containers.flatMap((c) => c.ports),
});

/** Services with their endpoints, and who may talk to whom by the NetworkPolicies of the namespace. */
export function NetworkPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const chosen = useKube((s) => s.namespace);
  const namespaces = useKubeList('namespaces');
  const pods = useKubeList('pods');
  const services = useKubeList('services', chosen);
  const slices = useKubeList('endpointslices', chosen);
  const policies = useKubeList('networkpolicies');
  const nodes = useKubeList('nodes');
  const [overview, setOverview] = useState<ClusterOverview | undefined>(undefined);
  const namespace = chosen || 'default';

  useEffect(() => {
    if (context) api.call('kube.overview', { context }).then(setOverview, () => undefined);
  }, [context]);

  const world: PolicyWorld = useMemo(
    () => ({ policies: policies ? listItems(policies) : [], namespaces: new Map([...(namespaces?.items.values() ?? [])].map((n) => [n.meta.name, n.meta.labels])) }),
    [policies, namespaces],
  );
  const endpoints = useMemo(() => [...(pods?.items.values() ?? [])].filter((p) => !p.meta.deleting).map(toEndpoint), [pods]);
  const graph = useMemo(() => talkGraph(world, namespace, endpoints, endpoints), [world, namespace, endpoints]);
  const nodeAddress = [...(nodes?.items.values() ?? [])].flatMap((n) => n.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address))[0] ?? '127.0.0.1';

  return (
    <Stack gap="md" data-testid="kube-network">
      {overview && overview.policyEnforcement !== 'likely' ? (
        <Alert color="yellow" icon={<IconInfoCircle />} data-testid="kube-policy-warning">
          {t(`overview.policies.${overview.practice ? 'practice' : overview.policyEnforcement}`, { plugin: overview.networkPlugin ?? '' })}
        </Alert>
      ) : null}
      <Card withBorder padding="sm">
        <Title order={5} mb="xs">
          {t('network.services')}
        </Title>
        <Table data-testid="kube-services">
          <Table.Thead>
            <Table.Tr>
              {(['name', 'type', 'ports', 'selector', 'endpoints'] as const).map((k) => (
                <Table.Th key={k}>{t(`network.columns.${k}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(services ? listItems(services) : []).map((s) => {
              const mine = [...(slices?.items.values() ?? [])].filter((x) => x.service === s.meta.name && x.meta.namespace === s.meta.namespace);
              const eps = mine.flatMap((x) => x.endpoints);
              const selected = [...(pods?.items.values() ?? [])].filter((p) => p.meta.namespace === s.meta.namespace && matchesMap(s.selector, p.meta.labels));
              return (
                <Table.Tr key={keyOf(s)} data-testid={`service-${s.meta.name}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.meta.namespace}/{s.meta.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.clusterIP}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" fw={600}>
                      {s.type}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.ports.map((p) => (
                      <Text key={`${p.port}/${p.protocol}`} size="xs">
                        {p.port}/{p.protocol} → {p.targetPort ?? p.port}
                        {p.nodePort ? (
                          <>
                            {' · '}
                            <Anchor size="xs" href={`http://${nodeAddress}:${p.nodePort}/`} target="_blank" rel="noreferrer" data-testid={`nodeport-${p.nodePort}`}>
                              {nodeAddress}:{p.nodePort}
                            </Anchor>
                          </>
                        ) : null}
                      </Text>
                    ))}
                    {s.loadBalancer.map((lb) => (
                      <Text key={lb.ip ?? lb.hostname} size="xs">
                        LB {lb.ip ?? lb.hostname}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {s.selector ? labelsText(s.selector) : t('network.noSelector')}
                    </Text>
                    {s.selector && !selected.length ? (
                      <Text size="xs" c="orange">
                        {t('network.selectsNothing')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td data-testid={`endpoints-${s.meta.name}`}>
                    <Text size="xs">{t('network.endpoints', { ready: eps.filter((e) => e.ready).length, total: eps.length })}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {eps
                        .slice(0, 6)
                        .map((e) => `${e.pod ?? e.addresses[0] ?? ''}${e.ready ? '' : ' ✗'}`)
                        .join(', ')}
                      {eps.length > 6 ? ' …' : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder padding="sm">
        <Title order={5}>{t('network.graph.title', { namespace })}</Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('network.graph.intro')}
        </Text>
        <TalkGraphView graph={graph} />
        <Group gap="xs" mt="xs">
          {world.policies
            .filter((p) => p.meta.namespace === namespace)
            .map((p) => (
              <Badge key={p.meta.name} variant="outline">
                {p.meta.name}
              </Badge>
            ))}
        </Group>
      </Card>
      <PairCheck world={world} pods={endpoints.filter((p) => p.namespace === namespace)} namespace={namespace} />
    </Stack>
  );
}

interface GroupNames {
  other: string;
  outside: string;
  none: string;
}

function groupLabel(id: string, graph: TalkGraph, names: GroupNames): string {
  if (id === OTHER_NAMESPACES) return names.other;
  if (id === OUTSIDE) return names.outside;
  const g = graph.groups.find((x) => x.id === id);
  return g ? labelsText(g.labels) || names.none : id;
}

function TalkGraphView({ graph }: { graph: TalkGraph }): ReactElement {
  const { t } = useTranslation('kube');
  const dark = useComputedColorScheme('light') === 'dark';
  const names: GroupNames = { other: t('network.graph.otherNamespaces'), outside: t('network.graph.outside'), none: t('network.graph.noLabels') };
  const { nodes, edges } = useMemo(() => {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 140 });
    g.setDefaultEdgeLabel(() => ({}));
    const ids = [...graph.groups.map((x) => x.id), ...new Set(graph.fromOutsideNamespace.map((e) => e.from))];
    const all = [OTHER_NAMESPACES, OUTSIDE, ...graph.groups.map((x) => x.id)].filter((id, i, a) => a.indexOf(id) === i);
    for (const id of all) g.setNode(id, { width: 200, height: 64 });
    for (const e of [...graph.edges, ...graph.fromOutsideNamespace]) g.setEdge(e.from, e.to);
    dagre.layout(g);
    const nodes: Node[] = all.map((id) => {
      const p = g.node(id) as { x: number; y: number };
      const group = graph.groups.find((x) => x.id === id);
      const isolated = group && group.ingressIsolatedBy.length > 0;
      return {
        id,
        position: { x: p.x - 100, y: p.y - 32 },
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
        connectable: false,
        data: {
          label: (
            <div data-testid={`talk-node-${groupLabel(id, graph, names)}`} style={{ textAlign: 'left' }}>
              <Text size="xs" fw={700}>
                {groupLabel(id, graph, names)}
              </Text>
              <Text size="xs" c="dimmed">
                {group ? t('network.graph.pods', { count: group.pods.length }) : ''}
                {isolated ? ` · ${t('network.graph.isolated')}` : ''}
              </Text>
            </div>
          ),
        },
        style: {
          width: 200,
          padding: '6px 8px',
          borderLeft: `4px solid ${group ? (isolated ? '#e8590c' : '#228be6') : '#868e96'}`,
          background: dark ? '#2b2c30' : '#fff',
          color: dark ? '#eee' : '#222',
          opacity: ids.includes(id) || group ? 1 : 0.55,
        },
      };
    });
    const edges: Edge[] = [...graph.edges, ...graph.fromOutsideNamespace].map((e) => ({
      id: `${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      label: portSetText(e.ports) === 'all' ? t('network.graph.allPorts') : portSetText(e.ports),
      markerEnd: { type: MarkerType.ArrowClosed },
      labelStyle: { fontSize: 11, fill: dark ? '#eee' : '#222' },
      labelBgStyle: { fill: dark ? '#1f1f22' : '#fff', fillOpacity: 0.9 },
    }));
    return { nodes, edges };
    // The names follow the language, as t does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, dark, t]);
  return (
    <div style={{ height: 380, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }} data-testid="talk-graph">
      {/* A new set of groups is a new picture: fitted again. */}
      <ReactFlow key={nodes.map((n) => n.id).join('|')} nodes={nodes} edges={edges} fitView proOptions={{ hideAttribution: true }} nodesDraggable={false} nodesConnectable={false}>
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
      <Text size="xs" c="dimmed" data-testid="talk-edges" style={{ display: 'none' }}>
        {graph.edges.map((e) => `${groupLabel(e.from, graph, names)} -> ${groupLabel(e.to, graph, names)}: ${portSetText(e.ports)}`).join('\n')}
      </Text>
    </div>
  );
}

/** "May A reach B on this port?", and which policy decides. */
function PairCheck({ world, pods, namespace }: { world: PolicyWorld; pods: Extract<Endpoint, { kind: 'pod' }>[]; namespace: string }): ReactElement {
  const { t } = useTranslation('kube');
  const options = [
    ...pods.map((p) => ({ value: `pod:${p.name}`, label: p.name })),
    { value: 'other', label: t('network.graph.otherNamespaces') },
    { value: 'outside', label: t('network.graph.outside') },
  ];
  // Until the learner picks, the first two pods of the namespace (they arrive after the first render).
  const [picked, setPicked] = useState<{ from?: string | null; to?: string | null }>({});
  const from = picked.from !== undefined ? picked.from : (options[0]?.value ?? null);
  const to = picked.to !== undefined ? picked.to : pods[1] ? `pod:${pods[1].name}` : (pods[0] ? `pod:${pods[0].name}` : null);
  const setFrom = (v: string | null): void => setPicked((p) => ({ ...p, from: v }));
  const setTo = (v: string | null): void => setPicked((p) => ({ ...p, to: v }));
  const [protocol, setProtocol] = useState<Protocol>('TCP');
  const [port, setPort] = useState<number | string>(80);
  const resolve = (v: string | null): Endpoint | undefined => {
    if (v === 'other') return { kind: 'pod', namespace: OTHER_NAMESPACES, name: '', labels: {} };
    if (v === 'outside') return { kind: 'external' };
    return pods.find((p) => `pod:${p.name}` === v);
  };
  const a = resolve(from);
  const b = resolve(to);
  const verdict = a && b && typeof port === 'number' ? evaluate(world, a, b, { protocol, port }) : undefined;
  return (
    <Card withBorder padding="sm" data-testid="pair-check">
      <Title order={5} mb="xs">
        {t('network.check.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Select label={t('network.check.from')} data={options} value={from} onChange={setFrom} searchable data-testid="pair-from" />
        <Select label={t('network.check.to')} data={options.filter((o) => o.value.startsWith('pod:'))} value={to} onChange={setTo} searchable data-testid="pair-to" />
        <Select label={t('network.check.protocol')} data={['TCP', 'UDP', 'SCTP']} value={protocol} onChange={(v) => setProtocol(v === 'UDP' || v === 'SCTP' ? v : 'TCP')} />
        <NumberInput label={t('network.check.port')} value={port} onChange={setPort} min={1} max={65535} data-testid="pair-port" />
      </SimpleGrid>
      {verdict && b?.kind === 'pod' ? (
        <Alert mt="sm" color={verdict.allowed ? 'teal' : 'red'} data-testid="pair-verdict">
          <Text size="sm" fw={700}>
            {verdict.allowed ? t('network.check.allowed') : t('network.check.denied')}
          </Text>
          <Text size="sm">
            {verdict.ingress.allowedBy
              ? t('network.check.byRule', { policy: verdict.ingress.allowedBy.policy, rule: verdict.ingress.allowedBy.rule + 1 })
              : verdict.ingress.isolated
                ? t('network.check.isolatedBy', { policies: verdict.ingress.selecting.join(', ') })
                : t('network.check.notIsolated', { namespace })}
          </Text>
          {verdict.egress.isolated ? <Text size="sm">{verdict.egress.allowed ? t('network.check.egressAllowed', { policy: verdict.egress.allowedBy?.policy ?? '' }) : t('network.check.egressDenied', { policies: verdict.egress.selecting.join(', ') })}</Text> : null}
        </Alert>
      ) : null}
    </Card>
  );
}
