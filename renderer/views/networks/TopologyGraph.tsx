import '@xyflow/react/dist/style.css';

import { Text, useComputedColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowsMaximize, IconArrowsMinimize, IconMap } from '@tabler/icons-react';
import {
  Background,
  ControlButton,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  type Node,
  Position,
  ReactFlow,
  type ReactFlowInstance,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Topology } from '@shared/dto/networks';

import { useRestOfWindow } from '../../components/restOfWindow';
import { useConcept } from '../../stores/concept';
import { useTrainer } from '../../stores/trainer';
import { layoutTopology } from './topology-layout';

const KIND_COLOR = { host: '#fab005', network: '#15aabf', container: '#228be6' } as const;
/** Presentation mode sets the root type to 125 %: the graph's boxes and labels grow with it. */
const PRESENTATION_SCALE = 1.25;
/** Never zoom out below this to make everything fit: the type stays readable, the rest is a pan away. */
const READABLE_ZOOM = { normal: 0.7, presentation: 0.9 };
const NO_HEIGHTS: ReadonlyMap<string, number> = new Map();

/** Reports the nodes the browser drew taller than their planned height (a font wider than estimated). */
function TallerThanPlanned({ onTaller }: { onTaller: (heights: ReadonlyMap<string, number>) => void }): null {
  const initialized = useNodesInitialized();
  const { getNodes } = useReactFlow();
  useEffect(() => {
    if (!initialized) return;
    const taller = new Map<string, number>();
    for (const node of getNodes()) {
      const planned = typeof node.style?.minHeight === 'number' ? node.style.minHeight : 0;
      const height = node.measured?.height ?? 0;
      if (height > planned + 1) taller.set(node.id, Math.ceil(height));
    }
    if (taller.size > 0) onTaller(taller);
  }, [initialized, getNodes, onTaller]);
  return null;
}

/**
 * Networks and containers as a graph in three columns (host, containers, networks), with the
 * published ports and addresses on the edges; follows engine events. It fills the rest of the
 * window below it, or the whole window at the learner's request (in presentation mode from the start).
 */
export function TopologyGraph({ topology }: { topology: Topology }): ReactElement {
  const { t } = useTranslation('networks');
  const dark = useComputedColorScheme('light') === 'dark';
  const presentation = useTrainer((s) => s.presentation);
  const scale = presentation ? PRESENTATION_SCALE : 1;
  const [full, setFull] = useState(presentation);
  const [minimap, setMinimap] = useState(false);
  // Heights of nodes drawn taller than the layout estimated (per type size), laid out again with them.
  const [drawn, setDrawn] = useState<{ scale: number; heights: ReadonlyMap<string, number> }>({ scale, heights: new Map() });
  const heights = drawn.scale === scale ? drawn.heights : NO_HEIGHTS;
  const onTaller = useCallback(
    (taller: ReadonlyMap<string, number>) => setDrawn((d) => ({ scale, heights: new Map([...(d.scale === scale ? d.heights : []), ...taller]) })),
    [scale],
  );
  const frame = useRef<HTMLDivElement>(null);
  const flow = useRef<ReactFlowInstance | undefined>(undefined);
  // Room below the graph for the page's padding.
  const rest = useRestOfWindow(frame, 24, 360, full);

  const { nodes, edges } = useMemo(() => {
    const laid = layoutTopology(topology, { host: t('topology.host'), hostDetail: t('topology.hostDetail'), more: (count) => t('topology.morePorts', { count }) }, scale, heights);
    const nodes: Node[] = laid.nodes.map((n) => ({
      id: n.id,
      // The host only sends, a network only receives: no loose handle dots.
      type: n.kind === 'host' ? 'input' : n.kind === 'network' ? 'output' : 'default',
      position: { x: n.x, y: n.y },
      // Edges run left to right, as the columns do.
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      data: {
        label: (
          <div data-testid={`topology-${n.kind}-${n.label}`} style={{ textAlign: 'left' }}>
            <Text size="xs" fw={700} style={{ overflowWrap: 'anywhere' }}>
              {n.label}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {n.kind === 'container' ? `${n.detail} · ${n.state ?? ''}` : n.detail}
            </Text>
          </div>
        ),
      },
      style: {
        width: n.width,
        minHeight: n.height,
        padding: '8px 10px',
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
      labelStyle: { fontSize: 11 * scale, fill: dark ? '#eee' : '#222' },
      labelBgStyle: { fill: dark ? '#1f1f22' : '#fff', fillOpacity: 0.9 },
      labelBgPadding: [4, 2] as [number, number],
    }));
    return { nodes, edges };
  }, [topology, dark, t, scale, heights]);

  /** Everything in view if the type stays readable; otherwise readable, from the top left. */
  const fit = useCallback(async (): Promise<void> => {
    const instance = flow.current;
    const box = frame.current;
    if (!instance || !box) return;
    const minZoom = presentation ? READABLE_ZOOM.presentation : READABLE_ZOOM.normal;
    await instance.fitView({ padding: 0.08, minZoom, maxZoom: 1.25 });
    const bounds = instance.getNodesBounds(instance.getNodes());
    const { zoom } = instance.getViewport();
    if (bounds.height * zoom > box.clientHeight || bounds.width * zoom > box.clientWidth) {
      await instance.setViewport({ x: 16 - bounds.x * zoom, y: 16 - bounds.y * zoom, zoom });
    }
  }, [presentation]);

  useEffect(() => {
    void fit();
  }, [full, fit, rest]);
  useHotkeys([['Escape', () => setFull(false)]], []);

  const height = full ? '100dvh' : rest;
  return (
    <div
      ref={frame}
      style={{
        height,
        display: 'flex',
        flexDirection: 'column',
        ...(full ? { position: 'fixed', inset: 0, zIndex: 190, background: 'var(--mantine-color-body)', padding: 8 } : {}),
      }}
      data-testid="topology-graph"
      data-full={full || undefined}
      role="group"
      aria-label={t('topology.graph', { containers: topology.containers.length, networks: topology.networks.length })}
    >
      <div style={{ flex: 1, minHeight: 0 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onInit={(instance) => {
          flow.current = instance;
          void fit();
        }}
        minZoom={0.2}
        nodesDraggable
        nodesConnectable={false}
        colorMode={dark ? 'dark' : 'light'}
        onNodeClick={(_event, node) => useConcept.getState().show(node.id.startsWith('n:') ? 'network-driver-bridge' : node.id === 'host' ? 'port-publishing' : 'networking')}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} position="top-left">
          <ControlButton onClick={() => setMinimap((on) => !on)} title={t('topology.minimap')} aria-label={t('topology.minimap')} aria-pressed={minimap} data-testid="topology-minimap-toggle">
            <IconMap />
          </ControlButton>
          <ControlButton
            onClick={() => setFull((on) => !on)}
            title={full ? t('topology.leave') : t('topology.fill')}
            aria-label={full ? t('topology.leave') : t('topology.fill')}
            aria-pressed={full}
            data-testid="topology-fill"
          >
            {full ? <IconArrowsMinimize /> : <IconArrowsMaximize />}
          </ControlButton>
        </Controls>
        {minimap ? <MiniMap pannable zoomable position="bottom-right" /> : null}
        <TallerThanPlanned onTaller={onTaller} />
      </ReactFlow>
      </div>
      <Text size="xs" c="dimmed" pt={4}>
        {t('topology.legend')}
      </Text>
    </div>
  );
}
