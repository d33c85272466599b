import { modals as mantineModals } from '@mantine/modals';

import { settleNow } from '../stores/settled';

type Modals = typeof mantineModals;

let mounted = false;
const waiting: (() => void)[] = [];
let nextId = 0;

/** Called by the modals' host (components/ModalsHost.tsx) once its provider listens. */
export function modalsMounted(): void {
  mounted = true;
  for (const run of waiting.splice(0)) run();
}

const whenMounted = (run: () => void): void => {
  if (mounted) return run();
  // The provider mounts when the window settles: a dialog asked for before that settles it now.
  waiting.push(run);
  settleNow();
  return undefined;
};

const withId = <P extends { modalId?: string }>(payload: P): P & { modalId: string } => ({ ...payload, modalId: payload.modalId ?? `lotse-modal-${++nextId}` });

/**
 * Mantine's modals API, safe to call before their provider is mounted: the call waits for it. The
 * provider and the Modal component are not part of the first load (App.tsx mounts them once the window
 * has settled). Ids are made here, so `open` still answers at once.
 */
export const modals: Pick<Modals, 'open' | 'openConfirmModal' | 'close'> = {
  open: (payload) => {
    const request = withId(payload);
    whenMounted(() => mantineModals.open(request));
    return request.modalId;
  },
  openConfirmModal: (payload) => {
    const request = withId(payload);
    whenMounted(() => mantineModals.openConfirmModal(request));
    return request.modalId;
  },
  close: (id) => whenMounted(() => mantineModals.close(id)),
};
