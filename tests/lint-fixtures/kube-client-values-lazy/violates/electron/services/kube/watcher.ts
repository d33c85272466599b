import { Watch } from '@kubernetes/client-node';

export const make = (kc: ConstructorParameters<typeof Watch>[0]): Watch => new Watch(kc);
