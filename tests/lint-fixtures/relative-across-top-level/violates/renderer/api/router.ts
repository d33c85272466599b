import type { Router } from '../../electron/rpc/router';

export type Routed = Router;
