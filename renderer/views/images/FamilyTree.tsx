import '@xyflow/react/dist/style.css';

import dagre from '@dagrejs/dagre';
import { Text, useComputedColorScheme } from '@mantine/core';
import { Background, type Edge, type Node, ReactFlow } from '@xyflow/react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { ImageFamily } from '@shared/dto/images';

import { formatBytes } from '../../format';
import { shortId } from './listing';

const WIDTH = 220;
const HEIGHT = 64;

/** The images that share base layers, as the course draws them: base on top, children below, shared bytes on the edges. */
export function FamilyTree({ family, onOpen }: { family: ImageFamily; onOpen: (ref: string) => void }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const dark = useComputedColorScheme('light') === 'dark';
  const { nodes, edges } = (() => {
    const graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 70 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const node of family.nodes) graph.setNode(node.id, { width: WIDTH, height: HEIGHT });
    for (const node of family.nodes) if (node.parentId) graph.setEdge(node.parentId, node.id);
    dagre.layout(graph);
    const nodes: Node[] = family.nodes.map((node) => {
      const position = graph.node(node.id) as { x: number; y: number };
      const self = node.id === family.imageId;
      return {
        id: node.id,
        position: { x: position.x - WIDTH / 2, y: position.y - HEIGHT / 2 },
        data: {
          label: (
            <div data-testid={`family-node-${node.tags[0] ?? shortId(node.id)}`}>
              <Text size="xs" fw={700} ff="monospace" truncate="end">
                {node.tags[0] ?? `<none> ${shortId(node.id)}`}
              </Text>
              <Text size="xs" c="dimmed">
                {t('family.own', { bytes: formatBytes(node.ownBytes, i18n.language), layers: node.layers })}
              </Text>
            </div>
          ),
        },
        style: {
          width: WIDTH,
          border: self ? '2px solid #228be6' : undefined,
          background: dark ? '#2b2c30' : '#fff',
          color: dark ? '#eee' : '#222',
        },
        connectable: false,
      };
    });
    const edges: Edge[] = family.nodes
      .filter((n) => n.parentId)
      .map((n) => ({
        id: `${n.parentId}-${n.id}`,
        source: n.parentId!,
        target: n.id,
        label: t('family.shared', { bytes: formatBytes(n.sharedBytes, i18n.language) }),
        labelStyle: { fontSize: 11, fill: dark ? '#ddd' : '#333' },
        labelBgStyle: { fill: dark ? '#1a1b1e' : '#fff' },
      }));
    return { nodes, edges };
  })();
  return (
    <div style={{ height: 460, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }} data-testid="family-tree">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_event, node) => onOpen(node.id)}
        proOptions={{ hideAttribution: true }}
        colorMode={dark ? 'dark' : 'light'}
      >
        <Background />
      </ReactFlow>
    </div>
  );
}
