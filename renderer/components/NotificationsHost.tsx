import '@mantine/notifications/styles.css';

import { Notifications } from '@mantine/notifications';
import type { ReactElement } from 'react';

/** Where notifications show (loaded by App.tsx once the window has settled; earlier ones wait in their store). */
export function NotificationsHost(): ReactElement {
  return <Notifications position="bottom-right" limit={4} />;
}
