import { Button } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { type Language, languages, setLanguage } from '../i18n';

/** DE | EN in the header: two buttons, the learner's language pressed. */
export function LanguageSwitch(): ReactElement {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'de' ? 'de' : 'en';
  return (
    <Button.Group aria-label={t('shell.language')} data-testid="language-switch">
      {languages.map((language) => (
        <Button
          key={language}
          size="compact-xs"
          variant={language === current ? 'filled' : 'default'}
          aria-pressed={language === current}
          onClick={() => language !== current && setLanguage(language)}
        >
          {language.toUpperCase()}
        </Button>
      ))}
    </Button.Group>
  );
}
