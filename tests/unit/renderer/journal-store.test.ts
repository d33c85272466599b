import { describe, expect, it, vi } from 'vitest';

import { JournalService } from '../../../electron/services/learn/journal';
import { learnHandlers } from '../../../electron/rpc/handlers/learn';
import { Router } from '../../../electron/rpc/router';
import type { Services } from '../../../electron/rpc/services';
import { RpcClient } from '../../../renderer/api/client';
import type * as journalStore from '../../../renderer/stores/journal';
import { inMemoryTransport } from '../../support/in-memory';
import { staticAreas } from '../../support/areas';

type JournalModule = typeof journalStore;

/** The backend's journal behind the real router; the learn handlers need nothing else for it. */
function backendWith(journal: JournalService): Router {
  const services = { journal } as unknown as Services;
  return new Router({ areas: staticAreas(learnHandlers.methods(services), learnHandlers.topics(services)), version: 'test', strictResults: true });
}

/** A fresh renderer, as after a page reload: the store module loaded anew and connected to the backend. */
async function freshWindow(router: Router): Promise<{ store: JournalModule; client: RpcClient; dispose: () => void }> {
  vi.resetModules();
  const store = await import('../../../renderer/stores/journal');
  const client = new RpcClient(inMemoryTransport(router));
  const dispose = store.connectJournal(client);
  return { store, client, dispose };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

describe('the journal kept by the backend', () => {
  it('survives a reload of the window: the new window reads what the old one recorded', async () => {
    const router = backendWith(new JournalService());
    const first = await freshWindow(router);
    await settle();
    const journal = first.store.useJournal.getState();
    const ok = journal.add({ label: 'Create volume foo', command: 'docker volume create foo' });
    journal.finish(ok, {});
    const failed = journal.add({ label: 'Remove nope', command: 'docker rm nope' });
    journal.finish(failed, { error: { code: 'NOT_FOUND', message: 'No such container: nope' } });
    await settle();
    first.dispose();

    const second = await freshWindow(router);
    await expect.poll(() => second.store.useJournal.getState().entries.length).toBe(2);
    const entries = second.store.useJournal.getState().entries;
    expect(entries.map((e) => [e.command, e.status])).toEqual([
      ['docker volume create foo', 'ok'],
      ['docker rm nope', 'error'],
    ]);
    expect(entries[1]?.error?.code).toBe('NOT_FOUND');
    second.dispose();
  });

  it("pushes one window's actions and a clear to the others", async () => {
    const router = backendWith(new JournalService());
    const a = await freshWindow(router);
    const b = await freshWindow(router);
    await settle();
    const id = b.store.useJournal.getState().add({ label: 'Pull', command: 'docker pull lotse-lab/busybox:1.0' });
    b.store.useJournal.getState().finish(id, {});
    await expect.poll(() => a.store.useJournal.getState().entries.map((e) => e.status)).toEqual(['ok']);
    a.store.useJournal.getState().clear();
    await expect.poll(() => b.store.useJournal.getState().entries.length).toBe(0);
    a.dispose();
    b.dispose();
  });

  it('keeps only the newest entries, and says how many it keeps', async () => {
    const journal = new JournalService(3);
    for (let i = 1; i <= 5; i++) journal.record({ id: `x-${String(i)}`, label: `Action ${String(i)}`, command: `docker volume create v${String(i)}` });
    const router = backendWith(journal);
    const window = await freshWindow(router);
    await expect.poll(() => window.store.useJournal.getState().entries.map((e) => e.id)).toEqual(['x-3', 'x-4', 'x-5']);
    expect(window.store.useJournal.getState().limit).toBe(3);
    window.store.useJournal.getState().add({ label: 'Action 6', command: 'docker volume create v6' });
    await settle();
    expect(window.store.useJournal.getState().entries.map((e) => e.label)).toEqual(['Action 4', 'Action 5', 'Action 6']);
    expect(journal.list().entries.map((e) => e.label)).toEqual(['Action 4', 'Action 5', 'Action 6']);
    window.dispose();
  });

  it('refuses malformed journal requests with an error answer', async () => {
    const client = new RpcClient(inMemoryTransport(backendWith(new JournalService())));
    await expect(client.call('learn.journal.record', { id: '', label: 'x', command: 'y' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await client.call('learn.journal.record', { id: 'same', label: 'x', command: 'y' });
    await expect(client.call('learn.journal.record', { id: 'same', label: 'x', command: 'y' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await client.call('learn.journal.finish', { id: 'gone' })).toBeNull();
  });
});
