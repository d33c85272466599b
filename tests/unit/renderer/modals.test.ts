import { describe, expect, it, vi } from 'vitest';

// Mantine's modals API sends window events to its provider; there is no window here, so the test
// records what reaches that API instead.
const reached: [string, unknown][] = [];
vi.mock('@mantine/modals', () => ({
  modals: {
    open: (payload: { modalId: string }) => reached.push(['open', payload.modalId]),
    openConfirmModal: (payload: { modalId: string }) => reached.push(['confirm', payload.modalId]),
    close: (id: string) => reached.push(['close', id]),
  },
}));

const { modals, modalsMounted } = await import('../../../renderer/actions/modals');
const { useSettled } = await import('../../../renderer/stores/settled');

describe('dialogs asked for before their provider is mounted', () => {
  it('wait for it, settle the window at once, keep their order, and have their ids at once', () => {
    expect(useSettled.getState().settled).toBe(false);
    const first = modals.open({ title: 'Tag' });
    const confirm = modals.openConfirmModal({ title: 'Remove?' });
    modals.close(first);
    expect(first).not.toBe(confirm);
    expect(reached).toEqual([]);
    expect(useSettled.getState().settled).toBe(true);

    modalsMounted();
    expect(reached).toEqual([
      ['open', first],
      ['confirm', confirm],
      ['close', first],
    ]);

    // Once mounted, calls go straight through, with the caller's own id when it has one.
    modals.open({ title: 'Pull', modalId: 'pull' });
    expect(reached.at(-1)).toEqual(['open', 'pull']);
  });
});
