import { useCallback, useState } from 'react';

import type { ErrorData } from '@shared/errors';

import { toErrorData } from '../stores/errors';

/**
 * A form's submit: busy while it runs, the error kept for the form to show next to its fields.
 * The error belongs to the values that were sent: once the learner changes them, it is gone.
 */
export function useSubmit(values: unknown): {
  busy: boolean;
  error: ErrorData | undefined;
  submit: (work: () => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<{ error: ErrorData; sent: string } | undefined>(undefined);
  const current = JSON.stringify(values);
  const submit = useCallback(
    async (work: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setFailed(undefined);
      try {
        await work();
        return true;
      } catch (e) {
        setFailed({ error: toErrorData(e), sent: current });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [current],
  );
  return { busy, error: failed && failed.sent === current ? failed.error : undefined, submit };
}
