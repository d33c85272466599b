/** The one Electron IPC channel: JSON-RPC messages between the main process and the window, both ways. */
export const RPC_CHANNEL = 'lotse:rpc';
