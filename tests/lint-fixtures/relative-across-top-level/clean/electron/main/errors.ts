import { LotseError } from '@shared/errors';

import { version } from '../../package.json';
import { toLotseError } from '../rpc/errors';

export const parts = [LotseError, version, toLotseError];
