/**
 * @kubernetes/client-node, loaded when Kubernetes is first used rather than at start: once loaded it holds
 * some 80 MB (its generated models and transports), more than the rest of the backend together, and a
 * learner who only uses Docker never needs it. Types come from it directly (`import type`); values
 * through this.
 */

import type * as Kubernetes from '@kubernetes/client-node';

export type ClientNode = typeof Kubernetes;

let loading: Promise<ClientNode> | undefined;

export function clientNode(): Promise<ClientNode> {
  loading ??= import('@kubernetes/client-node');
  return loading;
}
