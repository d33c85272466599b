import { startCluster } from '../../practice-cluster/cluster';

export const start = startCluster;
