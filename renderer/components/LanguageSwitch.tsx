import { SegmentedControl } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { type Language, setLanguage } from '../i18n';

export function LanguageSwitch(): ReactElement {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('shell.language')}
      data-testid="language-switch"
      value={i18n.language === 'de' ? 'de' : 'en'}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'de', label: 'DE' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
