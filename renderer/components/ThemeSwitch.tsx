import { ActionIcon, Menu, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { settleNow, useSettled } from '../stores/settled';

/**
 * Light, dark, or following the OS (the default). The menu is set up once the window has settled
 * (stores/settled.ts); a click before that sets it up at once and opens it.
 */
export function ThemeSwitch(): ReactElement {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const settled = useSettled((s) => s.settled);
  const [clickedEarly, setClickedEarly] = useState(false);
  const button = (onClick?: () => void): ReactElement => (
    <ActionIcon variant="default" size="lg" aria-label={t('shell.theme.label')} data-testid="theme-switch" onClick={onClick}>
      {computed === 'dark' ? <IconMoon size={18} /> : <IconSun size={18} />}
    </ActionIcon>
  );
  if (!settled) {
    return button(() => {
      setClickedEarly(true);
      settleNow();
    });
  }
  return (
    <Menu position="bottom-end" defaultOpened={clickedEarly}>
      <Menu.Target>{button()}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconSun size={16} />} onClick={() => setColorScheme('light')} data-testid="theme-light">
          {t('shell.theme.light')}
        </Menu.Item>
        <Menu.Item leftSection={<IconMoon size={16} />} onClick={() => setColorScheme('dark')} data-testid="theme-dark">
          {t('shell.theme.dark')}
        </Menu.Item>
        <Menu.Item leftSection={<IconDeviceDesktop size={16} />} onClick={() => setColorScheme('auto')} data-testid="theme-auto">
          {t('shell.theme.auto')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
