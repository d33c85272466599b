import { cpus, release, totalmem } from 'node:os';

import type { Node } from 'kubernetes-types/core/v1';

import { SERVER_VERSION } from './api/discovery';
import { timestamp, type KObject } from './types';

/** The practice nodes: one control plane (tainted NoSchedule, as kubeadm makes it) and workers, kind-style names. */
export interface NodeLayout {
  controlPlanes: number;
  workers: number;
}

export interface NodeFacts {
  cpus: number;
  memoryBytes: number;
  osImage: string;
  kernelVersion: string;
  runtimeVersion: string;
  architecture: string;
}

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' } as const;

export function nodeNames(prefix: string, layout: NodeLayout): { name: string; controlPlane: boolean }[] {
  const out: { name: string; controlPlane: boolean }[] = [];
  for (let i = 0; i < layout.controlPlanes; i++) out.push({ name: `${prefix}-control-plane${i ? i + 1 : ''}`, controlPlane: true });
  for (let i = 0; i < layout.workers; i++) out.push({ name: `${prefix}-worker${i ? i + 1 : ''}`, controlPlane: false });
  return out;
}

export function hostFacts(): NodeFacts {
  return {
    cpus: cpus().length,
    memoryBytes: totalmem(),
    osImage: `${process.platform} (Lotse practice node)`,
    kernelVersion: release(),
    runtimeVersion: 'none://',
    architecture: process.arch === 'x64' ? 'amd64' : process.arch,
  };
}

/** Node status as a kubelet reports it; `Ready` while the practice cluster runs. */
export function nodeStatus(facts: NodeFacts, startedAt: Date): NonNullable<Node['status']> {
  const since = timestamp(startedAt);
  const memKi = `${Math.floor(facts.memoryBytes / 1024)}Ki`;
  const condition = (type: string, status: string, reason: string, message: string): NonNullable<NonNullable<Node['status']>['conditions']>[number] => ({
    type,
    status,
    lastHeartbeatTime: since,
    lastTransitionTime: since,
    reason,
    message,
  });
  return {
    capacity: { cpu: String(facts.cpus), memory: memKi, pods: '110', 'ephemeral-storage': '102400000Ki' },
    allocatable: { cpu: String(facts.cpus), memory: memKi, pods: '110', 'ephemeral-storage': '102400000Ki' },
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: 'localhost' },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: facts.kernelVersion,
      osImage: facts.osImage,
      containerRuntimeVersion: facts.runtimeVersion,
      kubeletVersion: SERVER_VERSION.gitVersion,
      kubeProxyVersion: SERVER_VERSION.gitVersion,
      operatingSystem: 'linux',
      architecture: facts.architecture,
    },
  };
}

export function nodeObject(name: string, controlPlane: boolean, facts: NodeFacts, startedAt: Date): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': facts.architecture,
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': facts.architecture,
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { ...(controlPlane ? { taints: [{ ...CONTROL_PLANE_TAINT }] } : {}) },
    status: nodeStatus(facts, startedAt),
  };
}
