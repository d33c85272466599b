import { toLotseError } from '../docker/errors';

export const refusal = (error: unknown): string => toLotseError(error).message;
