import type Docker from 'dockerode';

import { volumeOf } from '../docker/paths';

export async function remove(docker: Docker, name: string): Promise<void> {
  await volumeOf(docker, name).remove();
}
