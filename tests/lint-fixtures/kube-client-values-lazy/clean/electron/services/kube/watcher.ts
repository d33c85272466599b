import type { KubeConfig, Watch } from '@kubernetes/client-node';

import { clientNode } from './client';

export async function make(kc: KubeConfig): Promise<Watch> {
  const { Watch } = await clientNode();
  return new Watch(kc);
}
