import type { ReactElement } from 'react';

import type { ConceptContext } from '../../stores/concept';
import { ContainerVsVm, type DiagramProps, EngineStack, LayerStack, NetworkTopology, VolumeKinds } from './docker-diagrams';
import { K8sControlPlane, K8sWorkload, NetworkPolicy } from './kubernetes-diagrams';
import { ComposeProject, RollingUpdate, RoutingMesh, SwarmCluster } from './orchestration-diagrams';

/** Every diagram a concept can name in its front matter (`diagram: <id>`). */
export const diagrams: Record<string, (props: DiagramProps) => ReactElement> = {
  'layer-stack': LayerStack,
  'container-vs-vm': ContainerVsVm,
  'engine-stack': EngineStack,
  'network-topology': NetworkTopology,
  'volume-kinds': VolumeKinds,
  'compose-project': ComposeProject,
  'swarm-cluster': SwarmCluster,
  'routing-mesh': RoutingMesh,
  'rolling-update': RollingUpdate,
  'k8s-control-plane': K8sControlPlane,
  'k8s-workload': K8sWorkload,
  'network-policy': NetworkPolicy,
};

/** The concept's picture, drawn with the live object when the caller passed one. */
export function ConceptDiagram({ id, language, context }: { id: string; language: 'de' | 'en'; context: ConceptContext | undefined }): ReactElement | null {
  const Diagram = diagrams[id];
  return Diagram ? <Diagram language={language} context={context} /> : null;
}
