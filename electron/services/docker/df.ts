import type Docker from 'dockerode';

const inflight = new WeakMap<Docker, Promise<unknown>>();
const BUSY = 'disk usage operation is already running';

/**
 * GET /system/df, shared: the engine refuses a second one while one runs (from any client), so
 * callers in this process share the running request and a refusal from elsewhere is waited out.
 */
export function readDf<T>(docker: Docker): Promise<T> {
  const running = inflight.get(docker);
  if (running) return running as Promise<T>;
  const request = (async (): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await docker.df();
      } catch (error) {
        const e = error as { json?: { message?: string } | null; message?: string };
        if (!(e.json?.message ?? e.message ?? '').includes(BUSY) || attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })().finally(() => inflight.delete(docker));
  inflight.set(docker, request);
  return request as Promise<T>;
}
