/** The JSON-RPC names and numbers both ends use, without the schemas (shared/rpc/jsonrpc.ts) that check messages. */

/** Standard JSON-RPC error numbers; application errors use -32000 and carry ErrorData. */
export const rpcErrorNumbers = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  application: -32000,
  cancelled: -32800,
} as const;

/** The protocol's own methods and notifications, beside the contract's. */
export const controlMethods = {
  subscribe: 'rpc.subscribe',
  unsubscribe: 'rpc.unsubscribe',
  event: 'rpc.event',
  discover: 'rpc.discover',
  cancel: '$/cancelRequest',
  progress: '$/progress',
} as const;
