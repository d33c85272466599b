import { LotseError } from '../errors';

export const error = LotseError;
