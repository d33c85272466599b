import { z } from 'zod';

import type { Methods, Topics } from './contract';

/** An OpenRPC document generated from the whole contract (shared/contract.ts loadContract), answered to `rpc.discover`. */
export function openRpcDocument(version: string, { methods, topics }: { methods: Methods; topics: Topics }): Record<string, unknown> {
  const schema = (type: z.ZodType): unknown => z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
  return {
    openrpc: '1.3.2',
    info: {
      title: 'Lotse',
      version,
      description: 'The contract between the Lotse UI and its backend. Subscriptions: rpc.subscribe / rpc.event.',
    },
    methods: [
      ...Object.entries(methods).map(([name, spec]) => ({
        name,
        summary: spec.summary,
        paramStructure: 'by-name',
        params: [{ name: 'params', required: false, schema: schema(spec.params) }],
        result: { name: 'result', schema: z.toJSONSchema(spec.result, { unrepresentable: 'any' }) },
      })),
      ...Object.entries(topics).map(([name, spec]) => ({
        name: `rpc.subscribe#${name}`,
        summary: `Subscribe: ${spec.summary}`,
        paramStructure: 'by-name',
        params: [
          { name: 'topic', required: true, schema: { const: name } },
          { name: 'params', required: false, schema: schema(spec.params) },
        ],
        result: { name: 'subscription', schema: { type: 'object', properties: { subscription: { type: 'string' } } } },
        'x-event': { name: 'rpc.event', schema: z.toJSONSchema(spec.event, { unrepresentable: 'any' }) },
      })),
    ],
  };
}
