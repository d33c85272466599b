import { SegmentedControl } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { setLanguage } from '../i18n';

export function LanguageSwitch(): ReactElement {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('shell.language')}
      data-testid="language-switch"
      value={i18n.language === 'de' ? 'de' : 'en'}
      onChange={(value) => setLanguage(value === 'de' ? 'de' : 'en')}
      data={[
        { value: 'de', label: 'DE' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
