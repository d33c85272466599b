import { ActionIcon, useComputedColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { lazy, type ReactElement, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { settleNow, useSettled } from '../stores/settled';

const ThemeMenu = lazy(() => import('./ThemeMenu').then((m) => ({ default: m.ThemeMenu })));

/**
 * Light, dark, or following the OS (the default). The menu (Mantine's Menu and its floating
 * positioning) is loaded once the window has settled (stores/settled.ts); a click before that loads
 * it at once and opens it.
 */
export function ThemeSwitch(): ReactElement {
  const { t } = useTranslation();
  const computed = useComputedColorScheme('light');
  const settled = useSettled((s) => s.settled);
  const [clickedEarly, setClickedEarly] = useState(false);
  const button = (onClick?: () => void): ReactElement => (
    <ActionIcon variant="default" size="lg" aria-label={t('shell.theme.label')} data-testid="theme-switch" onClick={onClick}>
      {computed === 'dark' ? <IconMoon size={18} /> : <IconSun size={18} />}
    </ActionIcon>
  );
  const early = button(() => {
    setClickedEarly(true);
    settleNow();
  });
  if (!settled) return early;
  return (
    <Suspense fallback={early}>
      <ThemeMenu button={button()} opened={clickedEarly} />
    </Suspense>
  );
}
