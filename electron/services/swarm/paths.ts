import type Docker from 'dockerode';

import { segment } from '../docker/paths';

/**
 * Swarm ids and names go into the engine's URLs through here, encoded as one path segment each
 * (the same rule as docker/paths.ts, which also keeps redirects from being followed).
 */

export function serviceOf(docker: Docker, ref: string): Docker.Service {
  return docker.getService(segment(ref));
}

export function nodeOf(docker: Docker, ref: string): Docker.Node {
  return docker.getNode(segment(ref));
}
