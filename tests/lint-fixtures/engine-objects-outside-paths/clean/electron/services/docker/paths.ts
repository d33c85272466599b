import type Docker from 'dockerode';

export function containerOf(docker: Docker, ref: string): Docker.Container {
  return docker.getContainer(encodeURIComponent(ref));
}
