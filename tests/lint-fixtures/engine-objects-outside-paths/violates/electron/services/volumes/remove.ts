import type Docker from 'dockerode';

export async function remove(docker: Docker, name: string): Promise<void> {
  await docker.getVolume(name).remove();
}
