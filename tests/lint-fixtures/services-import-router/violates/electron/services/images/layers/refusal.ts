import type { Router } from '../../../rpc/router';

export type Routed = Router;
