import type { ReactElement } from 'react';

import type { DiagramProps } from './docker-diagrams';
import { Box, Caption, Frame, Line } from './parts';

const W = 320;

export function K8sControlPlane({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  return (
    <Frame width={W} height={240} title={de ? 'Kubernetes: Control Plane und Worker' : 'Kubernetes: control plane and workers'}>
      <Box x={4} y={4} w={W - 8} h={108} label="Control Plane" tone="gray" dashed align="top" />
      <Box x={110} y={26} w={100} h={30} label="API-Server" sub="kube-apiserver" tone="grape" />
      <Box x={12} y={70} w={92} h={34} label="etcd" sub={de ? 'Zustand' : 'state'} tone="blue" />
      <Box x={114} y={70} w={92} h={34} label="Scheduler" sub={de ? 'wählt Knoten' : 'picks nodes'} tone="blue" />
      <Box x={216} y={70} w={96} h={34} label="Controller" sub="manager" tone="blue" />
      <Line x1={130} y1={56} x2={58} y2={70} />
      <Line x1={160} y1={56} x2={160} y2={70} />
      <Line x1={190} y1={56} x2={264} y2={70} />
      <Line x1={160} y1={112} x2={80} y2={140} arrow />
      <Line x1={160} y1={112} x2={240} y2={140} arrow />
      {[0, 1].map((i) => (
        <g key={i}>
          <Box x={8 + i * 160} y={140} w={144} h={78} label={`Worker ${String(i + 1)}`} tone="gray" align="top" />
          <Box x={16 + i * 160} y={160} w={62} h={24} label="kubelet" tone="teal" />
          <Box x={82 + i * 160} y={160} w={62} h={24} label="kube-proxy" tone="teal" />
          <Box x={16 + i * 160} y={188} w={128} h={24} label={de ? 'Runtime (containerd)' : 'runtime (containerd)'} tone="cyan" />
        </g>
      ))}
      <Caption x={W / 2} y={234} anchor="middle">
        {de ? 'Alles spricht nur mit dem API-Server' : 'Everything talks only to the API server'}
      </Caption>
    </Frame>
  );
}

export function K8sWorkload({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  return (
    <Frame width={W} height={230} title={de ? 'Deployment, ReplicaSet, Pods und Service' : 'Deployment, ReplicaSet, pods and service'}>
      <Box x={70} y={4} w={180} h={30} label="Deployment nginx" sub="replicas: 3" tone="grape" />
      <Line x1={160} y1={34} x2={160} y2={50} arrow />
      <Box x={70} y={50} w={180} h={30} label="ReplicaSet" sub={de ? 'hält 3 Pods am Leben' : 'keeps 3 pods alive'} tone="blue" />
      {[0, 1, 2].map((i) => (
        <g key={i}>
          <Line x1={160} y1={80} x2={58 + i * 102} y2={104} arrow />
          <Box x={10 + i * 102} y={104} w={96} h={34} label={`Pod ${String(i + 1)}`} sub="app=nginx" tone="teal" />
          <Line x1={58 + i * 102} y1={138} x2={160} y2={170} dashed />
        </g>
      ))}
      <Box x={70} y={170} w={180} h={34} label="Service (NodePort 30080)" sub="selector: app=nginx" tone="cyan" />
      <Caption x={W / 2} y={222} anchor="middle">
        {de ? 'Der Service findet Pods über ihre Labels' : 'The service finds pods by their labels'}
      </Caption>
    </Frame>
  );
}

export function NetworkPolicy({ language }: DiagramProps): ReactElement {
  const de = language === 'de';
  return (
    <Frame width={W} height={190} title={de ? 'NetworkPolicies: erst alles zu, dann gezielt auf' : 'NetworkPolicies: deny all, then allow on purpose'}>
      <Box x={4} y={4} w={W - 8} h={150} label={de ? 'Namespace entenhausen: default-deny' : 'Namespace entenhausen: default-deny'} tone="gray" dashed align="top" />
      <Box x={20} y={50} w={110} h={40} label="ubuntu2" sub="app=ubuntu2" tone="teal" />
      <Box x={190} y={50} w={110} h={40} label="nginx" sub={de ? 'Port 80' : 'port 80'} tone="teal" />
      <Line x1={130} y1={70} x2={190} y2={70} arrow label="80 ✓" />
      <Box x={20} y={106} w={110} h={36} label={de ? 'anderer Pod' : 'other pod'} tone="red" />
      <Line x1={130} y1={120} x2={190} y2={86} dashed label="✗" />
      <Caption x={W / 2} y={174} anchor="middle">
        {de ? 'Nur was eine Policy erlaubt, kommt durch' : 'Only what a policy allows gets through'}
      </Caption>
    </Frame>
  );
}
