import { useCallback, useState } from 'react';

import type { ErrorData } from '@shared/errors';

import { toErrorData } from '../stores/errors';

/** A form's submit: busy while it runs, the error kept for the form to show next to its fields. */
export function useSubmit(): {
  busy: boolean;
  error: ErrorData | undefined;
  submit: (work: () => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | undefined>(undefined);
  const submit = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(toErrorData(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, submit };
}
