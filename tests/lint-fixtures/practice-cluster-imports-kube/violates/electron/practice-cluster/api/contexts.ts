import { KubeService } from '../../services/kube/kube';

export const service = KubeService;
