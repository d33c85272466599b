import type Docker from 'dockerode';

export async function image(docker: Docker, ref: string): Promise<string> {
  return (await docker.getImage(ref).inspect()).Id;
}
