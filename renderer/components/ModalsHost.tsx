import { ModalsProvider } from '@mantine/modals';
import { type ReactElement, useEffect } from 'react';

import { modalsMounted } from '../actions/modals';

/** Where dialogs opened through actions/modals.ts show (loaded by App.tsx once the window has settled). */
export function ModalsHost(): ReactElement {
  useEffect(() => modalsMounted(), []);
  return <ModalsProvider />;
}
