import { LogRing } from './log-ring';

export const ring = new LogRing(10);
