import { z } from 'zod';

export interface MethodSpec {
  readonly summary: string;
  readonly params: z.ZodType;
  readonly result: z.ZodType;
  /** Long work: what each `$/progress` notification of a call carries. */
  readonly progress?: z.ZodType;
}

export interface TopicSpec {
  readonly summary: string;
  readonly params: z.ZodType;
  readonly event: z.ZodType;
}

export const NoParams = z.object({}).strict();
