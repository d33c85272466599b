import { RpcClient } from './client';
import { ipcTransport, type PreloadBridge, webSocketTransport } from './transports';

declare global {
  interface Window {
    lotse?: PreloadBridge;
  }
}

/** Picks the transport once: the Electron preload when present, else the bridge's WebSocket. */
function createClient(): RpcClient {
  if (window.lotse) return new RpcClient(ipcTransport(window.lotse));
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const url = new URL('/rpc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ token }).toString();
  return new RpcClient(webSocketTransport(url.toString()));
}

export const api = createClient();
