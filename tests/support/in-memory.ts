import type { Router } from '../../electron/rpc/router';
import type { Transport } from '../../renderer/api/client';

/** What Electron IPC does, without Electron: every message is copied through JSON as IPC would. */
export function inMemoryTransport(router: Router): Transport {
  const listeners = new Set<(m: unknown) => void>();
  const connection = router.connect((m) => listeners.forEach((l) => l(JSON.parse(JSON.stringify(m)))));
  return {
    send: (m) => connection.receive(JSON.parse(JSON.stringify(m))),
    onMessage: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    onStatus: () => () => undefined,
  };
}
