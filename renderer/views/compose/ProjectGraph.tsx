import '@xyflow/react/dist/style.css';

import { Text, useComputedColorScheme } from '@mantine/core';
import { Background, Controls, type Edge, MarkerType, type Node, ReactFlow } from '@xyflow/react';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { ComposeProject } from '@shared/compose/dto';
import type { ComposeModel } from '@shared/compose/types';

import { useConcept } from '../../stores/concept';
import { layoutProject, NODE_WIDTH, type ServiceDiff } from './graph-layout';

const KIND_COLOR = { host: '#fab005', network: '#15aabf', volume: '#7950f2', service: '#228be6' } as const;
const DIFF_COLOR: Record<ServiceDiff, string> = { ok: '#2f9e44', 'not-running': '#868e96', orphan: '#e03131', 'scale-differs': '#f08c00' };

/** The project drawn from the file (what is wanted) and the engine (what runs), with the difference marked. */
export function ProjectGraph({ model, project }: { model: ComposeModel | undefined; project: ComposeProject | undefined }): ReactElement {
  const { t } = useTranslation('compose');
  const dark = useComputedColorScheme('light') === 'dark';
  const { nodes, edges } = useMemo(() => {
    const laid = layoutProject(model, project, t('graph.host'));
    const nodes: Node[] = laid.nodes.map((n) => ({
      id: n.id,
      position: { x: n.x, y: n.y },
      data: {
        label: (
          <div data-testid={`graph-${n.kind}-${n.label}`} data-diff={n.diff}>
            <Text size="xs" fw={700} truncate="end">
              {n.label}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {n.kind === 'service' ? t(`graph.diff.${n.diff ?? 'ok'}`, { running: n.running ?? 0, wanted: n.wanted ?? 0 }) : n.kind === 'host' ? t('graph.hostDetail') : n.detail}
            </Text>
          </div>
        ),
      },
      style: {
        width: NODE_WIDTH,
        borderLeft: `4px solid ${KIND_COLOR[n.kind]}`,
        borderRight: n.diff ? `4px solid ${DIFF_COLOR[n.diff]}` : undefined,
        borderStyle: n.diff === 'orphan' || n.diff === 'not-running' ? 'dashed' : 'solid',
        background: dark ? '#2b2c30' : '#fff',
        color: dark ? '#eee' : '#222',
      },
      connectable: false,
    }));
    const edges: Edge[] = laid.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label,
      animated: e.kind === 'depends',
      markerEnd: { type: MarkerType.ArrowClosed },
      style: { stroke: e.kind === 'port' ? KIND_COLOR.host : e.kind === 'volume' ? KIND_COLOR.volume : e.kind === 'depends' ? '#e8590c' : undefined },
      labelStyle: { fontSize: 11 },
    }));
    return { nodes, edges };
  }, [model, project, dark, t]);

  const services = (model?.services ?? []).map((s) => s.name);
  return (
    <div style={{ height: 'calc(100vh - 360px)', minHeight: 320 }} data-testid="compose-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesConnectable={false}
        colorMode={dark ? 'dark' : 'light'}
        onNodeClick={(_event, node) =>
          useConcept.getState().show(node.id.startsWith('v:') ? 'compose-volumes' : node.id.startsWith('n:') ? 'compose-networks' : 'compose-services', {
            name: project?.name ?? '',
            containers: services,
          })
        }
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
      <Text size="xs" c="dimmed" mt={4}>
        {t('graph.legend')}
      </Text>
    </div>
  );
}
