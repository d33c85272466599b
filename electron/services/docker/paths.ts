import { createRequire } from 'node:module';

import type Docker from 'dockerode';

import { LotseError } from '@shared/errors';

/**
 * Ids and names go into the engine's URLs through here, and only through here: dockerode pastes
 * them into the path as they are ('/containers/' + id + '/json?'), so a `?` would start the query
 * string and a `/` or `..` would lead to another path.
 */

function unusable(value: string): LotseError {
  return new LotseError('INVALID_PARAMS', `${JSON.stringify(value.slice(0, 100))} cannot name an object in a request to the engine.`);
}

/** One path segment, percent-encoded. The engine decodes `%2F` back to `/` before routing, so those stay refused. */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..' || value.includes('/')) throw unusable(value);
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form.
    throw unusable(value);
  }
}

export function containerOf(docker: Docker, ref: string): Docker.Container {
  return docker.getContainer(segment(ref));
}

/** Image names keep their slashes (the engine's /images/{name}/json route takes them); each part is encoded. */
export function imageOf(docker: Docker, ref: string): Docker.Image {
  return docker.getImage(ref.split('/').map(segment).join('/'));
}

export function networkOf(docker: Docker, ref: string): Docker.Network {
  return docker.getNetwork(segment(ref));
}

export function volumeOf(docker: Docker, name: string): Docker.Volume {
  return docker.getVolume(segment(name));
}

/**
 * docker-modem follows redirects with a request of its own that has no error listener: its failure
 * (the engine is a socket, the redirect names a host) is an uncaught exception that ends the process.
 * The engine never redirects a well-formed request, so none is followed: with a limit of 0 the
 * redirect becomes the request's error. This module builds every path that carries an id, so
 * wherever it is loaded (main process, layer worker) the limit is set.
 */
const modemHttp = createRequire(createRequire(import.meta.url).resolve('dockerode'))('docker-modem/lib/http.js') as { maxRedirects: number };
modemHttp.maxRedirects = 0;
