import '@mantine/spotlight/styles.css';

import { type SpotlightActionData, type SpotlightFilterFunction, Spotlight } from '@mantine/spotlight';
import { IconLanguage, IconMoon, IconSearch, IconSun } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useMantineColorScheme } from '@mantine/core';

import { navigationAreas } from '@shared/areas';

import { setLanguage } from '../i18n';
import { useNavigation } from '../stores/navigation';
import { paletteStore } from '../stores/palette';
import { AreaIcon } from './AreaIcon';

/** Matches label and description; actions whose label matches come before those found by their description. */
export const rankByLabel: SpotlightFilterFunction = (query, actions) => {
  const q = query.trim().toLowerCase();
  const text = (a: object, key: 'label' | 'description'): string => {
    const value = (a as Record<string, unknown>)[key];
    return typeof value === 'string' ? value.toLowerCase() : '';
  };
  const rank = (a: object): number => {
    const label = text(a, 'label');
    if (label.startsWith(q)) return 0;
    if (label.includes(q)) return 1;
    return text(a, 'description').includes(q) ? 2 : 3;
  };
  if (!q) return actions;
  return actions.filter((a) => rank(a) < 3).sort((a, b) => rank(a) - rank(b));
};

/**
 * Go anywhere, switch language or theme, from the keyboard. Loaded with its first opening
 * (components/PaletteHost.tsx, which also owns the Ctrl+K shortcut).
 */
export function CommandPalette(): ReactElement {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  const { setColorScheme } = useMantineColorScheme();
  const actions: SpotlightActionData[] = [
    ...navigationAreas.map(({ id, icon }) => ({
      id: `go-${id}`,
      label: t(`nav.${id}`),
      description: t(`area.${id}`, { defaultValue: '' }),
      onClick: () => go(id),
      leftSection: <AreaIcon icon={icon} size={18} />,
    })),
    { id: 'lang-de', label: 'Deutsch', onClick: () => setLanguage('de'), leftSection: <IconLanguage size={18} /> },
    { id: 'lang-en', label: 'English', onClick: () => setLanguage('en'), leftSection: <IconLanguage size={18} /> },
    { id: 'theme-light', label: t('shell.theme.light'), onClick: () => setColorScheme('light'), leftSection: <IconSun size={18} /> },
    { id: 'theme-dark', label: t('shell.theme.dark'), onClick: () => setColorScheme('dark'), leftSection: <IconMoon size={18} /> },
  ];
  return (
    <Spotlight
      store={paletteStore}
      actions={actions}
      filter={rankByLabel}
      shortcut={null}
      nothingFound={t('shell.palette.nothing')}
      highlightQuery
      searchProps={{ leftSection: <IconSearch size={18} />, placeholder: t('shell.palette.placeholder') }}
    />
  );
}
