import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { RPC_CHANNEL } from '@shared/rpc/ipc';

// Only a pipe for JSON-RPC messages: no logic, no validation, no other door into the main process.
contextBridge.exposeInMainWorld('lotse', {
  post(message: unknown): void {
    ipcRenderer.send(RPC_CHANNEL, message);
  },
  onMessage(callback: (message: unknown) => void): () => void {
    const listener = (_event: IpcRendererEvent, message: unknown): void => callback(message);
    ipcRenderer.on(RPC_CHANNEL, listener);
    return () => ipcRenderer.removeListener(RPC_CHANNEL, listener);
  },
});
