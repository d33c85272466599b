import type { ReactElement } from 'react';

import type { DiagramProps } from './docker-diagrams';
import { Box, Caption, Frame, Line } from './parts';

const W = 320;

export function ComposeProject({ language, context }: DiagramProps): ReactElement {
  const de = language === 'de';
  // Opened from a live project: its own services on its own default network.
  const services = context?.containers?.slice(0, 4) ?? [];
  if (context?.name && services.length) {
    const step = (W - 24) / services.length;
    return (
      <Frame width={W} height={170} title={de ? `Dein Projekt „${context.name}“` : `Your project "${context.name}"`}>
        <Box x={4} y={4} w={W - 8} h={160} label={de ? `Projekt „${context.name}“` : `Project "${context.name}"`} tone="gray" dashed align="top" />
        {services.map((s, i) => (
          <g key={s}>
            <Box x={12 + i * step} y={34} w={step - 8} h={40} label={s} sub="service" tone="teal" />
            <Line x1={8 + i * step + step / 2} y1={74} x2={8 + i * step + step / 2} y2={104} />
          </g>
        ))}
        <Box x={12} y={104} w={W - 24} h={30} label={`${context.name}_default`} sub={de ? 'Netzwerk, DNS über Servicenamen' : 'network, DNS by service name'} tone="cyan" />
        {(context.containers?.length ?? 0) > services.length ? (
          <Caption x={W / 2} y={155} anchor="middle">
            {de ? `und ${String((context.containers?.length ?? 0) - services.length)} weitere` : `and ${String((context.containers?.length ?? 0) - services.length)} more`}
          </Caption>
        ) : null}
      </Frame>
    );
  }
  return (
    <Frame width={W} height={210} title={de ? 'Ein Compose-Projekt' : 'A Compose project'}>
      <Box x={4} y={4} w={W - 8} h={200} label={de ? 'Projekt „shop“ (docker-compose.yml)' : 'Project "shop" (docker-compose.yml)'} tone="gray" dashed align="top" />
      <Box x={20} y={34} w={130} h={40} label="web" sub={de ? 'Service, Port 8080:80' : 'service, port 8080:80'} tone="teal" />
      <Box x={170} y={34} w={130} h={40} label="db" sub={de ? 'Service, healthcheck' : 'service, healthcheck'} tone="teal" />
      <Line x1={150} y1={54} x2={170} y2={54} arrow label="" />
      <Caption x={160} y={90} anchor="middle">
        depends_on: service_healthy
      </Caption>
      <Box x={20} y={104} w={280} h={30} label="shop_default" sub={de ? 'Netzwerk, DNS über Servicenamen' : 'network, DNS by service name'} tone="cyan" />
      <Line x1={235} y1={74} x2={235} y2={104} />
      <Line x1={85} y1={74} x2={85} y2={104} />
      <Box x={170} y={150} w={130} h={40} label="shop_dbdata" sub={de ? 'benanntes Volume' : 'named volume'} tone="blue" />
      <Box x={20} y={150} w={130} h={40} label=".env" sub={de ? 'Einstellungen' : 'settings'} tone="orange" />
    </Frame>
  );
}

/** This swarm's own nodes (managers first) with up to four tasks each, when the caller passed them. */
function LiveSwarm({ de, nodes }: { de: boolean; nodes: NonNullable<NonNullable<DiagramProps['context']>['swarmNodes']> }): ReactElement {
  const shown = [...nodes].sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager')).slice(0, 4);
  const w = (W - 8) / shown.length - 6;
  return (
    <Frame width={W} height={200} title={de ? 'Dein Swarm: Manager und Worker' : 'Your swarm: managers and workers'}>
      {shown.map((n, i) => {
        const x = 4 + i * (w + 6);
        const role = n.role === 'manager' ? (n.leader ? 'Leader' : 'Manager') : 'Worker';
        return (
          <g key={n.name}>
            <Box x={x} y={6} w={w} h={170} label={n.name} sub={role} tone={n.role === 'manager' ? 'grape' : 'blue'} align="top" title={`${n.name} (${role})`} />
            {n.tasks.slice(0, 4).map((task, j) => (
              <Box key={task} x={x + 6} y={44 + j * 30} w={w - 12} h={24} label={task} tone="teal" title={task} />
            ))}
            {n.tasks.length > 4 ? (
              <Caption x={x + w / 2} y={170} anchor="middle">
                {`+${String(n.tasks.length - 4)}`}
              </Caption>
            ) : null}
          </g>
        );
      })}
      <Caption x={W / 2} y={195} anchor="middle">
        {de ? `${String(nodes.length)} Knoten · Manager planen, jeder Knoten führt Tasks aus` : `${String(nodes.length)} nodes · managers schedule, every node runs tasks`}
      </Caption>
    </Frame>
  );
}

export function SwarmCluster({ language, context }: DiagramProps): ReactElement {
  const de = language === 'de';
  if (context?.swarmNodes?.length) return <LiveSwarm de={de} nodes={context.swarmNodes} />;
  return (
    <Frame width={W} height={200} title={de ? 'Swarm: Manager und Worker' : 'Swarm: managers and workers'}>
      <Box x={90} y={6} w={140} h={42} label="Manager" sub={de ? 'Raft, plant Tasks, :2377' : 'Raft, schedules tasks, :2377'} tone="grape" />
      <Line x1={130} y1={48} x2={60} y2={96} arrow />
      <Line x1={160} y1={48} x2={160} y2={96} arrow />
      <Line x1={190} y1={48} x2={260} y2={96} arrow />
      {[0, 1, 2].map((i) => (
        <g key={i}>
          <Box x={8 + i * 104} y={96} w={96} h={64} label={`Worker ${String(i + 1)}`} tone="blue" align="top" />
          <Box x={16 + i * 104} y={120} w={80} h={30} label={`web.${String(i + 1)}`} sub="Task" tone="teal" />
        </g>
      ))}
      <Caption x={W / 2} y={180} anchor="middle">
        {de ? 'Service web, 3 Replikate: je ein Task pro Knoten' : 'Service web, 3 replicas: one task per node'}
      </Caption>
      <Caption x={W / 2} y={195} anchor="middle">
        {de ? 'Gossip 7946 · Overlay (VXLAN) 4789' : 'gossip 7946 · overlay (VXLAN) 4789'}
      </Caption>
    </Frame>
  );
}

export function RoutingMesh({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  return (
    <Frame width={W} height={200} title={de ? 'Das Routing-Mesh' : 'The routing mesh'}>
      <Box x={100} y={4} w={120} h={30} label={de ? 'Anfrage :8080' : 'Request :8080'} tone="orange" />
      <Line x1={160} y1={34} x2={60} y2={66} arrow />
      <Line x1={160} y1={34} x2={260} y2={66} arrow />
      <Line x1={160} y1={34} x2={160} y2={66} arrow />
      {[0, 1, 2].map((i) => (
        <Box key={i} x={8 + i * 104} y={66} w={96} h={34} label={`${de ? 'Knoten' : 'Node'} ${String(i + 1)}`} sub=":8080" tone="blue" />
      ))}
      <Box x={8} y={112} w={W - 16} h={26} label={de ? 'Ingress-Netz: verteilt auf alle Tasks' : 'Ingress network: balances over all tasks'} tone="cyan" />
      <Box x={30} y={152} w={110} h={30} label="web.1" sub="Task" tone="teal" />
      <Box x={180} y={152} w={110} h={30} label="web.2" sub="Task" tone="teal" />
      <Line x1={85} y1={138} x2={85} y2={152} />
      <Line x1={235} y1={138} x2={235} y2={152} />
      <Caption x={W / 2} y={196} anchor="middle">
        {de ? 'Jeder Knoten nimmt an, auch ohne eigenen Task' : 'Every node accepts, even without a task of its own'}
      </Caption>
    </Frame>
  );
}

export function RollingUpdate({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  const rows = [
    ['v1', 'v1', 'v1', 'v1'],
    ['v2', 'v1', 'v1', 'v1'],
    ['v2', 'v2', 'v1', 'v1'],
    ['v2', 'v2', 'v2', 'v2'],
  ];
  return (
    <Frame width={W} height={190} title={de ? 'Rolling Update: ein Task nach dem anderen' : 'Rolling update: one task after another'}>
      {rows.map((row, r) => (
        <g key={r}>
          <Caption x={4} y={22 + r * 40}>
            {r === 0 ? (de ? 'vorher' : 'before') : r === rows.length - 1 ? (de ? 'fertig' : 'done') : `+${String(r * 10)} s`}
          </Caption>
          {row.map((v, c) => (
            <Box key={c} x={64 + c * 62} y={6 + r * 40} w={56} h={28} label={v} tone={v === 'v2' ? 'teal' : 'gray'} />
          ))}
        </g>
      ))}
      <Caption x={W / 2} y={184} anchor="middle">
        --update-parallelism 1 --update-delay 10s
      </Caption>
    </Frame>
  );
}
