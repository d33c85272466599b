import type { ReactElement } from 'react';

import { formatBytes, shorten } from '../../format';
import type { ConceptContext } from '../../stores/concept';
import { Box, Caption, Frame, Line, type Tone } from './parts';

export interface DiagramProps {
  language: 'de' | 'en';
  context: ConceptContext | undefined;
}

const W = 320;

/** Characters of a 12 px bold label that fit a box as wide as the diagram. */
const LABEL_CHARS = 38;

/** Read-only image layers under the container's writable layer; the image's own stack when one is given. */
export function LayerStack({ language, context }: DiagramProps): ReactElement {
  const de = language === 'de';
  const own = context?.layers?.length ? context.layers : undefined;
  // Numbered as the layer explorer numbers them: 1 is the base.
  const layers = own
    ? own
        .map((l, index) => ({ label: l.label, sub: `Layer ${String(index + 1)}${l.sizeBytes === undefined ? '' : ` · ${formatBytes(l.sizeBytes, language)}`}` }))
        .slice(-8)
    : [
        { label: de ? 'Basis: Debian-Dateisystem' : 'Base: Debian file system', sub: 'FROM debian' },
        { label: de ? 'Pakete installiert' : 'Packages installed', sub: 'RUN apt-get install …' },
        { label: de ? 'Deine Anwendung' : 'Your application', sub: 'COPY . /app' },
      ];
  const hidden = own ? own.length - layers.length : 0;
  const rowH = 34;
  const top = 28;
  const writableY = top;
  const height = top + rowH * (layers.length + 1) + (hidden ? 18 : 0) + 30;
  const title = de ? 'Image-Schichten unter der beschreibbaren Container-Schicht' : "Image layers under the container's writable layer";
  return (
    <Frame width={W} height={height} title={title}>
      <Caption x={8} y={16}>
        {own && context?.name ? context.name : de ? 'Container = Image + beschreibbare Schicht' : 'Container = image + writable layer'}
      </Caption>
      <Box
        x={8}
        y={writableY}
        w={W - 16}
        h={rowH - 6}
        tone="orange"
        dashed
        label={de ? 'Beschreibbare Container-Schicht' : 'Writable container layer'}
        sub={context?.writableBytes !== undefined ? formatBytes(context.writableBytes, language) : de ? 'lebt und stirbt mit dem Container' : 'lives and dies with the container'}
      />
      {[...layers].reverse().map((layer, index) => (
        <Box
          key={`${layer.label}-${String(index)}`}
          x={8}
          y={top + rowH * (index + 1)}
          w={W - 16}
          h={rowH - 6}
          tone="blue"
          label={shorten(layer.label, LABEL_CHARS)}
          title={layer.label}
          sub={layer.sub}
        />
      ))}
      {hidden ? (
        <Caption x={W / 2} y={top + rowH * (layers.length + 1) + 10} anchor="middle">
          {de ? `… und ${String(hidden)} weitere Schichten darunter` : `… and ${String(hidden)} more layers below`}
        </Caption>
      ) : null}
      <Caption x={8} y={height - 8}>
        {de ? 'Image-Schichten: nur lesbar, mehrfach genutzt' : 'Image layers: read-only, shared by many containers'}
      </Caption>
    </Frame>
  );
}

export function ContainerVsVm({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  const col = (x: number, rows: { label: string; tone: Tone }[], heading: string): ReactElement => (
    <g>
      <Caption x={x + 70} y={14} anchor="middle">
        {heading}
      </Caption>
      {rows.map((r, i) => (
        <Box key={r.label + String(i)} x={x} y={22 + i * 30} w={140} h={26} label={r.label} tone={r.tone} />
      ))}
    </g>
  );
  const app = (n: number): { label: string; tone: Tone } => ({ label: `App ${String(n)}`, tone: 'teal' });
  return (
    <Frame width={W} height={180} title={de ? 'Container und virtuelle Maschinen im Vergleich' : 'Containers compared with virtual machines'}>
      {col(
        4,
        [app(1), { label: de ? 'Gast-Kernel + OS' : 'Guest kernel + OS', tone: 'orange' }, { label: 'Hypervisor', tone: 'grape' }, { label: de ? 'Host-Kernel' : 'Host kernel', tone: 'gray' }, { label: 'Hardware', tone: 'gray' }],
        de ? 'Virtuelle Maschine' : 'Virtual machine',
      )}
      {col(
        176,
        [app(1), { label: de ? 'nur Bibliotheken' : 'libraries only', tone: 'blue' }, { label: de ? 'Container-Engine' : 'Container engine', tone: 'cyan' }, { label: de ? 'Host-Kernel (geteilt)' : 'Host kernel (shared)', tone: 'gray' }, { label: 'Hardware', tone: 'gray' }],
        'Container',
      )}
    </Frame>
  );
}

export function EngineStack({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  const rows: { label: string; sub: string; tone: Tone }[] = [
    { label: 'docker CLI', sub: de ? 'dein Befehl' : 'your command', tone: 'teal' },
    { label: 'dockerd', sub: de ? 'Docker-Engine, REST-API' : 'Docker engine, REST API', tone: 'blue' },
    { label: 'containerd', sub: de ? 'verwaltet Container und Images' : 'manages containers and images', tone: 'cyan' },
    { label: 'runc', sub: de ? 'startet den Prozess (OCI)' : 'starts the process (OCI)', tone: 'grape' },
    { label: de ? 'Linux-Kernel' : 'Linux kernel', sub: 'namespaces, cgroups', tone: 'gray' },
  ];
  return (
    <Frame width={W} height={rows.length * 46 + 4} title={de ? 'Vom docker-Befehl bis zum Kernel' : 'From the docker command to the kernel'}>
      {rows.map((r, i) => (
        <g key={r.label}>
          <Box x={40} y={4 + i * 46} w={240} h={34} label={r.label} sub={r.sub} tone={r.tone} />
          {i < rows.length - 1 ? <Line x1={160} y1={38 + i * 46} x2={160} y2={50 + i * 46} arrow /> : null}
        </g>
      ))}
    </Frame>
  );
}

export function NetworkTopology({ language, context }: DiagramProps): ReactElement {
  const de = language === 'de';
  const containers = (context?.containers?.length ? context.containers : ['web1', 'web2', 'db']).slice(0, 4);
  const name = context?.name ?? (de ? 'mein-netz' : 'my-net');
  const driver = context?.driver ?? 'bridge';
  const step = (W - 16) / containers.length;
  return (
    <Frame width={W} height={200} title={de ? 'Container an einem Netzwerk' : 'Containers on a network'}>
      <Box x={90} y={6} w={140} h={30} label={de ? 'Host' : 'Host'} sub="eth0" tone="gray" />
      <Line x1={160} y1={36} x2={160} y2={62} label={driver === 'bridge' ? 'NAT / -p' : undefined} />
      <Box x={40} y={62} w={240} h={36} label={name} sub={`${de ? 'Treiber' : 'driver'}: ${driver}${driver === 'bridge' ? ' · DNS 127.0.0.11' : ''}`} tone="cyan" />
      {containers.map((c, i) => {
        const x = 8 + i * step + 4;
        return (
          <g key={c}>
            <Line x1={x + (step - 8) / 2} y1={98} x2={x + (step - 8) / 2} y2={136} />
            <Box x={x} y={136} w={step - 8} h={34} label={shorten(c, 14)} title={c} sub="eth0" tone="teal" />
          </g>
        );
      })}
      <Caption x={W / 2} y={192} anchor="middle">
        {de ? 'Auf eigenen Bridges finden sich Container über ihren Namen' : 'On user-defined bridges containers find each other by name'}
      </Caption>
    </Frame>
  );
}

export function VolumeKinds({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  return (
    <Frame width={W} height={204} title={de ? 'Volume, Bind-Mount und tmpfs' : 'Volume, bind mount and tmpfs'}>
      <Box x={60} y={6} w={200} h={40} label="Container" sub={de ? 'Dateisystem des Containers' : "the container's file system"} tone="teal" />
      <Line x1={90} y1={46} x2={50} y2={100} />
      <Line x1={160} y1={46} x2={160} y2={100} />
      <Line x1={230} y1={46} x2={270} y2={100} />
      <Box x={4} y={100} w={96} h={44} label="Volume" sub={de ? 'Docker verwaltet' : 'Docker manages'} tone="blue" />
      <Box x={112} y={100} w={96} h={44} label="Bind-Mount" sub={de ? 'Host-Ordner' : 'host folder'} tone="orange" />
      <Box x={220} y={100} w={96} h={44} label="tmpfs" sub={de ? 'nur im RAM' : 'memory only'} tone="grape" dashed />
      {/* The path in two lines: in one it is wider than its box. */}
      <Caption x={52} y={160} anchor="middle">
        /var/lib/docker/
      </Caption>
      <Caption x={52} y={173} anchor="middle">
        volumes/
      </Caption>
      <Caption x={160} y={160} anchor="middle">
        {de ? '/dein/pfad' : '/your/path'}
      </Caption>
      <Caption x={268} y={160} anchor="middle">
        {de ? 'weg beim Stopp' : 'gone on stop'}
      </Caption>
      <Caption x={W / 2} y={196} anchor="middle">
        {de ? 'Volumes und Bind-Mounts überleben den Container' : 'Volumes and bind mounts outlive the container'}
      </Caption>
    </Frame>
  );
}
