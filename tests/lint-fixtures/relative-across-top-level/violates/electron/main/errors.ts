import { LotseError } from '../../shared/errors';

export const error = LotseError;
