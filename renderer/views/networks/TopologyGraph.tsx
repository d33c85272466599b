import '@xyflow/react/dist/style.css';

import { Badge, Text, useComputedColorScheme } from '@mantine/core';
import { Background, Controls, type Edge, MarkerType, MiniMap, type Node, ReactFlow } from '@xyflow/react';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Topology } from '@shared/dto/networks';

import { useConcept } from '../../stores/concept';
import { layoutTopology, NODE_WIDTH } from './topology-layout';

const KIND_COLOR = { host: '#fab005', network: '#15aabf', container: '#228be6' } as const;

/** Networks and containers as a graph (dagre layout), with the host and its published ports; follows engine events. */
export function TopologyGraph({ topology }: { topology: Topology }): ReactElement {
  const { t } = useTranslation('networks');
  const dark = useComputedColorScheme('light') === 'dark';
  const { nodes, edges } = useMemo(() => {
    const laid = layoutTopology(topology, t('topology.host'));
    const nodes: Node[] = laid.nodes.map((n) => ({
      id: n.id,
      position: { x: n.x, y: n.y },
      data: {
        label: (
          <div data-testid={`topology-${n.kind}-${n.label}`}>
            <Text size="xs" fw={700} truncate="end">
              {n.label}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {n.kind === 'container' ? `${n.detail} · ${n.state ?? ''}` : n.kind === 'host' ? t('topology.hostDetail') : n.detail}
            </Text>
          </div>
        ),
      },
      style: {
        width: NODE_WIDTH,
        borderLeft: `4px solid ${KIND_COLOR[n.kind]}`,
        background: dark ? '#2b2c30' : '#fff',
        color: dark ? '#eee' : '#222',
        opacity: n.kind === 'container' && n.state !== 'running' ? 0.6 : 1,
      },
      connectable: false,
    }));
    const edges: Edge[] = laid.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label,
      animated: e.kind === 'port',
      markerEnd: { type: MarkerType.ArrowClosed },
      style: { stroke: e.kind === 'port' ? KIND_COLOR.host : undefined },
      labelStyle: { fontSize: 11 },
    }));
    return { nodes, edges };
  }, [topology, dark, t]);

  return (
    <div style={{ height: 'calc(100vh - 300px)', minHeight: 360 }} data-testid="topology-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesDraggable
        nodesConnectable={false}
        colorMode={dark ? 'dark' : 'light'}
        onNodeClick={(_event, node) => useConcept.getState().show(node.id.startsWith('n:') ? 'network-driver-bridge' : node.id === 'host' ? 'port-publishing' : 'networking')}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable />
      </ReactFlow>
      <Badge variant="light" mt={4}>
        {t('topology.legend')}
      </Badge>
    </div>
  );
}
