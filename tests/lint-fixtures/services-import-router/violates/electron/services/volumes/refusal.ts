import { toLotseError } from '../../rpc/errors';

export const refusal = (error: unknown): string => toLotseError(error).message;
