import type { Transport } from './client';

/** What the Electron preload exposes; nothing else crosses into the page. */
export interface PreloadBridge {
  post(message: unknown): void;
  onMessage(callback: (message: unknown) => void): () => void;
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    send: (message) => bridge.post(message),
    onMessage: (callback) => bridge.onMessage(callback),
    onStatus: () => () => undefined,
  };
}

/** The browser bridge: JSON-RPC over a WebSocket at /rpc, reopened with backoff when it drops. */
export function webSocketTransport(url: string): Transport {
  const messageListeners = new Set<(message: unknown) => void>();
  const statusListeners = new Set<(open: boolean) => void>();
  const queue: string[] = [];
  let socket: WebSocket | undefined;
  let delay = 500;

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = 500;
      for (const text of queue.splice(0)) ws.send(text);
      for (const l of statusListeners) l(true);
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      // The bridge sends what it answered in one turn as one frame: an array of messages, in order.
      for (const one of Array.isArray(message) ? (message as unknown[]) : [message]) for (const l of messageListeners) l(one);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const l of statusListeners) l(false);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  connect();

  return {
    send: (message) => {
      const text = JSON.stringify(message);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    },
    onMessage: (callback) => {
      messageListeners.add(callback);
      return () => messageListeners.delete(callback);
    },
    onStatus: (callback) => {
      statusListeners.add(callback);
      return () => statusListeners.delete(callback);
    },
  };
}
