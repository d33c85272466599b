import { LotseError } from '@shared/errors';

import { containerOf } from '../docker/paths';

export const parts = [LotseError, containerOf];
