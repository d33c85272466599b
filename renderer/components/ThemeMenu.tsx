import { Menu, useMantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** The theme button's menu: light, dark, or following the OS (loaded by ThemeSwitch.tsx). */
export function ThemeMenu({ button, opened }: { button: ReactElement; opened: boolean }): ReactElement {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  return (
    <Menu position="bottom-end" defaultOpened={opened}>
      <Menu.Target>{button}</Menu.Target>
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
