import { z } from 'zod';

import { ErrorData } from '../errors';

export { controlMethods, rpcErrorNumbers } from './control';

/**
 * JSON-RPC 2.0 as both transports carry it. Subscriptions and cancellation follow LSP's habits:
 * `rpc.subscribe` answers a subscription id, events arrive as `rpc.event` notifications,
 * `$/cancelRequest` cancels a request, `$/progress` reports on a running one.
 */
export const RequestId = z.union([z.string(), z.number()]);
export type RequestId = z.infer<typeof RequestId>;

export const RpcRequest = z.object({
  jsonrpc: z.literal('2.0'),
  id: RequestId,
  method: z.string(),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof RpcRequest>;

export const RpcNotification = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string(),
  params: z.unknown().optional(),
});
export type RpcNotification = z.infer<typeof RpcNotification>;

export const RpcErrorObject = z.object({
  code: z.number(),
  message: z.string(),
  data: ErrorData.optional(),
});

export const RpcResponse = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: RequestId, result: z.unknown() }),
  z.object({ jsonrpc: z.literal('2.0'), id: RequestId.nullable(), error: RpcErrorObject }),
]);
export type RpcResponse = z.infer<typeof RpcResponse>;

export type RpcMessage = RpcRequest | RpcNotification | RpcResponse;

export const SubscribeParams = z.object({ topic: z.string(), params: z.unknown().optional() });
export const SubscribeResult = z.object({ subscription: z.string() });
export const UnsubscribeParams = z.object({ subscription: z.string() });
export const EventParams = z.object({ subscription: z.string(), event: z.unknown() });
export const CancelParams = z.object({ id: RequestId });
export const ProgressParams = z.object({ id: RequestId, value: z.unknown() });

